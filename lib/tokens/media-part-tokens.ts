import { imageShapeLimits } from "@/lib/catalog/media-limits";
import { videoLimits } from "@/lib/wire/video-limits";
import { readImageInfo, type ImageInfo } from "@/lib/media/image-dimensions";
import { readVideoInfo } from "@/lib/media/video-info";
import { imagePartTokens, sampledFrameCount, videoChunkTokens, videoPartTokens, framesPerChunk } from "@/lib/catalog/vision-tokens";

// Sizes the media parts of a request from their bytes and prices them by the MoonViT rules. The
// simulator bills with it (refusing what Moonshot refuses) and the gateway's local estimate counts
// with it; the workbench page computes the same numbers from its attachments' metadata.

/** A media content part, structurally. */
export interface MediaPart {
  type: string;
  image_url?: { url: string };
  video_url?: { url: string };
  video?: string[];
  fps?: number;
  max_frames?: number;
}

/** Reads the bytes behind a URL (a data URL, or a file id the caller can resolve), or says why not. */
export type ReadMediaUrl<E> = (url: string, what: string) => { ok: true; bytes: Uint8Array; mediaType: string } | { ok: false; error: E };

/** A reason a part cannot be priced, in the caller's error type. */
export type MakeError<E> = (message: string) => E;

function checkImage<E>({ info, makeError, what }: { info: ImageInfo; makeError: MakeError<E>; what: string }): E | undefined {
  if (info.width <= imageShapeLimits.minSideExclusive || info.height <= imageShapeLimits.minSideExclusive) {
    return makeError(`Invalid request: ${what} is ${info.width}×${info.height}; each side must be larger than ${imageShapeLimits.minSideExclusive} px`);
  }
  if (Math.max(info.width, info.height) / Math.min(info.width, info.height) > imageShapeLimits.maxAspectRatio) {
    return makeError(`Invalid request: ${what} aspect ratio ${info.width}:${info.height} exceeds ${imageShapeLimits.maxAspectRatio}:1`);
  }
  return undefined;
}

/**
 * Prompt tokens of one media part: an image, a frame list (one frame's tokens per chunk of four),
 * or a video file sampled at `fps` (capped at `max_frames` only where the provider honours it).
 */
export function mediaPartTokens<E>({
  part,
  readUrl,
  makeError,
  imageFormats,
  honoursMaxFrames,
}: {
  part: MediaPart;
  readUrl: ReadMediaUrl<E>;
  makeError: MakeError<E>;
  /** Image formats the provider takes (by the names `readImageInfo` reports). */
  imageFormats: readonly string[];
  honoursMaxFrames: boolean;
}): { ok: true; tokens: number } | { ok: false; error: E } {
  const readImage = (url: string, what: string): { ok: true; info: ImageInfo } | { ok: false; error: E } => {
    const read = readUrl(url, what);
    if (!read.ok) return read;
    const info = readImageInfo(read.bytes);
    if (!info || !imageFormats.includes(info.format)) {
      return { ok: false, error: makeError(`Invalid request: unsupported image format: ${info?.format ?? (read.mediaType || "unknown")}`) };
    }
    const problem = checkImage({ info, makeError, what });
    return problem ? { ok: false, error: problem } : { ok: true, info };
  };

  if (part.type === "image_url") {
    const image = readImage(part.image_url?.url ?? "", "image_url.url");
    return image.ok ? { ok: true, tokens: imagePartTokens(image.info) } : image;
  }
  if (part.type === "video") {
    const frames = part.video ?? [];
    if (frames.length < videoLimits.minFrameList || frames.length > videoLimits.maxFrameList) {
      return { ok: false, error: makeError(`Invalid request: a video sent as frames needs ${videoLimits.minFrameList} to ${videoLimits.maxFrameList} images, got ${frames.length}`) };
    }
    let tokens = 0;
    // Each chunk of four frames is pooled into one frame's worth of tokens (sized by its first frame).
    for (let start = 0; start < frames.length; start += framesPerChunk) {
      const image = readImage(frames[start]!, `video frame ${start}`);
      if (!image.ok) return image;
      tokens += videoChunkTokens(image.info);
    }
    return { ok: true, tokens };
  }
  if (part.type === "video_url") {
    const fps = part.fps ?? videoLimits.defaultFps;
    if (!(fps >= videoLimits.minFps && fps <= videoLimits.maxFps)) {
      return { ok: false, error: makeError(`Invalid request: fps must be between ${videoLimits.minFps} and ${videoLimits.maxFps}, got ${fps}`) };
    }
    const read = readUrl(part.video_url?.url ?? "", "video_url.url");
    if (!read.ok) return read;
    const info = readVideoInfo(read.bytes);
    if (!info) return { ok: false, error: makeError(`Invalid request: unsupported video format: ${read.mediaType || "unknown"} (the header is not MP4, MOV or WebM)`) };
    if (info.durationSeconds === undefined || info.width === undefined || info.height === undefined) {
      return { ok: false, error: makeError("Invalid request: the video's header has no duration or picture size; re-encode it (e.g. as MP4)") };
    }
    if (info.durationSeconds < videoLimits.minDurationSeconds || info.durationSeconds > videoLimits.maxDurationSeconds) {
      return { ok: false, error: makeError(`Invalid request: video duration ${info.durationSeconds.toFixed(1)}s is out of range, it must be between ${videoLimits.minDurationSeconds}s and ${videoLimits.maxDurationSeconds / 3600}h`) };
    }
    const maxFrames = honoursMaxFrames && part.max_frames !== undefined ? part.max_frames : videoLimits.defaultMaxFrames;
    const frameCount = sampledFrameCount({ durationSeconds: info.durationSeconds, fps, maxFrames });
    return { ok: true, tokens: videoPartTokens({ width: info.width, height: info.height, frameCount }) };
  }
  return { ok: false, error: makeError(`Invalid request: unknown content part type ${part.type}`) };
}
