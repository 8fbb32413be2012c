import { describe, expect, it } from "vitest";
import { parseChatRequest } from "./chat-request-schema";
import { videoLimits } from "./video-limits";

describe("parseChatRequest", () => {
  it("accepts a Kimi body and keeps provider-specific fields", () => {
    const body = {
      model: "kimi-k2.6",
      messages: [{ role: "user", content: [{ type: "video_url", video_url: { url: "ms://file-1" }, fps: 2, max_frames: 100 }, { type: "text", text: "What happens?" }] }],
      enable_thinking: true,
      vl_high_resolution_images: true,
    };
    const parsed = parseChatRequest(body);
    expect(parsed).toEqual({ ok: true, request: body });
  });

  it("refuses with every issue at its path, and names the first in the message", () => {
    const parsed = parseChatRequest({
      model: "kimi-k2.6",
      messages: [{ role: "user", content: [{ type: "video_url", video_url: { url: "ms://file-1" }, fps: 20 }] }],
      max_tokens: -3,
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toEqual([
      { path: ["messages", 0, "content", 0, "fps"], message: `fps must be at most ${videoLimits.maxFps}` },
      { path: ["max_tokens"], message: expect.stringContaining(">0") },
    ]);
    expect(parsed.message).toBe(`Invalid request body: messages[0].content[0].fps: fps must be at most ${videoLimits.maxFps}`);
  });

  it("names a missing model and an empty conversation", () => {
    const parsed = parseChatRequest({ messages: [] });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((issue) => issue.path)).toEqual([["model"], ["messages"]]);
  });
});
