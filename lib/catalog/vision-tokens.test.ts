import { describe, expect, it } from "vitest";
import { framePatchLimit, sampledFrameCount, visionTokensForImage, visionTokensForVideo } from "./vision-tokens";

// Worked examples from docs/token-counting.md (the published processor configuration and the per-frame limit).
describe("MoonViT image tokens", () => {
  it.each([
    [1920, 1080, 2691, 1032],
    [1024, 1024, 1369, 1089],
    [4096, 2160, 4183, 1080],
    [640, 480, 414, 414],
    [3000, 3000, 4225, 1089],
  ])("%i×%i costs %i as an image and %i as a video frame", (width, height, image, frame) => {
    expect(visionTokensForImage({ width, height })).toBe(image);
    expect(visionTokensForImage({ width, height, patchLimit: framePatchLimit })).toBe(frame);
  });
});

describe("video tokens", () => {
  it("10 s of 1080p at 2 fps is 20 frames in 5 chunks of 1032", () => {
    const frames = sampledFrameCount({ durationSeconds: 10, fps: 2, maxFrames: 2000 });
    expect(frames).toBe(20);
    expect(visionTokensForVideo({ width: 1920, height: 1080, frameCount: frames })).toBe(5 * 1032);
  });

  it("caps frames at max_frames", () => {
    expect(sampledFrameCount({ durationSeconds: 3600, fps: 2, maxFrames: 2000 })).toBe(2000);
    expect(sampledFrameCount({ durationSeconds: 60, fps: 0.1, maxFrames: 2000 })).toBe(6);
  });
});
