import { formatVideoTime } from "./frame-sampling";
import { formatBytes } from "./media-rules";

// Bodies shown on screen (JSON view, "what will be sent", code) carry a short placeholder where the
// real request carries megabytes of base64. A placeholder names its attachment, so edits in the
// JSON view map back to it and the code generator can read the file from disk instead.

/** An attachment's file shown as a placeholder data URL. */
export function filePlaceholder({ attachmentId, mediaType, name, bytes }: { attachmentId: string; mediaType: string; name: string; bytes: number }): string {
  return `data:${mediaType};base64,⟨attachment ${attachmentId} · ${name} · ${formatBytes(bytes)}⟩`;
}

/** One extracted frame shown as a placeholder data URL. */
export function framePlaceholder({ attachmentId, index, count, name, seconds }: { attachmentId: string; index: number; count: number; name: string; seconds: number }): string {
  return `data:image/jpeg;base64,⟨attachment ${attachmentId} frame ${index + 1}/${count} · ${name} at ${formatVideoTime(seconds)}⟩`;
}

/** What a placeholder refers to. */
export interface PlaceholderReference {
  attachmentId: string;
  mediaType: string;
  /** Zero-based frame index, for frame placeholders. */
  frameIndex?: number;
  frameCount?: number;
}

const placeholderPattern = /^data:([^;,]+);base64,⟨attachment ([A-Za-z0-9_-]+)(?: frame (\d+)\/(\d+))? · [^⟩]*⟩$/;

/** Reads a placeholder data URL; undefined for anything else (real data URLs, ms:// ids, http URLs). */
export function readPlaceholder(url: string): PlaceholderReference | undefined {
  const match = placeholderPattern.exec(url);
  if (!match) return undefined;
  return {
    mediaType: match[1]!,
    attachmentId: match[2]!,
    ...(match[3] !== undefined ? { frameIndex: Number(match[3]) - 1, frameCount: Number(match[4]) } : {}),
  };
}

/** The key a media part's token count is looked up by: its attachment, or its URL. */
export function mediaKeyOf(part: { type: string; image_url?: { url: string }; video_url?: { url: string }; video?: string[] }): string {
  const url = part.image_url?.url ?? part.video_url?.url ?? part.video?.[0] ?? "";
  const reference = readPlaceholder(url);
  return reference ? `attachment:${reference.attachmentId}` : url;
}
