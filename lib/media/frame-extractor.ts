// Browser-side video work: reading metadata and capturing frames at given moments. Frames come
// from playing the video fast and grabbing the frames that pass each moment (decoding is
// sequential, so this is ~6× faster than seeking for each frame on long-GOP video: measured by
// bench/frame-extraction.ts), or from seeking when the moments are sparse.

import { CodedError } from "@/lib/wire/coded-message";
/** What the browser can tell about a video file. */
export interface BrowserVideoMetadata {
  durationSeconds?: number;
  width?: number;
  height?: number;
  /** Whether this browser decodes it (thumbnails and frame extraction need that). */
  decodable: boolean;
}

function once(target: EventTarget, event: string, { timeoutMs, signal }: { timeoutMs: number; signal?: AbortSignal }): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(false), timeoutMs);
    const onEvent = () => finish(true);
    const onError = () => finish(false);
    const onAbort = () => {
      cleanup();
      reject(signal?.reason ?? new DOMException("Aborted", "AbortError"));
    };
    const cleanup = () => {
      clearTimeout(timer);
      target.removeEventListener(event, onEvent);
      target.removeEventListener("error", onError);
      signal?.removeEventListener("abort", onAbort);
    };
    const finish = (value: boolean) => {
      cleanup();
      resolve(value);
    };
    target.addEventListener(event, onEvent, { once: true });
    target.addEventListener("error", onError, { once: true });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function createVideo(url: string): HTMLVideoElement {
  const video = document.createElement("video");
  video.muted = true;
  video.playsInline = true;
  video.preload = "auto";
  video.src = url;
  return video;
}

function release(video: HTMLVideoElement): void {
  video.pause();
  video.removeAttribute("src");
  video.load();
}

/** Reads duration and size with a `<video>` element (live WebM recordings report no duration until sought to the end). */
export async function readBrowserVideoMetadata(blob: Blob): Promise<BrowserVideoMetadata> {
  const url = URL.createObjectURL(blob);
  const video = createVideo(url);
  try {
    if (!(await once(video, "loadeddata", { timeoutMs: 15_000 })) || video.videoWidth === 0) return { decodable: false };
    let duration = video.duration;
    if (!Number.isFinite(duration)) {
      video.currentTime = Number.MAX_SAFE_INTEGER;
      await once(video, "seeked", { timeoutMs: 15_000 });
      duration = video.duration;
      video.currentTime = 0;
    }
    return { durationSeconds: Number.isFinite(duration) ? duration : undefined, width: video.videoWidth, height: video.videoHeight, decodable: true };
  } finally {
    release(video);
    URL.revokeObjectURL(url);
  }
}

/** How frames are captured: by fast playback, by seeking, or chosen from how dense the moments are. */
export type CaptureMode = "auto" | "play" | "seek";

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new CodedError({ message: "The browser could not encode a frame.", code: "frameEncodeFailed" }))), "image/jpeg", quality));
}

// Chromium plays up to 16×; beyond ~8× decoding is the limit anyway (measured).
const playbackRate = 8;
// Moments sparser than one per 4 s are cheaper to reach by seeking than by decoding everything between.
const seekBelowFramesPerSecond = 0.25;

/**
 * Captures the frames shown at `times` (seconds, ascending) scaled to `width` × `height`, as JPEG.
 * `onFrame` reports each as it is captured. Abort with `signal`.
 */
export async function captureFrames({
  blob,
  times,
  width,
  height,
  quality = 0.85,
  mode = "auto",
  onFrame,
  signal,
}: {
  blob: Blob;
  times: readonly number[];
  width: number;
  height: number;
  quality?: number;
  mode?: CaptureMode;
  onFrame?: (index: number, frame: Blob) => void;
  signal?: AbortSignal;
}): Promise<Blob[]> {
  const url = URL.createObjectURL(blob);
  const video = createVideo(url);
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  if (!context) throw new CodedError({ message: "The browser has no 2D canvas to draw frames with.", code: "noCanvas" });
  const frames: Array<Promise<Blob>> = [];
  const capture = (index: number) => {
    context.drawImage(video, 0, 0, width, height);
    const frame = toJpeg(canvas, quality);
    frames[index] = frame;
    void frame.then((done) => onFrame?.(index, done), () => undefined);
  };
  try {
    if (!(await once(video, "loadeddata", { timeoutMs: 15_000, signal }))) throw new CodedError({ message: "The browser cannot decode this video.", code: "videoUndecodable" });
    const duration = Number.isFinite(video.duration) ? video.duration : (times[times.length - 1] ?? 0) + 1;
    const density = times.length / Math.max(duration, 0.001);
    let next = 0;
    if ((mode === "play" || (mode === "auto" && density >= seekBelowFramesPerSecond)) && "requestVideoFrameCallback" in video) {
      next = await captureByPlayback({ video, times, capture, signal });
    }
    // Seek for what is left (all of it in seek mode, or the rest when playback stalled in a hidden tab).
    for (; next < times.length; next += 1) {
      signal?.throwIfAborted();
      video.currentTime = times[next]!;
      await once(video, "seeked", { timeoutMs: 15_000, signal });
      capture(next);
    }
    return await Promise.all(frames);
  } finally {
    release(video);
    URL.revokeObjectURL(url);
  }
}

/** Plays the video fast and captures each moment as its frame passes; returns how many it captured. */
async function captureByPlayback({
  video,
  times,
  capture,
  signal,
}: {
  video: HTMLVideoElement;
  times: readonly number[];
  capture: (index: number) => void;
  signal?: AbortSignal;
}): Promise<number> {
  let next = 0;
  if ((times[0] ?? 0) > 0.5) {
    video.currentTime = times[0]!;
    await once(video, "seeked", { timeoutMs: 15_000, signal });
  }
  video.playbackRate = playbackRate;
  await new Promise<void>((resolve) => {
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      clearTimeout(watchdog);
      video.pause();
      signal?.removeEventListener("abort", finish);
      video.removeEventListener("ended", onEnded);
      resolve();
    };
    // Hidden tabs stop presenting frames; hand over to seeking rather than wait.
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(finish, 2_000);
    };
    const onEnded = () => {
      // Moments past the last frame get the last frame.
      while (next < times.length) capture(next++);
      finish();
    };
    const onFrame = (_now: number, metadata: VideoFrameCallbackMetadata) => {
      // A frame "passes" a moment when it is the one on screen at that time (half a frame early at 60 fps).
      while (next < times.length && metadata.mediaTime + 1 / 120 >= times[next]!) capture(next++);
      if (next >= times.length) return finish();
      arm();
      video.requestVideoFrameCallback(onFrame);
    };
    signal?.addEventListener("abort", finish, { once: true });
    video.addEventListener("ended", onEnded, { once: true });
    video.requestVideoFrameCallback(onFrame);
    arm();
    video.play().catch(finish);
  });
  signal?.throwIfAborted();
  return next;
}

/** Pixel size of an image the browser can decode (undefined for formats it cannot, e.g. HEIC). */
export async function readBrowserImageSize(blob: Blob): Promise<{ width: number; height: number } | undefined> {
  try {
    const bitmap = await createImageBitmap(blob);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return undefined;
  }
}

/** Re-encodes an image at a smaller size (PNG stays PNG, WebP stays WebP, everything else becomes JPEG). */
export async function downscaleImage({ blob, width, height }: { blob: Blob; width: number; height: number }): Promise<Blob> {
  const bitmap = await createImageBitmap(blob, { resizeWidth: width, resizeHeight: height, resizeQuality: "high" });
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  canvas.getContext("2d")?.drawImage(bitmap, 0, 0);
  bitmap.close();
  const type = blob.type === "image/png" || blob.type === "image/webp" ? blob.type : "image/jpeg";
  return new Promise((resolve, reject) => canvas.toBlob((result) => (result ? resolve(result) : reject(new CodedError({ message: "The browser could not encode the image.", code: "imageEncodeFailed" }))), type, 0.9));
}
