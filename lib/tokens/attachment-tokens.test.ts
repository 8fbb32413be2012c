import { describe, expect, it } from "vitest";
import type { VideoAttachment } from "@/lib/conversation/attachment-types";
import { attachmentTokens, videoTokenDetail } from "./attachment-tokens";
import { framePatchLimit, resizedForVision, visionTokensForImage } from "@/lib/catalog/vision-tokens";

const video = (overrides: Partial<VideoAttachment> = {}): VideoAttachment => ({
  id: "v",
  kind: "video",
  name: "clip.mp4",
  mediaType: "video/mp4",
  bytes: 1,
  blobKey: "k",
  width: 1920,
  height: 1080,
  durationSeconds: 10,
  decodable: true,
  fps: 2,
  maxFrames: 2000,
  delivery: "file",
  ...overrides,
});

describe("attachment tokens", () => {
  it("prices 10 s of 1080p at 2 fps as 20 frames in 5 chunks of 1032 (+ markers and timestamps)", () => {
    expect(videoTokenDetail({ video: video(), providerId: "moonshot" })).toEqual({ frames: 20, chunks: 5, tokens: 5 * (1032 + 4 + 6) });
  });

  it("caps at max_frames only where the provider honours it, or when frames are sent", () => {
    expect(videoTokenDetail({ video: video({ maxFrames: 8 }), providerId: "moonshot" })?.frames).toBe(20);
    expect(videoTokenDetail({ video: video({ maxFrames: 8 }), providerId: "dashscope-native" })?.frames).toBe(8);
    expect(videoTokenDetail({ video: video({ maxFrames: 8, delivery: "frames" }), providerId: "dashscope" })?.frames).toBe(8);
  });

  it("prices a 1920×1080 image at 2691 + 4 markers, and nothing for an unknown size", () => {
    expect(attachmentTokens({ attachment: { id: "i", kind: "image", name: "a.png", mediaType: "image/png", bytes: 1, blobKey: "k", width: 1920, height: 1080 }, providerId: "moonshot" })).toBe(2695);
    expect(attachmentTokens({ attachment: { id: "i", kind: "image", name: "a.heic", mediaType: "", bytes: 1, blobKey: "k" }, providerId: "dashscope" })).toBeUndefined();
  });

  it("frames extracted at MoonViT's own size cost what the full-size frames cost", () => {
    for (const [width, height] of [[1920, 1080], [3840, 2160], [1280, 720], [720, 1280], [4000, 100], [640, 480]] as const) {
      const resized = resizedForVision({ width, height, patchLimit: framePatchLimit });
      expect(visionTokensForImage({ ...resized, patchLimit: framePatchLimit })).toBe(visionTokensForImage({ width, height, patchLimit: framePatchLimit }));
    }
  });
});
