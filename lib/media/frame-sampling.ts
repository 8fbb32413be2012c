import { sampledFrameCount } from "@/lib/catalog/vision-tokens";

/** The moments a model sees from a video, and how they were chosen. */
export interface FrameSample {
  /** Seconds into the video, ascending. */
  times: number[];
  /** True when ⌊duration × fps⌋ exceeded max_frames and the frames were spread evenly instead. */
  capped: boolean;
  /** Frames per second the list represents (lower than the chosen fps when capped). */
  effectiveFps: number;
}

/**
 * Which moments are sampled: every 1/fps seconds from the start, or, when that would exceed
 * `maxFrames`, `maxFrames` moments spread evenly over the whole video (as the service does).
 */
export function sampleFrameTimes({ durationSeconds, fps, maxFrames }: { durationSeconds: number; fps: number; maxFrames: number }): FrameSample {
  const uncapped = sampledFrameCount({ durationSeconds, fps, maxFrames: Number.MAX_SAFE_INTEGER });
  const count = sampledFrameCount({ durationSeconds, fps, maxFrames });
  const capped = uncapped > count;
  const step = capped ? durationSeconds / count : 1 / fps;
  const times = Array.from({ length: count }, (_, index) => Math.min(index * step, Math.max(0, durationSeconds - 0.001)));
  return { times, capped, effectiveFps: capped ? count / durationSeconds : fps };
}

/** `m:ss.s` (or `h:mm:ss.s`) for a moment in a video. */
export function formatVideoTime(seconds: number): string {
  const tenths = Math.round(seconds * 10);
  const hours = Math.floor(tenths / 36_000);
  const minutes = Math.floor((tenths % 36_000) / 600);
  const rest = ((tenths % 600) / 10).toFixed(1).padStart(4, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}
