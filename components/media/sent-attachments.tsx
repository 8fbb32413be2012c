"use client";

import { useTranslations } from "next-intl";
import type { Attachment, ImageAttachment } from "@/lib/conversation/attachment-types";
import { formatVideoTime } from "@/lib/media/frame-sampling";
import { formatBytes } from "@/lib/media/media-rules";
import { useBlobObjectUrl } from "@/lib/media/use-media";

function SentImage({ image }: { image: ImageAttachment }) {
  const url = useBlobObjectUrl(image.blobKey);
  const t = useTranslations();
  const label = `${image.name}${image.width && image.height ? ` · ${image.width}×${image.height}` : ""} · ${formatBytes(image.bytes)}`;
  return url ? (
    // eslint-disable-next-line @next/next/no-img-element -- a local blob, not an optimizable asset
    <img src={url} alt={image.name} title={label} className="max-h-40 max-w-60 rounded-lg border border-zinc-200 object-contain dark:border-zinc-800" />
  ) : (
    <span className="rounded-lg border border-zinc-200 px-2 py-1 text-xs dark:border-zinc-800" title={label}>
      {t("media.sentImage", { name: image.name })}
    </span>
  );
}

/** What a sent user message carried: pictures, videos with their sampling, documents. */
export default function SentAttachments({ attachments }: { attachments: readonly Attachment[] }) {
  const t = useTranslations();
  return (
    <ul aria-label={t("media.attached")} className="flex flex-wrap justify-end gap-2">
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          {attachment.kind === "image" ? (
            <SentImage image={attachment} />
          ) : attachment.kind === "video" ? (
            <span className="block rounded-lg border border-zinc-200 px-2 py-1 text-xs dark:border-zinc-800">
              {t("media.sentVideo", {
                name: attachment.name,
                duration: attachment.durationSeconds !== undefined ? ` · ${formatVideoTime(attachment.durationSeconds)}` : "",
                fps: attachment.fps,
                maxFrames: attachment.maxFrames,
                as: attachment.delivery === "frames" ? t("media.frameCount", { count: attachment.frames?.times.length ?? "?" }) : attachment.upload ? `ms://${attachment.upload.fileId}` : t("media.file"),
              })}
            </span>
          ) : (
            <span className="block rounded-lg border border-zinc-200 px-2 py-1 text-xs dark:border-zinc-800" title={t("media.fileId", { file: attachment.upload.fileId })}>
              {t("media.sentDocument", { name: attachment.name, characters: attachment.textLength })}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
