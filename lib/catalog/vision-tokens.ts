// MoonViT token accounting (Kimi K2.5 / K2.6 / K2.7), from the model's published media processor
// configuration (docs/token-counting.md): 14-px patches merged 2×2, so one token per 28×28 px after
// resizing. Media checks (frame sizes) and token counting both use these rules.

const patchSize = 14;
const mergedPatch = patchSize * 2;
const patchLimitOnOneSide = 512;
/** Patch budget for a still image. */
export const imagePatchLimit = 16_384;
/** Patch budget for one video frame. */
export const framePatchLimit = 4_096;
/** Frames pooled into one video chunk; a chunk costs one frame's tokens. */
export const framesPerChunk = 4;
/** Marker tokens around each image or video chunk (`<|media_begin|>image<|media_content|>…<|media_end|>`). */
export const mediaMarkerTokens = 4;
/** Each video chunk is preceded by its `hh:mm:ss.fff` timestamp. */
export const timestampTokens = 6;

/**
 * The size MoonViT scales a picture to before cutting it into patches (it never enlarges). Sending
 * a picture at this size costs the same tokens as the original and fewer bytes.
 */
export function resizedForVision({ width, height, patchLimit = imagePatchLimit }: { width: number; height: number; patchLimit?: number }): { width: number; height: number } {
  const patches = Math.max(1, Math.floor(width / patchSize)) * Math.max(1, Math.floor(height / patchSize));
  const scale = Math.min(1, Math.sqrt(patchLimit / patches), (patchLimitOnOneSide * patchSize) / width, (patchLimitOnOneSide * patchSize) / height);
  return {
    width: Math.min(Math.floor(width * scale), patchLimitOnOneSide * patchSize),
    height: Math.min(Math.floor(height * scale), patchLimitOnOneSide * patchSize),
  };
}

/** Vision tokens for one image (or one video frame, with `patchLimit` = {@link framePatchLimit}). */
export function visionTokensForImage({ width, height, patchLimit = imagePatchLimit }: { width: number; height: number; patchLimit?: number }): number {
  if (width <= 0 || height <= 0) return 0;
  const resized = resizedForVision({ width, height, patchLimit });
  return Math.ceil(resized.width / mergedPatch) * Math.ceil(resized.height / mergedPatch);
}

/** Prompt tokens for an image part: its vision tokens and the markers around them. */
export function imagePartTokens({ width, height }: { width: number; height: number }): number {
  return visionTokensForImage({ width, height }) + mediaMarkerTokens;
}

/** Prompt tokens for one chunk of four video frames: one frame's vision tokens, markers and a timestamp. */
export function videoChunkTokens({ width, height }: { width: number; height: number }): number {
  return visionTokensForImage({ width, height, patchLimit: framePatchLimit }) + mediaMarkerTokens + timestampTokens;
}

/** Frames the model sees: ⌊duration × fps⌋ capped at `maxFrames` (at least one). */
export function sampledFrameCount({ durationSeconds, fps, maxFrames }: { durationSeconds: number; fps: number; maxFrames: number }): number {
  // The epsilon keeps 3 s × 0.7 fps (2.0999…) and friends from losing a frame to float error.
  return Math.max(1, Math.min(Math.floor(durationSeconds * fps + 1e-9), maxFrames));
}

/** Vision tokens for a video of `frameCount` frames: one frame's tokens per chunk of four. */
export function visionTokensForVideo({ width, height, frameCount }: { width: number; height: number; frameCount: number }): number {
  const chunks = Math.ceil(frameCount / framesPerChunk);
  return chunks * visionTokensForImage({ width, height, patchLimit: framePatchLimit });
}

/** Prompt tokens for a video part of `frameCount` frames (vision tokens, markers and timestamps per chunk). */
export function videoPartTokens({ width, height, frameCount }: { width: number; height: number; frameCount: number }): number {
  return Math.ceil(frameCount / framesPerChunk) * videoChunkTokens({ width, height });
}
