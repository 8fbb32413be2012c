// MoonViT token accounting (Kimi K2.5 / K2.6 / K2.7), from the published media_proc_cfg
// (api-wire-facts.md §4.2): 14-px patches merged 2×2, so one token per 28×28 px after resizing.

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

/** Vision tokens for one image (or one video frame, with `patchLimit` = {@link framePatchLimit}). */
export function visionTokensForImage({
  width,
  height,
  patchLimit = imagePatchLimit,
}: {
  width: number;
  height: number;
  patchLimit?: number;
}): number {
  if (width <= 0 || height <= 0) return 0;
  const patches = Math.max(1, Math.floor(width / patchSize)) * Math.max(1, Math.floor(height / patchSize));
  const scale = Math.min(
    1,
    Math.sqrt(patchLimit / patches),
    (patchLimitOnOneSide * patchSize) / width,
    (patchLimitOnOneSide * patchSize) / height,
  );
  const resizedWidth = Math.min(Math.floor(width * scale), patchLimitOnOneSide * patchSize);
  const resizedHeight = Math.min(Math.floor(height * scale), patchLimitOnOneSide * patchSize);
  return Math.ceil(resizedWidth / mergedPatch) * Math.ceil(resizedHeight / mergedPatch);
}

/** Frames the model sees: ⌊duration × fps⌋ capped at `maxFrames` (at least one). */
export function sampledFrameCount({ durationSeconds, fps, maxFrames }: { durationSeconds: number; fps: number; maxFrames: number }): number {
  return Math.max(1, Math.min(Math.floor(durationSeconds * fps), maxFrames));
}

/** Vision tokens for a video of `frameCount` frames: one frame's tokens per chunk of four. */
export function visionTokensForVideo({ width, height, frameCount }: { width: number; height: number; frameCount: number }): number {
  const chunks = Math.ceil(frameCount / framesPerChunk);
  return chunks * visionTokensForImage({ width, height, patchLimit: framePatchLimit });
}
