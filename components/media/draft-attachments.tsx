"use client";

import { useTranslations } from "next-intl";
import { conversationStore } from "@/lib/chat/conversation-store";
import { useWorkbench } from "@/lib/chat/use-workbench";
import type { DocumentAttachment } from "@/lib/conversation/attachment-types";
import { mediaCache } from "@/lib/media/media-cache";
import { formatBytes } from "@/lib/media/media-rules";
import { useMediaCache } from "@/lib/media/use-media";
import { attachmentTokens } from "@/lib/tokens/attachment-tokens";
import { attachProblemText, taskLabel } from "@/components/i18n/media-text";
import { AttachmentCard } from "./attachment-card";

/** A document whose extracted text goes into a system message before the question. */
function DocumentCard({ document }: { document: DocumentAttachment }) {
  const t = useTranslations();
  return (
    <li aria-label={t("media.attachment", { name: document.name })} className="flex items-center gap-2 rounded-lg border border-zinc-200 p-2 dark:border-zinc-800">
      <div className="flex h-10 w-10 shrink-0 items-center justify-center rounded bg-zinc-100 text-[10px] font-semibold uppercase text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300" aria-hidden>
        {/\.([a-z0-9]+)$/i.exec(document.name)?.[1]?.slice(0, 4) ?? t("testSet.document")}
      </div>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium">{document.name}</p>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {t("media.documentFacts", { size: formatBytes(document.bytes), characters: document.textLength, file: document.upload.fileId })}
        </p>
      </div>
      <button type="button" aria-label={t("media.remove", { name: document.name })} onClick={() => conversationStore.media.removeDraftAttachment(document.id)} className="rounded px-1.5 text-lg leading-none text-zinc-500 dark:text-zinc-400 hover:bg-zinc-100 dark:hover:bg-zinc-800">
        ×
      </button>
    </li>
  );
}

/** The attachments of the message being written, files still being read, and attach problems. */
export default function DraftAttachments() {
  const { conversation, attachNotice } = useWorkbench();
  const t = useTranslations();
  useMediaCache();
  const checks = conversationStore.media.checkDraftAttachments(conversation);
  const incoming = mediaCache.incoming;
  if (conversation.draftAttachments.length === 0 && incoming.length === 0 && !attachNotice) return null;
  return (
    <div className="mb-2 space-y-2">
      {attachNotice && (
        <div role="alert" className="flex items-start gap-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-xs text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          <p className="flex-1">{attachNotice.map((problem) => attachProblemText(problem, t)).join(" ")}</p>
          <button type="button" onClick={() => conversationStore.dismissAttachNotice()} className="underline">
            {t("promptEditor.dismiss")}
          </button>
        </div>
      )}
      <ul aria-label={t("media.attachments")} className="max-h-[45vh] space-y-2 overflow-y-auto">
        {conversation.draftAttachments.map((attachment) => {
          if (attachment.kind === "document") return <DocumentCard key={attachment.id} document={attachment} />;
          const checked = checks.get(attachment.id);
          return (
            <AttachmentCard
              key={attachment.id}
              attachment={attachment}
              issues={checked?.issues ?? []}
              delivery={checked?.delivery ?? { kind: "inline" }}
              tokens={attachmentTokens({ attachment, providerId: conversation.providerId })}
            />
          );
        })}
        {incoming.map((file) => (
          <li key={file.id} className="rounded-lg border border-dashed border-zinc-300 p-2 text-xs text-zinc-500 dark:text-zinc-400 dark:border-zinc-700">
            <p>
              {t("media.incoming", { name: file.name, step: file.progress ? taskLabel(file.progress.step, t) : t("media.reading") })}
            </p>
            {file.progress && file.progress.total > 0 && (
              <div role="progressbar" aria-label={`${taskLabel(file.progress.step, t)} ${file.name}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((file.progress.done / file.progress.total) * 100)} className="mt-1 h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
                <div className="h-full bg-accent-600" style={{ width: `${Math.round((file.progress.done / file.progress.total) * 100)}%` }} />
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
