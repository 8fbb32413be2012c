import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "@/lib/i18n/messages";
import type { ImageAttachment, VideoAttachment } from "@/lib/conversation/attachment-types";
import { sampleFrameTimes } from "./frame-sampling";
import { checkMediaAttachment, checkRequestSize, dataUrlLength, inlineMediaBytes, type MediaIssue } from "./media-rules";
import { mediaFormatOf } from "@/lib/catalog/media-limits";

const vision = { id: "kimi-k2.6", input: ["text", "image", "video"] as Array<"text" | "image" | "video"> };

const image = (overrides: Partial<ImageAttachment> = {}): ImageAttachment => ({
  id: "a1",
  kind: "image",
  name: "photo.png",
  mediaType: "image/png",
  bytes: 200_000,
  blobKey: "k1",
  width: 1920,
  height: 1080,
  ...overrides,
});

const video = (overrides: Partial<VideoAttachment> = {}): VideoAttachment => ({
  id: "v1",
  kind: "video",
  name: "clip.mp4",
  mediaType: "video/mp4",
  bytes: 2_000_000,
  blobKey: "k2",
  width: 1280,
  height: 720,
  durationSeconds: 10,
  decodable: true,
  fps: 2,
  maxFrames: 2000,
  delivery: "file",
  ...overrides,
});

// Every issue these tests produce is also checked against the catalog's wording (the last describe).
const seen: MediaIssue[] = [];
const check = (input: Parameters<typeof checkMediaAttachment>[0]) => {
  const result = checkMediaAttachment(input);
  seen.push(...result.issues);
  return result;
};

const codes = (result: ReturnType<typeof checkMediaAttachment>) => result.issues.map((issue) => `${issue.severity}:${issue.code}`);

describe("media formats", () => {
  it("reads the format from the type, or from the name when the browser gives none", () => {
    expect(mediaFormatOf({ mediaType: "image/jpeg", name: "x" })).toBe("jpeg");
    expect(mediaFormatOf({ mediaType: "", name: "IMG_0001.HEIC" })).toBe("heic");
    expect(mediaFormatOf({ mediaType: "", name: "movie.mkv" })).toBe("mkv");
    expect(mediaFormatOf({ mediaType: "application/octet-stream", name: "notes" })).toBeUndefined();
  });

  it("sizes a data URL as base64 plus its prefix", () => {
    expect(dataUrlLength({ bytes: 3, mediaType: "image/png" })).toBe("data:image/png;base64,".length + 4);
    expect(dataUrlLength({ bytes: 4, mediaType: "image/png" })).toBe("data:image/png;base64,".length + 8);
  });
});

describe("image rules", () => {
  it("accepts a normal PNG everywhere, inline", () => {
    for (const providerId of ["simulator", "moonshot", "dashscope", "dashscope-native"] as const) {
      expect(check({ attachment: image(), providerId, spec: vision })).toEqual({ issues: [], delivery: { kind: "inline" } });
    }
  });

  it("refuses a BMP on Moonshot, naming the formats and a provider that takes it", () => {
    const result = check({ attachment: image({ name: "scan.bmp", mediaType: "image/bmp" }), providerId: "moonshot", spec: vision });
    expect(result.delivery.kind).toBe("blocked");
    expect(result.issues[0]?.message).toContain("does not take BMP images; it takes png, jpeg, webp, gif");
    expect(result.issues[0]?.fixes).toContainEqual(expect.objectContaining({ kind: "switch-provider", providerId: "dashscope-native" }));
    expect(codes(check({ attachment: image({ name: "scan.bmp", mediaType: "image/bmp" }), providerId: "dashscope", spec: vision }))).toEqual([]);
  });

  it("refuses sides of 10 px or less and aspect ratios beyond 200:1", () => {
    expect(check({ attachment: image({ width: 10, height: 400 }), providerId: "moonshot", spec: vision }).issues[0]?.message).toBe(
      "The image is 10×400 px; each side must be larger than 10 px. Use a larger image.",
    );
    expect(codes(check({ attachment: image({ width: 4020, height: 20 }), providerId: "moonshot", spec: vision }))).toEqual(["error:aspect-ratio"]);
    expect(codes(check({ attachment: image({ width: 4000, height: 20 }), providerId: "moonshot", spec: vision }))).toEqual([]);
    // Too narrow and too thin at once: both are named.
    expect(codes(check({ attachment: image({ width: 4000, height: 10 }), providerId: "moonshot", spec: vision })).filter((code) => code.startsWith("error:"))).toEqual(["error:too-small", "error:aspect-ratio"]);
  });

  it("recommends a downscale above 4K, with the target size", () => {
    const result = check({ attachment: image({ width: 8000, height: 6000 }), providerId: "moonshot", spec: vision });
    expect(result.delivery.kind).toBe("inline");
    expect(result.issues).toEqual([expect.objectContaining({ severity: "warning", code: "resolution", fixes: [{ kind: "downscale", width: 2880, height: 2160 }] })]);
  });

  it("holds DashScope images to 10 MB of base64", () => {
    const result = check({ attachment: image({ bytes: 8 * 1024 * 1024 }), providerId: "dashscope", spec: vision });
    expect(result.delivery.kind).toBe("blocked");
    expect(result.issues[0]?.message).toMatch(/As base64 the image is 10\.7 MB; DashScope \(OpenAI-compatible\) takes at most 10\.0 MB per image/);
    expect(check({ attachment: image({ bytes: 8 * 1024 * 1024 }), providerId: "moonshot", spec: vision }).delivery.kind).toBe("inline");
  });

  it("refuses images for a text-only model", () => {
    const result = check({ attachment: image(), providerId: "moonshot", spec: { id: "kimi-k2-thinking", input: ["text"] } });
    expect(result.issues[0]?.message).toMatch(/^kimi-k2-thinking does not accept images/);
  });

  it("uses an upload made on the same provider only", () => {
    const uploaded = image({ upload: { providerId: "moonshot", fileId: "f-1", purpose: "image" } });
    expect(check({ attachment: uploaded, providerId: "moonshot", spec: vision }).delivery).toEqual({ kind: "uploaded", fileId: "f-1" });
    expect(check({ attachment: uploaded, providerId: "simulator", spec: vision }).delivery).toEqual({ kind: "inline" });
  });
});

describe("video rules", () => {
  it("keeps the duration within 2 s – 1 h", () => {
    expect(check({ attachment: video({ durationSeconds: 1.5 }), providerId: "moonshot", spec: vision }).issues[0]?.message).toMatch(
      /^The video is 1\.5 s long; videos must be 2 s to 1 h/,
    );
    expect(codes(check({ attachment: video({ durationSeconds: 3601 }), providerId: "moonshot", spec: vision }))).toEqual(["error:duration"]);
  });

  it("uploads a video too big for base64 where the provider has a files API, and blocks it elsewhere", () => {
    const big = video({ bytes: 40 * 1024 * 1024 });
    expect(check({ attachment: big, providerId: "moonshot", spec: vision }).delivery).toEqual({ kind: "needs-upload" });
    const dashscope = check({ attachment: big, providerId: "dashscope", spec: vision });
    expect(dashscope.delivery.kind).toBe("blocked");
    expect(dashscope.issues[0]?.fixes.map((fix) => fix.kind)).toEqual(["send-as-frames", "switch-provider"]);
    expect(check({ attachment: video({ bytes: 120 * 1024 * 1024 }), providerId: "moonshot", spec: vision }).issues[0]?.message).toMatch(
      /files API takes at most 100\.0 MB/,
    );
  });

  it("says plainly when a provider ignores max_frames, unless the frames are sent", () => {
    const capped = video({ durationSeconds: 60, maxFrames: 50 });
    const moonshot = check({ attachment: capped, providerId: "moonshot", spec: vision });
    expect(moonshot.issues).toEqual([
      expect.objectContaining({
        code: "max-frames-ignored",
        message: expect.stringContaining("the model will see 120 frames, not 50. Send it as frames to enforce the cap."),
      }),
    ]);
    expect(codes(check({ attachment: capped, providerId: "dashscope-native", spec: vision }))).toEqual([]);
    expect(codes(check({ attachment: { ...capped, delivery: "frames" }, providerId: "dashscope", spec: vision }))).toEqual([]);
  });

  it("needs 4 to 2000 frames for a frame list, and names the fps that gets there", () => {
    const result = check({ attachment: video({ durationSeconds: 3, fps: 1, delivery: "frames" }), providerId: "dashscope", spec: vision });
    expect(result.issues[0]?.message).toBe("At 1 fps this video gives 3 frames; a frame list needs at least 4. Raise fps to 1.4 or more, or send it as a file.");
  });

  it("refuses frame lists where the provider has no such form, and says when it is undocumented", () => {
    expect(codes(check({ attachment: video({ delivery: "frames" }), providerId: "openai-compatible", spec: vision }))).toEqual(["error:frames-unsupported"]);
    expect(codes(check({ attachment: video({ delivery: "frames" }), providerId: "moonshot", spec: vision }))).toEqual(["info:frames-undocumented"]);
  });

  it("lets a WebM that DashScope will not take go as frames", () => {
    const webm = video({ name: "screen.webm", mediaType: "video/webm" });
    expect(check({ attachment: webm, providerId: "dashscope", spec: vision }).issues[0]?.fixes[0]).toEqual({ kind: "send-as-frames" });
    expect(check({ attachment: { ...webm, delivery: "frames" }, providerId: "dashscope", spec: vision }).delivery).toEqual({ kind: "frames" });
  });
});

describe("video settings", () => {
  it("refuses fps and max_frames out of range, an unreadable duration, and frames from a video the browser cannot decode", () => {
    expect(codes(check({ attachment: video({ fps: 20, maxFrames: 2.5 }), providerId: "moonshot", spec: vision }))).toEqual(["error:fps", "error:max-frames", "warning:max-frames-ignored"]);
    expect(check({ attachment: video({ fps: 20 }), providerId: "moonshot", spec: vision }).issues[0]?.message).toBe("fps is 20; it must be from 0.1 to 10.");
    const unknown = check({ attachment: video({ durationSeconds: undefined }), providerId: "moonshot", spec: vision });
    expect(codes(unknown)).toEqual(["error:duration-unknown"]);
    expect(unknown.delivery).toEqual({ kind: "blocked" });
    const undecodable = check({ attachment: video({ decodable: false, delivery: "frames" }), providerId: "dashscope", spec: vision });
    expect(codes(undecodable)).toContain("error:frames-undecodable");
    expect(undecodable.issues.find((issue) => issue.code === "frames-undecodable")?.fixes).toEqual([{ kind: "send-as-file" }]);
  });
});

describe("frame sampling", () => {
  it("samples every 1/fps seconds from the start", () => {
    expect(sampleFrameTimes({ durationSeconds: 3, fps: 2, maxFrames: 2000 })).toEqual({ times: [0, 0.5, 1, 1.5, 2, 2.5], capped: false, effectiveFps: 2 });
  });

  it("spreads max_frames evenly over the whole video when capped", () => {
    const sample = sampleFrameTimes({ durationSeconds: 60, fps: 2, maxFrames: 4 });
    expect(sample).toEqual({ times: [0, 15, 30, 45], capped: true, effectiveFps: 4 / 60 });
  });
});

describe("request size", () => {
  it("counts inline media as base64, uploaded files as nothing, and frames by their JPEG size", () => {
    const big = image({ bytes: 3_000_000 });
    const uploaded = image({ bytes: 3_000_000, upload: { providerId: "moonshot", fileId: "f", purpose: "image" } });
    expect(inlineMediaBytes({ attachments: [big, uploaded], providerId: "moonshot" })).toBe(dataUrlLength(big));
    expect(inlineMediaBytes({ attachments: [big, uploaded], providerId: "dashscope" })).toBe(2 * dataUrlLength(big));
    const frames = video({ delivery: "frames", durationSeconds: 10, fps: 1, maxFrames: 2000, frames: { fps: 1, maxFrames: 2000, times: [], effectiveFps: 1, width: 10, height: 10, blobKeys: ["a", "b"], bytes: 3000 } });
    expect(inlineMediaBytes({ attachments: [frames], providerId: "dashscope" })).toBe(10 * dataUrlLength({ bytes: 1500, mediaType: "image/jpeg" }));
  });

  it("names the tighter of the provider's and the gateway's limits, and the ways out", () => {
    expect(checkRequestSize({ requestBytes: 90 * 1024 * 1024, providerId: "moonshot", gatewayMaxBytes: 100 * 1024 * 1024 })).toBeUndefined();
    expect(checkRequestSize({ requestBytes: 60 * 1024 * 1024, providerId: "moonshot", gatewayMaxBytes: 50 * 1024 * 1024 })?.message).toMatch(/about 60\.0 MB; this server takes request bodies up to 50\.0 MB \(GATEWAY_MAX_BODY_MB\)\. Upload large files/);
    expect(checkRequestSize({ requestBytes: 120 * 1024 * 1024, providerId: "moonshot", gatewayMaxBytes: 200 * 1024 * 1024 })?.message).toMatch(/Moonshot API takes requests up to 100\.0 MB/);
  });
});

describe("wording in the catalogs", () => {
  // The page words an issue from mediaIssues.<code> with its values; in English it must say exactly what the rules say.
  it("has every issue these tests produce, in English word for word, and in Chinese", () => {
    const catalog = messagesFor("en").mediaIssues;
    expect([...new Set(seen.map((issue) => issue.code))].sort()).toEqual(Object.keys(catalog).sort());
    const problems: string[] = [];
    const english = createTranslator({ locale: "en", messages: messagesFor("en") }) as unknown as (key: string, values: Record<string, string>) => string;
    const chinese = createTranslator({ locale: "zh-CN", messages: messagesFor("zh-CN"), onError: (error) => problems.push(error.message) }) as unknown as (key: string, values: Record<string, string>) => string;
    for (const issue of seen) {
      expect(english(`mediaIssues.${issue.code}`, issue.values), issue.code).toBe(issue.message);
      expect(chinese(`mediaIssues.${issue.code}`, issue.values)).not.toMatch(/\{[a-zA-Z]\w*\}/);
    }
    const size = checkRequestSize({ requestBytes: 60 * 1024 * 1024, providerId: "moonshot", gatewayMaxBytes: 50 * 1024 * 1024 })!;
    expect(english("blockers.request-size", size.values)).toBe(size.message);
    const providerSize = checkRequestSize({ requestBytes: 120 * 1024 * 1024, providerId: "moonshot", gatewayMaxBytes: 200 * 1024 * 1024 })!;
    expect(english("blockers.request-size", providerSize.values)).toBe(providerSize.message);
    expect(problems).toEqual([]);
  });
});
