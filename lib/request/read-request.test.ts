import { describe, expect, it } from "vitest";
import { findModelSpec } from "@/lib/catalog/model-catalog";
import type { Conversation } from "@/lib/conversation/conversation-types";
import { createPlaceholderResolver } from "@/lib/media/attachment-parts";
import type { Attachment } from "@/lib/conversation/attachment-types";
import { buildRequestBody } from "./build-request";
import { readRequestBody } from "./read-request";

const base: Conversation = {
  id: "c",
  providerId: "moonshot",
  model: "kimi-k2.6",
  systemPrompt: "Be brief.",
  parameters: { max_tokens: 100 },
  draft: "next",
  draftAttachments: [],
  turns: [
    { id: "u1", role: "user", content: "one", createdAt: 1 },
    { id: "a1", role: "assistant", providerId: "moonshot", model: "kimi-k2.6", content: "One.", reasoning: "r", status: "done", usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 }, createdAt: 1 },
  ],
  updatedAt: 1,
};
const spec = findModelSpec({ providerId: "moonshot", modelId: "kimi-k2.6" })!;
let ids = 0;
const read = (body: Record<string, unknown>, conversation = base) =>
  readRequestBody({ body, conversation, currentMessages: buildRequestBody({ conversation, spec, family: "moonshot" }).body.messages, providerId: "moonshot", createId: () => `new-${(ids += 1)}` });

describe("readRequestBody (JSON view → conversation)", () => {
  it("round-trips: the body the conversation makes reads back to the same conversation", () => {
    const { body } = buildRequestBody({ conversation: base, spec, family: "moonshot" });
    const result = read(body as Record<string, unknown>);
    expect(result).toEqual({ ok: true, conversation: base });
  });

  it("takes parameters, model and system prompt from the body", () => {
    const { body } = buildRequestBody({ conversation: base, spec, family: "moonshot" });
    const result = read({ ...body, model: "kimi-k2.5", temperature: 0.5, max_tokens: undefined, messages: [{ role: "system", content: "Terse." }, ...body.messages.slice(1)] });
    expect(result.ok && result.conversation).toMatchObject({ model: "kimi-k2.5", systemPrompt: "Terse.", parameters: { temperature: 0.5 } });
    expect(result.ok && result.conversation.turns).toBe(base.turns);
  });

  it("edits a message in place, keeping its turn's usage", () => {
    const { body } = buildRequestBody({ conversation: base, spec, family: "moonshot" });
    const messages = body.messages.map((message) => (message.role === "assistant" ? { ...message, content: "One, edited." } : message));
    const result = read({ ...body, messages });
    expect(result.ok && result.conversation.turns[1]).toMatchObject({ id: "a1", content: "One, edited.", usage: { total_tokens: 7 } });
    expect(result.ok && result.conversation.draft).toBe("next");
  });

  it("reads a trailing user message as the message being written", () => {
    const { body } = buildRequestBody({ conversation: base, spec, family: "moonshot" });
    const result = read({ ...body, messages: [...body.messages.slice(0, -1), { role: "user", content: "changed draft" }] });
    expect(result.ok && result.conversation.draft).toBe("changed draft");
    expect(result.ok && result.conversation.turns).toBe(base.turns);
  });

  it("rebuilds the turns when messages are added, including tool results", () => {
    const result = read({
      model: "kimi-k2.6",
      messages: [
        { role: "user", content: "weather?" },
        { role: "assistant", content: "", reasoning_content: "call it", tool_calls: [{ id: "w_0", type: "function", function: { name: "w", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "w_0", name: "w", content: "sunny" },
      ],
    });
    expect(result.ok && result.conversation.systemPrompt).toBe("");
    expect(result.ok && result.conversation.draft).toBe("");
    expect(result.ok && result.conversation.turns.map((turn) => turn.role)).toEqual(["user", "assistant", "tool"]);
    expect(result.ok && result.conversation.turns[2]).toMatchObject({ role: "tool", toolCallId: "w_0", name: "w", content: "sunny" });
  });

  it("explains what it cannot apply", () => {
    expect(read({ messages: [] })).toEqual({ ok: false, problems: [{ path: ["model"], message: "model must be a model id (a non-empty string)." }] });
    expect(read({ model: "kimi-k2.6", messages: [{ role: "user", content: "a" }, { role: "system", content: "late" }] })).toMatchObject({ ok: false, problems: [{ path: ["messages", 1] }] });
  });
});

describe("readRequestBody with attachments", () => {
  const image: Attachment = { id: "img1", kind: "image", name: "a.png", mediaType: "image/png", bytes: 10, blobKey: "k1", width: 100, height: 80 };
  const video: Attachment = { id: "vid1", kind: "video", name: "v.mp4", mediaType: "video/mp4", bytes: 10, blobKey: "k2", width: 320, height: 240, durationSeconds: 10, decodable: true, fps: 2, maxFrames: 2000, delivery: "file" };
  const uploaded: Attachment = { ...image, id: "img2", name: "big.png", upload: { providerId: "moonshot", fileId: "file-abc", purpose: "image" } };
  const document: Attachment = { id: "doc1", kind: "document", name: "n.md", mediaType: "text/markdown", bytes: 5, blobKey: "k3", textKey: "k3", textLength: 11, upload: { providerId: "moonshot", fileId: "file-doc", purpose: "file-extract" } };
  const texts = new Map([["k3", '{"content":"launch Friday"}']]);
  const resolver = createPlaceholderResolver({ documentText: (attachment) => texts.get(attachment.textKey) });
  const conversation: Conversation = {
    ...base,
    turns: [{ id: "u1", role: "user", content: "one", attachments: [document, image, uploaded], createdAt: 1 }, base.turns[1]!],
    draftAttachments: [video],
  };
  const media = { providerId: "moonshot" as const, resolver };
  const current = buildRequestBody({ conversation, spec, family: "moonshot", media }).body;
  const readWith = (body: Record<string, unknown>) =>
    readRequestBody({ body, conversation, currentMessages: current.messages, providerId: "moonshot", createId: () => `new-${(ids += 1)}`, documentText: (attachment) => texts.get(attachment.textKey) });

  it("round-trips placeholders, ms:// ids and documents' system messages", () => {
    expect(current.messages.map((message) => message.role)).toEqual(["system", "system", "user", "assistant", "user"]);
    expect(readWith(current as Record<string, unknown>)).toEqual({ ok: true, conversation });
    // A structural edit rebuilds the turns and still finds every attachment.
    const edited = current.messages.map((message, index) => (index === 3 ? { ...message, content: "One, edited." } : message));
    const result = readWith({ ...current, messages: [...edited.slice(0, 3), { role: "user", content: "inserted" }, { role: "assistant", content: "ok" }, ...edited.slice(3)] });
    expect(result.ok && result.conversation.turns[0]).toMatchObject({ id: "u1", attachments: [document, image, uploaded] });
    expect(result.ok && result.conversation.turns.map((turn) => turn.role)).toEqual(["user", "user", "assistant", "assistant"]);
  });

  it("applies fps and max_frames edited beside a video to its attachment", () => {
    const messages = structuredClone(current.messages);
    const draft = messages[messages.length - 1]!;
    if (!Array.isArray(draft.content) || draft.content[0]?.type !== "video_url") throw new Error("expected a video part first");
    draft.content[0] = { ...draft.content[0], fps: 0.5, max_frames: 4 };
    const result = readWith({ ...current, messages });
    expect(result.ok && result.conversation.draftAttachments).toEqual([{ ...video, fps: 0.5, maxFrames: 4 }]);
    expect(result.ok && result.conversation.turns).toBe(conversation.turns);
  });

  it("refuses media that is not one of the conversation's attachments, saying how to attach it", () => {
    const messages = [...current.messages.slice(0, -1), { role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/cat.png" } }, { type: "image_url", image_url: { url: "data:image/png;base64,⟨attachment gone · x.png · 1 KB⟩" } }] }];
    const result = readWith({ ...current, messages });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.path)).toEqual([["messages", 4, "content", 0], ["messages", 4, "content", 1]]);
    expect(result.problems[0]!.message).toContain("attached from the composer");
    expect(result.problems[1]!.message).toContain("no attachment gone");
  });

  it("reads a trailing partial assistant message as the answer prefix, and keeps an answer's prefix while its text starts with it", () => {
    const prefixed: Conversation = { ...base, assistantPrefix: { content: "Sure:", name: "Kimi" }, turns: [base.turns[0]!, { ...(base.turns[1] as Extract<Conversation["turns"][number], { role: "assistant" }>), prefix: { content: "One" }, content: "." }] };
    const { body } = buildRequestBody({ conversation: prefixed, spec, family: "moonshot" });
    expect(body.messages.at(-1)).toEqual({ role: "assistant", content: "Sure:", partial: true, name: "Kimi" });
    expect(read(body as Record<string, unknown>, prefixed)).toEqual({ ok: true, conversation: prefixed });
    const edited = read({ ...body, messages: [...body.messages.slice(0, -1), { role: "assistant", content: "Well,", partial: true }] }, prefixed);
    expect(edited.ok && edited.conversation.assistantPrefix).toEqual({ content: "Well," });
    const removed = read({ ...body, messages: body.messages.slice(0, -1) }, prefixed);
    expect(removed.ok && "assistantPrefix" in removed.conversation).toBe(false);
    const rewritten = read({ ...body, messages: body.messages.map((message, index) => (index === 2 ? { ...message, content: "Two." } : message)) }, prefixed);
    expect(rewritten.ok && rewritten.conversation.turns[1]).toMatchObject({ content: "Two.", prefix: undefined });
  });
});
