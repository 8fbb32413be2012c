"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, useRef, useState } from "react";
import { conversationStore } from "@/lib/chat/conversation-store";
import { useWorkbench } from "@/lib/chat/use-workbench";
import { mediaCache } from "@/lib/media/media-cache";
import { useMediaCache } from "@/lib/media/use-media";
import { TokenPreviewBar } from "@/components/tokens/token-preview-bar";
import { blockerText } from "@/components/i18n/media-text";
import { AssistantPrefixField } from "./assistant-prefix-field";

// Attachment cards (video controls, frame strips, fixes) load when something is attached.
const DraftAttachments = lazy(() => import("@/components/media/draft-attachments"));

const acceptedFiles = "image/*,video/*,.mkv,.flv,.wmv,.3gp,.heic,.pdf,.doc,.docx,.txt,.md,.csv,.json,.html,.xlsx,.pptx,.epub";

/** Files carried by a drag or a paste. */
function filesOf(transfer: DataTransfer | null): File[] {
  return transfer ? Array.from(transfer.files) : [];
}

/**
 * Where messages are written: Enter sends, Shift+Enter adds a line, Ctrl/Cmd+Enter sends; Stop while
 * generating. Images, videos and documents attach by button, drag and drop, or paste.
 */
export function Composer() {
  const { loaded, conversation, attachNotice } = useWorkbench();
  useMediaCache();
  const fileInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const t = useTranslations();
  // The message being written lives in the store: it is part of the next request (JSON view, code, preview).
  const text = conversation.draft;
  const generating = conversation.turns.some((turn) => turn.role === "assistant" && turn.status === "streaming");
  const hasContent = text.trim() !== "" || conversation.draftAttachments.length > 0;
  const blocker = hasContent ? conversationStore.draftBlocker(conversation) : undefined;
  const showAttachments = conversation.draftAttachments.length > 0 || mediaCache.incoming.length > 0 || attachNotice !== undefined;
  const send = () => {
    if (!hasContent || generating || !loaded || blocker) return;
    conversationStore.send();
  };
  const attach = (files: File[]) => {
    if (files.length > 0) void conversationStore.media.attachFiles(files);
  };
  return (
    <form
      aria-label={t("composer.form")}
      className="mx-auto w-full max-w-3xl px-4 pb-4"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes("Files")) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        const files = filesOf(event.dataTransfer);
        if (files.length === 0) return;
        event.preventDefault();
        setDragging(false);
        attach(files);
      }}
    >
      {showAttachments && (
        <Suspense fallback={null}>
          <DraftAttachments />
        </Suspense>
      )}
      <div
        data-dragging={dragging || undefined}
        className="flex items-end gap-2 rounded-xl border border-zinc-300 bg-white p-2 shadow-sm focus-within:ring-2 focus-within:ring-accent-500 data-[dragging]:border-accent-500 data-[dragging]:ring-2 data-[dragging]:ring-accent-500 dark:border-zinc-700 dark:bg-zinc-900"
      >
        <input
          ref={fileInput}
          type="file"
          multiple
          accept={acceptedFiles}
          aria-label={t("composer.attachFiles")}
          className="hidden"
          onChange={(event) => {
            attach(Array.from(event.target.files ?? []));
            event.target.value = "";
          }}
        />
        <button
          type="button"
          aria-label={t("composer.attach")}
          title={t("composer.attachTitle")}
          disabled={!loaded}
          onClick={() => fileInput.current?.click()}
          className="flex h-9 w-9 shrink-0 items-center justify-center rounded-lg text-zinc-500 dark:text-zinc-400 hover:bg-zinc-100 hover:text-zinc-900 disabled:opacity-50 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        >
          <svg viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
            <path d="M21 11.5 12.5 20a5 5 0 0 1-7-7l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7L10.2 17.7a1.7 1.7 0 0 1-2.4-2.4L15.5 7.6" />
          </svg>
        </button>
        <textarea
          id="message-box"
          aria-label={t("composer.message")}
          value={text}
          rows={1}
          placeholder={dragging ? t("composer.dropToAttach") : t("composer.placeholder")}
          onChange={(event) => conversationStore.setDraft(event.target.value)}
          onPaste={(event) => {
            const files = filesOf(event.clipboardData);
            if (files.length === 0) return;
            // Pasted files attach; pasted text is typed as usual.
            event.preventDefault();
            attach(files);
          }}
          onKeyDown={(event) => {
            // Enter inside an IME composition picks a candidate; it must not send.
            if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              send();
            }
          }}
          className="max-h-60 min-h-9 flex-1 resize-none bg-transparent px-2 py-1.5 text-[15px] leading-6 outline-none [field-sizing:content]"
        />
        {generating ? (
          <button
            type="button"
            aria-label={t("composer.stop")}
            onClick={() => conversationStore.stop()}
            className="h-9 rounded-lg bg-zinc-900 px-4 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900"
          >
            {t("composer.stop")}
          </button>
        ) : (
          <button
            type="submit"
            aria-label={t("composer.send")}
            title={blocker?.reason}
            disabled={!hasContent || !loaded || blocker !== undefined}
            className="h-9 rounded-lg bg-accent-600 px-4 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-50"
          >
            {t("composer.send")}
          </button>
        )}
      </div>
      {conversation.assistantPrefix !== undefined && <AssistantPrefixField />}
      <div className="mt-1 flex flex-wrap items-center justify-between gap-x-2 px-1">
        <div className="text-xs text-zinc-500 dark:text-zinc-400" aria-live="polite">
          {blocker ? (
            blocker.reasons.length > 1 ? (
              <span className="text-amber-700 dark:text-amber-400">
                {t("composer.problems", { count: blocker.reasons.length })}
                <ul aria-label={t("composer.whyNot")} className="list-disc pl-5">
                  {blocker.reasons.map((reason) => (
                    <li key={reason.message}>{blockerText(reason, t)}</li>
                  ))}
                </ul>
              </span>
            ) : (
              <span className="text-amber-700 dark:text-amber-400">{t("composer.notSendable", { reason: blocker.reasons.map((reason) => blockerText(reason, t)).join(" ") })}</span>
            )
          ) : <>{t("composer.hint", { model: conversation.model || t("composer.noModel") })}</>}
        </div>
        {conversation.assistantPrefix === undefined && <AssistantPrefixField />}
      </div>
      <TokenPreviewBar />
    </form>
  );
}
