// Frame extraction in Chromium vs. ffmpeg, in one run: a 60 s 1080p H.264 video sampled at 2 fps
// (120 frames) through the workbench's own UI ("Send as frames"), and the same frames cut by ffmpeg
// at the same size as the baseline. The video is generated with ffmpeg (testsrc2), so the bench needs
// ffmpeg (Debian: apt-get install -y ffmpeg) and Chromium.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { framePatchLimit, resizedForVision } from "@/lib/catalog/vision-tokens";
import { startApp } from "./support/start-app";

const video = { seconds: 60, width: 1920, height: 1080, fps: 2 };

// The workbench extracts frames at the size the model resizes them to (lib/media/media-work.ts).
const frameSizeFor = (size: { width: number; height: number }) => resizedForVision({ ...size, patchLimit: framePatchLimit });

function requireFfmpeg(): void {
  if (spawnSync("ffmpeg", ["-version"]).status !== 0) {
    throw new Error("The frame-extraction bench needs ffmpeg to make its test video and as its baseline. Install it (Debian: apt-get install -y ffmpeg) and run again.");
  }
}

/** The test video, made once and kept under bench/.cache. */
function makeVideo(): string {
  const path = join("bench", ".cache", `testsrc2-${video.seconds}s-${video.width}x${video.height}.mp4`);
  if (existsSync(path)) return path;
  mkdirSync(join("bench", ".cache"), { recursive: true });
  execFileSync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", `testsrc2=size=${video.width}x${video.height}:rate=30:duration=${video.seconds}`, "-c:v", "libx264", "-preset", "veryfast", "-crf", "28", "-pix_fmt", "yuv420p", "-movflags", "+faststart", path]);
  return path;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function extractInChromium({ path, runs }: { path: string; runs: number }): Promise<{ visibleMs: number[]; captureMs: number[]; frames: number }> {
  const app = await startApp({ DASHSCOPE_API_KEY: "sk-bench-not-used" });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
  const visibleMs: number[] = [];
  const captureMs: number[] = [];
  let frames = 0;
  try {
    for (let run = 0; run < runs; run += 1) {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await page.goto(app.url);
      await page.locator("#model-select").waitFor();
      // DashScope takes frame lists and has no upload path, so nothing else runs while frames are cut.
      await page.locator("#provider-select").selectOption("dashscope");
      await page.locator("#model-select").selectOption("kimi-k2.5");
      await page.getByLabel("Attach files").setInputFiles(path);
      const card = page.getByRole("listitem", { name: /^Attachment testsrc2/ });
      // Wait for the thumbnail strip to finish, so the measurement is extraction alone.
      const thumbnails = card.getByRole("list", { name: "Frames the model sees" }).getByRole("img");
      for (let waited = 0; (await thumbnails.count()) < 60; waited += 250) {
        if (waited > 120_000) throw new Error("The thumbnail strip did not finish within 2 minutes.");
        await page.waitForTimeout(250);
      }
      await page.waitForTimeout(500);
      const started = Date.now();
      await card.getByLabel("Send as frames").check();
      await card.getByTestId("attachment-facts").filter({ hasText: /sent as \d+ frames$/ }).waitFor({ timeout: 300_000 });
      visibleMs.push(Date.now() - started);
      const measured = await page.evaluate(() => performance.getEntriesByName("kimi-workbench:frame-extraction").map((entry) => ({ duration: entry.duration, frames: (entry as PerformanceMeasure).detail?.frames as number })));
      captureMs.push(measured.at(-1)?.duration ?? NaN);
      frames = measured.at(-1)?.frames ?? 0;
      await page.context().close();
    }
  } finally {
    await browser.close();
    await app.stop();
  }
  return { visibleMs, captureMs, frames };
}

function extractWithFfmpeg({ path, runs }: { path: string; runs: number }): { ms: number[]; frames: number } {
  const size = frameSizeFor(video);
  const ms: number[] = [];
  let frames = 0;
  for (let run = 0; run < runs; run += 1) {
    const directory = mkdtempSync(join(tmpdir(), "frames-"));
    const started = performance.now();
    execFileSync("ffmpeg", ["-v", "error", "-i", path, "-vf", `fps=${video.fps},scale=${size.width}:${size.height}`, "-q:v", "3", join(directory, "%04d.jpg")]);
    ms.push(performance.now() - started);
    frames = readdirSync(directory).length;
    rmSync(directory, { recursive: true, force: true });
  }
  return { ms, frames };
}

export async function runFrameExtraction(): Promise<Record<string, unknown>> {
  requireFfmpeg();
  const path = makeVideo();
  const runs = 3;
  const chromiumResult = await extractInChromium({ path, runs });
  const ffmpegResult = extractWithFfmpeg({ path, runs });
  const size = frameSizeFor(video);
  return {
    video: `${video.seconds} s ${video.width}×${video.height} H.264 (testsrc2, 30 fps), ${video.fps} fps → frames of ${size.width}×${size.height}`,
    runs,
    chromium: {
      frames: chromiumResult.frames,
      medianUntilReadyMs: Math.round(median(chromiumResult.visibleMs)),
      medianCaptureMs: Math.round(median(chromiumResult.captureMs)),
      untilReadyMs: chromiumResult.visibleMs,
      note: "until ready: from choosing 'Send as frames' to the card saying the frames are ready (includes a 400 ms debounce and storing the JPEGs in IndexedDB); capture: decoding and encoding only",
    },
    ffmpegBaseline: { frames: ffmpegResult.frames, medianMs: Math.round(median(ffmpegResult.ms)), ms: ffmpegResult.ms.map(Math.round) },
  };
}
