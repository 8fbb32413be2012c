"use client";

import { useTranslations } from "next-intl";
import { lazy, memo, Suspense, useState } from "react";
import { conversationStore } from "@/lib/chat/conversation-store";
import type { UserTurn } from "@/lib/conversation/conversation-types";
import { CopyButton } from "@/components/ui/copy-button";
import { VersionSwitch } from "./version-switch";

const SentAttachments = lazy(() => import("@/components/media/sent-attachments"));

/** A user message with copy, and edit-and-resend (what it replaces stays as an earlier version). */
export const UserMessage = memo(function UserMessage({ turn, generating }: { turn: UserTurn; generating: boolean }) {
  const [draft, setDraft] = useState<string>();
  const t = useTranslations();
  if (draft !== undefined) {
    const submit = () => {
      conversationStore.editAndResend({ userTurnId: turn.id, text: draft });
      setDraft(undefined);
    };
    return (
      <form
        aria-label={t("chat.editMessage")}
        className="ml-auto w-full max-w-[85%] space-y-2"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <textarea
          aria-label={t("chat.editedMessage")}
          autoFocus
          value={draft}
          rows={Math.min(12, draft.split("\n").length + 1)}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape") setDraft(undefined);
            if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
              event.preventDefault();
              submit();
            }
          }}
          className="w-full rounded-md border border-zinc-300 bg-white p-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <div className="flex justify-end gap-2">
          <button type="button" onClick={() => setDraft(undefined)} className="rounded-md border border-zinc-300 px-3 py-1 text-sm dark:border-zinc-700">
            {t("common.cancel")}
          </button>
          <button type="submit" disabled={!draft.trim() || generating} className="rounded-md bg-accent-600 px-3 py-1 text-sm text-white disabled:opacity-50">
            {t("chat.saveAndSend")}
          </button>
        </div>
      </form>
    );
  }
  return (
    <article aria-label={t("chat.userMessage")} className="group message-offscreen-skip ml-auto max-w-[85%] space-y-1">
      {turn.attachments && turn.attachments.length > 0 && (
        <Suspense fallback={null}>
          <SentAttachments attachments={turn.attachments} />
        </Suspense>
      )}
      {turn.content && <div className="rounded-2xl bg-zinc-100 px-4 py-2 text-[15px] leading-7 whitespace-pre-wrap break-words dark:bg-zinc-800">{turn.content}</div>}
      <div className="flex items-center justify-end gap-1">
        <VersionSwitch turn={turn} disabled={generating} />
        <CopyButton text={turn.content} label={t("chat.copyMessage")} />
        <button
          type="button"
          disabled={generating}
          onClick={() => setDraft(turn.content)}
          className="rounded px-1.5 py-0.5 text-xs text-zinc-500 dark:text-zinc-400 hover:bg-zinc-200 hover:text-zinc-800 disabled:opacity-50 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
        >
          {t("chat.edit")}
        </button>
      </div>
    </article>
  );
});
