import { describe, expect, it } from "vitest";
import type { Conversation } from "@/lib/conversation/conversation-types";
import { conversationFromCell, promptFromConversation } from "./conversation-bridge";

const conversation: Conversation = {
  id: "c1",
  providerId: "moonshot",
  model: "kimi-k2.6",
  systemPrompt: "Be brief.",
  parameters: { temperature: 0.6, thinking: { type: "disabled" } },
  draft: "And Norway?",
  draftAttachments: [],
  turns: [
    { id: "u1", role: "user", content: "Capital of France?", createdAt: 1, attachments: [{ id: "i", kind: "image", name: "map.png", mediaType: "image/png", bytes: 10, blobKey: "k", width: 1, height: 1 } as never] },
    { id: "a1", role: "assistant", providerId: "moonshot", model: "kimi-k2.6", content: "Paris.", reasoning: "", status: "done", createdAt: 2 },
  ],
  updatedAt: 3,
};

describe("conversation ↔ prompt", () => {
  it("turns a conversation into a prompt, naming what it leaves behind", () => {
    const { template, providerId, left } = promptFromConversation(conversation);
    expect(providerId).toBe("moonshot");
    expect(template).toEqual({
      model: "kimi-k2.6",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Capital of France?" },
        { role: "assistant", content: "Paris." },
        { role: "user", content: "And Norway?" },
      ],
      parameters: { temperature: 0.6, thinking: { type: "disabled" } },
    });
    expect(left).toEqual(["1 attachment(s) of a user message (add them as media variables)"]);
    // Without a draft, the last answer is what runs will produce: it is not part of the prompt.
    const answered = promptFromConversation({ ...conversation, draft: "" });
    expect(answered.template.messages.map((message) => message.role)).toEqual(["system", "user"]);
    expect(answered.left).toContain("the last answer (runs produce it)");
  });

  it("opens a cell as a conversation: the rendered prompt, the answer with its reasoning and usage, the column's settings", () => {
    const opened = conversationFromCell({
      template: { model: "kimi-k2.6", messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Capital of {{country}}? {{map}}" }], parameters: { temperature: 0.6 } },
      values: { country: { kind: "text", text: "France" }, map: { kind: "media", media: "image", url: "data:image/png;base64,AAAA" } },
      column: { id: "b", label: "K3", providerId: "moonshot", model: "kimi-k3", overrides: { reasoning_effort: "high" } },
      record: { status: "done", output: "Paris.", reasoning: "France → Paris", toolCalls: [], finishReason: "stop", usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 }, durationMs: 900, firstTokenMs: 200 },
      title: "Run r · fr · K3",
      now: 5,
    });
    if (!opened.ok) throw new Error(opened.message);
    const { conversation: result, media } = opened;
    expect(media).toBe(1);
    expect(result).toMatchObject({ providerId: "moonshot", model: "kimi-k3", systemPrompt: "Be brief.", parameters: { temperature: 0.6, reasoning_effort: "high" }, title: "Run r · fr · K3" });
    expect(result.turns.map((turn) => [turn.role, turn.content])).toEqual([
      ["user", "Capital of France? [image]"],
      ["assistant", "Paris."],
    ]);
    expect(result.turns[1]).toMatchObject({ reasoning: "France → Paris", finishReason: "stop", usage: { total_tokens: 12 }, timings: { firstTokenMs: 200, totalMs: 900 } });
    const unanswered = conversationFromCell({ template: { model: "kimi-k2.6", messages: [{ role: "user", content: "Hi {{who}}" }], parameters: {} }, values: { who: { kind: "text", text: "Ada" } }, column: { id: "d", label: "d", providerId: "simulator", model: "kimi-k2.6", overrides: {} }, title: "t", now: 1 });
    expect(unanswered.ok && { turns: unanswered.conversation.turns, draft: unanswered.conversation.draft }).toEqual({ turns: [], draft: "Hi Ada" });
    const missing = conversationFromCell({ template: { model: "m", messages: [{ role: "user", content: "{{gone}}" }], parameters: {} }, values: {}, column: { id: "a", label: "a", providerId: "simulator", model: "kimi-k2.6", overrides: {} }, title: "t", now: 1 });
    expect(missing).toEqual({ ok: false, message: '{{gone}} has no value in this row: add a "gone" column, or remove the placeholder.' });
  });
});
