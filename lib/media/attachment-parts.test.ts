import { describe, expect, it } from "vitest";
import { expectWordedAsEnglish } from "@/testing/catalog-wording";
import { createPlaceholderResolver, mediaContentParts, type MediaResolver } from "./attachment-parts";
import type { ImageAttachment, VideoAttachment } from "@/lib/conversation/attachment-types";

const image: ImageAttachment = { id: "i1", kind: "image", name: "a.png", mediaType: "image/png", bytes: 2048, blobKey: "k1", width: 640, height: 480 };
const video: VideoAttachment = { id: "v1", kind: "video", name: "clip.mp4", mediaType: "video/mp4", bytes: 4096, blobKey: "k2", width: 1920, height: 1080, durationSeconds: 10, decodable: true, fps: 1.5, maxFrames: 8, delivery: "file" };
const resolver = createPlaceholderResolver({ documentText: () => undefined });

describe("media content parts", () => {
  it("the native API gets fps and max_frames beside the video; OpenAI-compatible APIs get fps and are told max_frames is dropped", () => {
    const native = mediaContentParts({ attachments: [video], providerId: "dashscope-native", resolver, messageIndex: 1 });
    expect(native.parts).toEqual([{ type: "video_url", video_url: { url: "data:video/mp4;base64,⟨attachment v1 · clip.mp4 · 4.0 KB⟩" }, fps: 1.5, max_frames: 8 }]);
    expect(native.adjustments).toEqual([]);
    const compatible = mediaContentParts({ attachments: [video], providerId: "moonshot", resolver, messageIndex: 1 });
    expect(compatible.parts[0]).not.toHaveProperty("max_frames");
    expect(compatible.adjustments).toEqual([expect.objectContaining({ kind: "dropped", field: "messages[1].content[0].max_frames" })]);
    expectWordedAsEnglish({ namespace: "adjustments", items: compatible.adjustments.map((adjustment) => ({ code: adjustment.code, values: adjustment.values, english: adjustment.reason })) });
  });

  it("sends an uploaded file by its ms:// id on the provider it was uploaded to, and inline elsewhere", () => {
    const uploaded = { ...image, upload: { providerId: "moonshot" as const, fileId: "file-9", purpose: "image" as const } };
    expect(mediaContentParts({ attachments: [uploaded], providerId: "moonshot", resolver, messageIndex: 0 }).parts).toEqual([{ type: "image_url", image_url: { url: "ms://file-9" } }]);
    expect(mediaContentParts({ attachments: [uploaded], providerId: "dashscope", resolver, messageIndex: 0 }).parts[0]).toMatchObject({ image_url: { url: expect.stringContaining("⟨attachment i1") } });
  });

  it("a video sent as frames becomes an image list with the fps its spacing implies, capped by max_frames", () => {
    const frames = { ...video, delivery: "frames" as const };
    const built = mediaContentParts({ attachments: [frames], providerId: "dashscope", resolver, messageIndex: 2 });
    const part = built.parts[0] as { type: string; video: string[]; fps: number };
    expect(part.type).toBe("video");
    expect(part.video).toHaveLength(8);
    expect(part.video[0]).toMatch(/⟨attachment v1 frame 1\/8 · clip\.mp4 at 0:00\.0⟩/);
    // 15 frames at 1.5 fps capped to 8: spread over 10 s, one every 1.25 s.
    expect(part.fps).toBe(0.8);
    expect(built.adjustments[0]).toMatchObject({ kind: "changed", field: "messages[2].content[0].fps" });
    expectWordedAsEnglish({ namespace: "adjustments", items: built.adjustments.map((adjustment) => ({ code: adjustment.code, values: adjustment.values, english: adjustment.reason })) });
  });

  it("names what is not loaded yet, so the body is not sent without its bytes", () => {
    const empty: MediaResolver = { fileUrl: () => undefined, frameUrl: () => undefined, documentText: () => undefined };
    expect(mediaContentParts({ attachments: [image, { ...video, delivery: "frames" }], providerId: "dashscope", resolver: empty, messageIndex: 0 }).pending).toEqual(["a.png", "clip.mp4 (frames)"]);
  });
});
