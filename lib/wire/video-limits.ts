/**
 * What the Kimi API documents for video, on every provider (docs/kimi-limits.md): `fps` from 0.1 to
 * 10 (default 2) beside a video part, `max_frames` up to 2000 (default 2000), a frame list of 4 to
 * 2000 images, and a duration of 2 s to 1 h. Everything that checks or offers these reads them here.
 */
export const videoLimits = {
  defaultFps: 2,
  minFps: 0.1,
  maxFps: 10,
  fpsStep: 0.1,
  defaultMaxFrames: 2000,
  minMaxFrames: 1,
  maxMaxFrames: 2000,
  /** A video sent as a list of frames needs this many images. */
  minFrameList: 4,
  maxFrameList: 2000,
  minDurationSeconds: 2,
  maxDurationSeconds: 3600,
} as const;
