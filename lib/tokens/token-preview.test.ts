import { describe, expect, it } from "vitest";
import { findModelSpec } from "@/lib/catalog/model-catalog";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import type { Conversation } from "@/lib/conversation/conversation-types";
import { createPlaceholderResolver } from "@/lib/media/attachment-parts";
import type { Attachment } from "@/lib/conversation/attachment-types";
import { mediaKeyOf } from "@/lib/media/media-placeholder";
import { buildRequestBody } from "@/lib/request/build-request";
import { countPromptTokens, type CountablePart } from "./prompt-tokens";
import { loadTextTokenizer } from "./text-tokenizer";
import { formatMoney, mediaTokenTable, previewCost, previewRows } from "./token-preview";

const image: Attachment = { id: "img1", kind: "image", name: "chart.png", mediaType: "image/png", bytes: 5000, blobKey: "a", width: 1920, height: 1080 };
const video: Attachment = { id: "vid1", kind: "video", name: "clip.mp4", mediaType: "video/mp4", bytes: 90000, blobKey: "b", width: 1920, height: 1080, durationSeconds: 10, decodable: true, fps: 2, maxFrames: 2000, delivery: "file" };
const oldImage: Attachment = { ...image, id: "img0", name: "earlier.png", width: 640, height: 480 };
const document: Attachment = { id: "doc1", kind: "document", name: "notes.md", mediaType: "text/markdown", bytes: 40, blobKey: "c", textKey: "c", textLength: 30, upload: { providerId: "moonshot", fileId: "file-1", purpose: "file-extract" } };

async function preview(conversation: Pick<Conversation, "model" | "systemPrompt" | "parameters" | "draft" | "turns" | "draftAttachments">) {
  const spec = findModelSpec({ providerId: "moonshot", modelId: conversation.model })!;
  const resolver = createPlaceholderResolver({ documentText: () => "Meeting notes: ship on Friday." });
  const { body } = buildRequestBody({ conversation, spec, family: rulesFor("moonshot").family, media: { providerId: "moonshot", resolver } });
  const attachments = [...conversation.turns.flatMap((turn) => (turn.role === "user" ? (turn.attachments ?? []) : [])), ...conversation.draftAttachments];
  const table = mediaTokenTable({ attachments, providerId: "moonshot" });
  const counted = countPromptTokens<never>({
    messages: body.messages,
    tools: body.tools,
    tokenizer: await loadTextTokenizer(),
    preservedThinking: false,
    mediaTokens: (part: CountablePart) => ({ ok: true, tokens: table[mediaKeyOf(part as Parameters<typeof mediaKeyOf>[0])] ?? 0 }),
  });
  if (!counted.ok) throw new Error("unreachable");
  const newMessageCount = 1 + conversation.draftAttachments.filter((attachment) => attachment.kind === "document").length;
  return { breakdown: counted.breakdown, rows: previewRows({ breakdown: counted.breakdown, messages: body.messages, hasSystemPrompt: true, newMessageCount, attachments }) };
}

describe("token preview", () => {
  it("breaks the prompt into system, documents, history, new text and each image and video, summing to the total", async () => {
    const { breakdown, rows } = await preview({
      model: "kimi-k2.5",
      systemPrompt: "You are terse.",
      parameters: {},
      draft: "Compare the chart with the clip.",
      draftAttachments: [image, video, document],
      turns: [
        { id: "u0", role: "user", content: "What is this?", attachments: [oldImage], createdAt: 0 },
        { id: "a0", role: "assistant", providerId: "moonshot", model: "kimi-k2.5", content: "A square.", reasoning: "", status: "done", createdAt: 0 },
      ],
    });
    expect(rows.map((row) => row.label)).toEqual([
      "System prompt",
      "Documents (extracted text)",
      "History",
      "of which images and video",
      "New message text (with template tokens)",
      "Image chart.png",
      "Video clip.mp4",
    ]);
    const byLabel = new Map(rows.map((row) => [row.label, row.tokens]));
    expect(byLabel.get("Image chart.png")).toBe(2695);
    expect(byLabel.get("Video clip.mp4")).toBe(5 * 1042);
    expect(byLabel.get("of which images and video")).toBe(mediaTokenTable({ attachments: [oldImage], providerId: "moonshot" })["attachment:img0"]);
    expect(rows.filter((row) => !row.detail).reduce((sum, row) => sum + row.tokens, 0)).toBe(breakdown.total);
  });

  it("leaves a media part it cannot size at 0 instead of guessing", () => {
    expect(mediaTokenTable({ attachments: [{ ...image, width: undefined, height: undefined }], providerId: "moonshot" })).toEqual({});
  });

  it("prices the prompt as cache misses, as all cached, and the answer's ceiling at max_tokens", () => {
    const cost = previewCost({ promptTokens: 10_000, maxTokens: 32_768, prices: { currency: "CNY", inputCacheHit: 0.7, inputCacheMiss: 4, output: 21, source: "x" } });
    expect(cost.promptCacheMiss).toBeCloseTo(0.04);
    expect(cost.promptCacheHit).toBeCloseTo(0.007);
    expect(cost.outputCeiling).toBeCloseTo(0.688128);
    expect(previewCost({ promptTokens: 1, maxTokens: 1, prices: { currency: "USD", inputCacheMiss: 1, output: 1, source: "x" } }).promptCacheHit).toBeUndefined();
  });

  it("formats small amounts with two significant digits", () => {
    expect(formatMoney({ amount: 0.0012345, currency: "CNY" })).toBe("¥0.0012");
    expect(formatMoney({ amount: 0.5, currency: "USD" })).toBe("$0.50");
    expect(formatMoney({ amount: 0.688128, currency: "CNY" })).toBe("¥0.69");
    expect(formatMoney({ amount: 12.3456, currency: "CNY" })).toBe("¥12.35");
    expect(formatMoney({ amount: 0, currency: "CNY" })).toBe("¥0");
  });
});
