import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { ContentPart, RequestAdjustment } from "@/lib/wire/chat-request";
import type { Attachment, DocumentAttachment, MediaAttachment, VideoAttachment } from "@/lib/conversation/attachment-types";
import { formatVideoTime } from "./frame-sampling";
import { videoLimits } from "@/lib/wire/video-limits";
import { filePlaceholder, framePlaceholder } from "./media-placeholder";
import { frameListFor } from "./media-rules";
import { mediaFormatOf, mediaTypeOfFormat, providerMediaLimits } from "@/lib/catalog/media-limits";

/** Where the bytes and texts of attachments come from when a body is built. */
export interface MediaResolver {
  /** The URL an attachment's file goes as (a data URL or a placeholder); undefined while it loads. */
  fileUrl(attachment: MediaAttachment): string | undefined;
  /** The URL of one extracted frame; undefined while it loads. */
  frameUrl(attachment: VideoAttachment, index: number): string | undefined;
  /** A document's extracted text; undefined while it loads. */
  documentText(attachment: DocumentAttachment): string | undefined;
}


/** The media type a data URL carries for an attachment (derived from its name when the browser gave none). */
export function dataUrlMediaType(attachment: Pick<Attachment, "mediaType" | "name">): string {
  const format = mediaFormatOf(attachment);
  return format ? mediaTypeOfFormat[format] : attachment.mediaType || "application/octet-stream";
}

/** A resolver that shows placeholders instead of bytes (for the JSON view, previews and code). */
export function createPlaceholderResolver({ documentText }: { documentText: (attachment: DocumentAttachment) => string | undefined }): MediaResolver {
  return {
    fileUrl: (attachment) => filePlaceholder({ attachmentId: attachment.id, mediaType: dataUrlMediaType(attachment), name: attachment.name, bytes: attachment.bytes }),
    frameUrl: (attachment, index) => {
      const times = currentFrames(attachment)?.times ?? frameListFor(attachment).times;
      return framePlaceholder({ attachmentId: attachment.id, index, count: times.length, name: attachment.name, seconds: times[index] ?? 0 });
    },
    documentText,
  };
}

/** The extracted frames, if they were extracted for the video's current settings. */
export function currentFrames(video: VideoAttachment): VideoAttachment["frames"] {
  const frames = video.frames;
  return frames && frames.fps === video.fps && frames.maxFrames === video.maxFrames ? frames : undefined;
}

function roundFps(fps: number): number {
  return Math.max(videoLimits.minFps, Math.round(fps * 1000) / 1000);
}

/**
 * The content parts for a message's pictures and videos, the way the provider takes them: images
 * and video files as data URLs (or `ms://` ids once uploaded), `fps` beside every video, `max_frames`
 * only where the provider honours it, and frame lists as `{"type":"video","video":[...],"fps"}`.
 * `pending` names what is not loaded yet (the body then cannot be sent).
 */
export function mediaContentParts({
  attachments,
  providerId,
  resolver,
  messageIndex,
}: {
  attachments: readonly MediaAttachment[];
  providerId: ProviderId;
  resolver: MediaResolver;
  /** Where the message sits in `messages`, for the adjustments' field paths. */
  messageIndex: number;
}): { parts: ContentPart[]; adjustments: RequestAdjustment[]; pending: string[] } {
  const limits = providerMediaLimits[providerId];
  const parts: ContentPart[] = [];
  const adjustments: RequestAdjustment[] = [];
  const pending: string[] = [];
  for (const attachment of attachments) {
    const field = `messages[${messageIndex}].content[${parts.length}]`;
    const uploaded = attachment.upload?.providerId === providerId ? `ms://${attachment.upload.fileId}` : undefined;
    if (attachment.kind === "image") {
      const url = uploaded ?? resolver.fileUrl(attachment);
      if (url === undefined) pending.push(attachment.name);
      parts.push({ type: "image_url", image_url: { url: url ?? "" } });
      continue;
    }
    if (attachment.delivery === "frames") {
      const extracted = currentFrames(attachment);
      const sample = extracted ?? frameListFor(attachment);
      const urls = sample.times.map((_, index) => resolver.frameUrl(attachment, index));
      if (urls.some((url) => url === undefined)) pending.push(`${attachment.name} (frames)`);
      const fps = roundFps(sample.effectiveFps);
      parts.push({ type: "video", video: urls.map((url) => url ?? ""), fps });
      if (fps !== attachment.fps) {
        adjustments.push({
          kind: "changed",
          field: `${field}.fps`,
          reason: `${attachment.name}: max_frames ${attachment.maxFrames} spreads ${sample.times.length} frames over ${formatVideoTime(attachment.durationSeconds ?? 0)}, so the list is sent with fps ${fps} (one frame every ${(1 / fps).toFixed(1)} s) rather than ${attachment.fps}.`,
          code: "frames-fps",
          values: { name: attachment.name, maxFrames: String(attachment.maxFrames), count: String(sample.times.length), duration: formatVideoTime(attachment.durationSeconds ?? 0), fps: String(fps), every: (1 / fps).toFixed(1), original: String(attachment.fps) },
        });
      }
      continue;
    }
    const url = uploaded ?? resolver.fileUrl(attachment);
    if (url === undefined) pending.push(attachment.name);
    const part: ContentPart = { type: "video_url", video_url: { url: url ?? "" }, fps: attachment.fps };
    if (limits.honoursMaxFrames) part.max_frames = attachment.maxFrames;
    else if (attachment.maxFrames !== videoLimits.defaultMaxFrames) {
      adjustments.push({
        kind: "dropped",
        field: `${field}.max_frames`,
        reason: `${attachment.name}: this provider ignores max_frames for video files (only DashScope's native API takes it), so it is not sent. Send the video as frames to enforce it.`,
        code: "max-frames-dropped",
        values: { name: attachment.name },
      });
    }
    parts.push(part);
  }
  return { parts, adjustments, pending };
}
