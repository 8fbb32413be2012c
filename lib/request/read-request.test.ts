import { describe, expect, it } from "vitest";
import { findModelSpec } from "@/lib/catalog/model-catalog";
import type { Conversation } from "@/lib/chat/conversation-types";
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
