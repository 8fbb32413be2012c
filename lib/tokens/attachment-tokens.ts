import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { MediaAttachment } from "@/lib/conversation/attachment-types";
import { videoLimits } from "@/lib/wire/video-limits";
import { frameListFor } from "@/lib/media/media-rules";
import { providerMediaLimits } from "@/lib/catalog/media-limits";
import { imagePartTokens, sampledFrameCount, videoPartTokens } from "@/lib/catalog/vision-tokens";

/** How a video's tokens come about: frames seen, chunks of four, tokens per chunk. */
export interface VideoTokenDetail {
  frames: number;
  chunks: number;
  tokens: number;
}

/**
 * Prompt tokens of a picture or video by the MoonViT rules, from what the workbench knows about it
 * (the same numbers the simulator bills from the bytes). Undefined when its size is unknown.
 */
export function attachmentTokens({ attachment, providerId }: { attachment: MediaAttachment; providerId: ProviderId }): number | undefined {
  if (attachment.width === undefined || attachment.height === undefined) return undefined;
  if (attachment.kind === "image") return imagePartTokens({ width: attachment.width, height: attachment.height });
  return videoTokenDetail({ video: attachment, providerId })?.tokens;
}

/** A video's frames, chunks and tokens as the provider will count them. */
export function videoTokenDetail({ video, providerId }: { video: MediaAttachment & { kind: "video" }; providerId: ProviderId }): VideoTokenDetail | undefined {
  if (video.width === undefined || video.height === undefined || video.durationSeconds === undefined) return undefined;
  // A frame list is exactly the frames sent; a file is sampled by the provider, capped only where it honours max_frames.
  const frames =
    video.delivery === "frames"
      ? frameListFor(video).times.length
      : sampledFrameCount({
          durationSeconds: video.durationSeconds,
          fps: video.fps,
          maxFrames: providerMediaLimits[providerId].honoursMaxFrames ? video.maxFrames : videoLimits.defaultMaxFrames,
        });
  return { frames, chunks: Math.ceil(frames / 4), tokens: videoPartTokens({ width: video.width, height: video.height, frameCount: frames }) };
}
