"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import { conversationStore } from "@/lib/chat/conversation-store";
import type { MediaAttachment } from "@/lib/conversation/attachment-types";
import { formatVideoTime } from "@/lib/media/frame-sampling";
import { mediaCache } from "@/lib/media/media-cache";
import { currentFrames } from "@/lib/media/attachment-parts";
import { formatBytes, frameListFor, type MediaFix, type MediaIssue, type MediaDelivery } from "@/lib/media/media-rules";
import { useBlobObjectUrl, useMediaCache } from "@/lib/media/use-media";
import type { Translate } from "@/lib/i18n/translate";
import { mediaIssueText, taskLabel } from "@/components/i18n/media-text";
import { VideoControls } from "./video-controls";
import { workbenchText } from "@/components/i18n/workbench-text";

function fixLabel(fix: MediaFix, t: Translate): string {
  switch (fix.kind) {
    case "downscale":
      return t("media.downscale", { width: fix.width, height: fix.height });
    case "upload":
      return t("media.upload");
    case "send-as-frames":
      return t("media.sendAsFrames");
    case "send-as-file":
      return t("media.sendAsFile");
    case "switch-provider":
      return t("media.switchProvider", { provider: fix.label });
  }
}


const severityStyles: Record<MediaIssue["severity"], string> = {
  error: "border-red-300 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200",
  warning: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100",
  info: "border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300",
};

/** A problem or note about an attachment, with its one-click ways out. */
function IssueNote({ issue, attachmentId }: { issue: MediaIssue; attachmentId: string }) {
  const t = useTranslations();
  return (
    <div role={issue.severity === "error" ? "alert" : "note"} className={`rounded-md border px-2 py-1.5 text-xs ${severityStyles[issue.severity]}`}>
      <p>{mediaIssueText(issue, t)}</p>
      {issue.fixes.length > 0 && (
        <div className="mt-1.5 flex flex-wrap gap-1.5">
          {issue.fixes.map((fix) => (
            <button
              key={fix.kind}
              type="button"
              onClick={() => void conversationStore.media.applyMediaFix({ attachmentId, fix })}
              className="rounded border border-current px-2 py-0.5 font-medium hover:bg-white/60 dark:hover:bg-black/30"
            >
              {fixLabel(fix, t)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** A progress bar for an upload or extraction, with the error and a retry when it failed. */
export function TaskBar({ attachmentId }: { attachmentId: string }) {
  useMediaCache();
  const task = mediaCache.tasks.get(attachmentId);
  const t = useTranslations();
  if (!task) return null;
  const label = taskLabel(task.step, t);
  const percent = task.total > 0 ? Math.round((task.done / task.total) * 100) : 0;
  if (task.error) {
    return (
      <div role="alert" className="flex items-center gap-2 text-xs text-red-700 dark:text-red-300">
        <span>
          {label}: {workbenchText(task.error, t)}
        </span>
        <button type="button" onClick={() => conversationStore.media.retryAttachmentTask(attachmentId)} className="underline">
          {t("files.retry")}
        </button>
      </div>
    );
  }
  const detail = t("media.progress", task.step === "uploading" ? { done: formatBytes(task.done), total: formatBytes(task.total) } : { done: task.done, total: task.total });
  return (
    <div className="space-y-0.5">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className="h-full bg-accent-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-[11px] text-zinc-500 dark:text-zinc-400">
        {t("media.taskProgress", { label, detail, percent })}
      </p>
    </div>
  );
}

function deliveryText(delivery: MediaDelivery, attachment: MediaAttachment, t: Translate): string | undefined {
  switch (delivery.kind) {
    case "uploaded":
      return t("media.sentAsFile", { file: `ms://${delivery.fileId}` });
    case "needs-upload":
      return t("media.toUpload");
    case "frames":
      if (attachment.kind !== "video") return t("media.sentAsFramesPlain");
      return t("media.sentAsFrames", { count: frameListFor(attachment).times.length, extracting: currentFrames(attachment) ? "no" : "yes" });
    case "inline":
      return t("media.sentInline");
    default:
      return undefined;
  }
}

/** A picture or video attached to the message being written: what it is, what is wrong, how it goes. */
export const AttachmentCard = memo(function AttachmentCard({
  attachment,
  issues,
  delivery,
  tokens,
}: {
  attachment: MediaAttachment;
  issues: MediaIssue[];
  delivery: MediaDelivery;
  tokens: number | undefined;
}) {
  const imageUrl = useBlobObjectUrl(attachment.kind === "image" ? attachment.blobKey : undefined);
  const t = useTranslations();
  const delivered = deliveryText(delivery, attachment, t);
  useMediaCache();
  // A video's poster is its first captured thumbnail.
  const poster = attachment.kind === "video" ? mediaCache.thumbnails.get(attachment.blobKey)?.values().next().value : undefined;
  const facts = [
    attachment.width && attachment.height ? `${attachment.width}×${attachment.height}` : t("media.sizeUnknown"),
    formatBytes(attachment.bytes),
    ...(attachment.kind === "video" ? [attachment.durationSeconds !== undefined ? formatVideoTime(attachment.durationSeconds) : t("media.durationUnknown")] : []),
    ...(tokens !== undefined ? [t("media.tokens", { tokens })] : []),
    ...(delivered ? [delivered] : []),
  ];
  return (
    <li aria-label={t("media.attachment", { name: attachment.name })} className="space-y-2 rounded-lg border border-zinc-200 p-2 dark:border-zinc-800">
      <div className="flex items-start gap-2">
        {attachment.kind === "image" ? (
          imageUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- a local blob, not an optimizable asset
            <img src={imageUrl} alt={attachment.name} className="h-14 w-14 shrink-0 rounded object-cover" />
          ) : (
            <div className="h-14 w-14 shrink-0 rounded bg-zinc-100 dark:bg-zinc-800" aria-hidden />
          )
        ) : poster ? (
          // eslint-disable-next-line @next/next/no-img-element -- a frame captured in this browser
          <img src={poster} alt="" className="h-14 w-14 shrink-0 rounded object-cover" />
        ) : (
          <div className="flex h-14 w-14 shrink-0 items-center justify-center rounded bg-zinc-900 text-xs font-medium text-white" aria-hidden>
            {t("media.videoBadge")}
          </div>
        )}
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium" title={attachment.name}>
            {attachment.name}
          </p>
          <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="attachment-facts">
            {facts.join(" · ")}
          </p>
        </div>
        <button
          type="button"
          aria-label={t("media.remove", { name: attachment.name })}
          onClick={() => conversationStore.media.removeDraftAttachment(attachment.id)}
          className="rounded px-1.5 text-lg leading-none text-zinc-500 dark:text-zinc-400 hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        >
          ×
        </button>
      </div>
      <TaskBar attachmentId={attachment.id} />
      {issues.map((issue) => (
        <IssueNote key={issue.code} issue={issue} attachmentId={attachment.id} />
      ))}
      {attachment.kind === "video" && <VideoControls video={attachment} />}
    </li>
  );
});
