import type { Attachment } from "@/lib/conversation/attachment-types";

/** Every browser-storage key an attachment's bytes live under (file, extracted frames, extracted text). */
export function blobKeysOf(attachment: Attachment): string[] {
  if (attachment.kind === "document") return [attachment.blobKey, attachment.textKey];
  if (attachment.kind === "video") return [attachment.blobKey, ...(attachment.frames?.blobKeys ?? [])];
  return [attachment.blobKey];
}

/** The SHA-256 (hex) a content key names (`sha256-<hex>`); undefined for keys without one (`random-…`). */
export function mediaHashOfKey(key: string): string | undefined {
  return /^sha256-([0-9a-f]{64})$/.exec(key)?.[1];
}
