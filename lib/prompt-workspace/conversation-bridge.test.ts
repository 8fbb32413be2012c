import { describe, expect, it } from "vitest";
import type { Conversation } from "@/lib/conversation/conversation-types";
import { conversationFromCell, projectFromConversation, promptFromConversation } from "./conversation-bridge";
import { expectWordedAsEnglish } from "@/testing/catalog-wording";

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
    const { template, providerId, left } = promptFromConversation({ conversation });
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
    expect(left.map((note) => note.message)).toEqual(["1 attachment of a user message left out (add it as media variables)."]);
    expectWordedAsEnglish({ namespace: "notices", items: left.map(({ code, values, message }) => ({ code, values, english: message })) });
    // Without a draft, the last answer is what runs will produce: it is not part of the prompt.
    const answered = promptFromConversation({ conversation: { ...conversation, draft: "" } });
    expect(answered.template.messages.map((message) => message.role)).toEqual(["system", "user"]);
    expect(answered.left.map((note) => note.message)).toContain("The last answer is not part of the prompt: runs produce it.");
  });

  it("carries pictures, videos and documents as the conversation sends them, and names what this browser lost", () => {
    const withMedia: Conversation = {
      ...conversation,
      draft: "",
      turns: [
        {
          id: "u1",
          role: "user",
          content: "Compare these.",
          createdAt: 1,
          attachments: [{ id: "d", kind: "document", name: "spec.pdf", mediaType: "application/pdf", bytes: 10, blobKey: "b", textKey: "t" } as never, { id: "i", kind: "image", name: "map.png", mediaType: "image/png", bytes: 10, blobKey: "k" } as never, { id: "g", kind: "image", name: "gone.png", mediaType: "image/png", bytes: 10, blobKey: "g" } as never],
        },
        { id: "a1", role: "assistant", providerId: "moonshot", model: "kimi-k2.6", content: "They differ.", reasoning: "", status: "done", createdAt: 2 },
      ],
    };
    const sent = {
      messages: [
        { role: "system" as const, content: "Be brief." },
        { role: "system" as const, content: "spec text" },
        { role: "user" as const, content: [{ type: "image_url" as const, image_url: { url: "data:image/png;base64,AAAA" } }, { type: "image_url" as const, image_url: { url: "" } }, { type: "video" as const, video: ["data:image/jpeg;base64,AA", "data:image/jpeg;base64,BB"], fps: 1 }, { type: "text" as const, text: "Compare these." }] },
        { role: "assistant" as const, content: "They differ." },
      ],
      missing: ["gone.png"],
    };
    const { template, left } = promptFromConversation({ conversation: withMedia, sent });
    expect(template.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "system", content: "spec text" },
      { role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }, { type: "video", video: ["data:image/jpeg;base64,AA", "data:image/jpeg;base64,BB"], fps: 1 }, { type: "text", text: "Compare these." }] },
    ]);
    expect(left.map((note) => note.message)).toEqual([
      "Left out, because this browser no longer stores it: gone.png.",
      "The last answer is not part of the prompt: runs produce it.",
      "Media came along as the conversation sends them (1 image, 1 video, 1 document); a document goes as a system message holding its text: every row and column sends the same.",
    ]);
    expectWordedAsEnglish({ namespace: "notices", items: left.map(({ code, values, message }) => ({ code, values, english: message })) });
    const project = projectFromConversation({ conversation: withMedia, sent, id: "p", name: "Compare", providerLabel: "Moonshot", now: 1 }).project;
    const [made] = project.notes ?? [];
    expect(made).toEqual({ message: "Made from the conversation “Compare”.", code: "madeFromConversation", values: { name: "Compare" } });
    expectWordedAsEnglish({ namespace: "notices", items: [{ code: "madeFromConversation", values: { name: "Compare" }, english: "Made from the conversation “Compare”." }] });
    expect(project.draft).toEqual(template);
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
    const { conversation: result, media, left } = opened;
    // The picture becomes an attachment of the question (storeOpenedConversation reads it into browser storage).
    expect(media).toEqual([{ target: result.turns[0]!.id, part: { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } } }]);
    expect(left).toEqual([]);
    expect(result).toMatchObject({ providerId: "moonshot", model: "kimi-k3", systemPrompt: "Be brief.", parameters: { temperature: 0.6, reasoning_effort: "high" }, title: "Run r · fr · K3" });
    expect(result.turns.map((turn) => [turn.role, turn.content])).toEqual([
      ["user", "Capital of France?"],
      ["assistant", "Paris."],
    ]);
    expect(result.turns[1]).toMatchObject({ reasoning: "France → Paris", finishReason: "stop", usage: { total_tokens: 12 }, timings: { firstTokenMs: 200, totalMs: 900 } });
    const unanswered = conversationFromCell({ template: { model: "kimi-k2.6", messages: [{ role: "user", content: "Hi {{who}}" }], parameters: {} }, values: { who: { kind: "text", text: "Ada" } }, column: { id: "d", label: "d", providerId: "simulator", model: "kimi-k2.6", overrides: {} }, title: "t", now: 1 });
    expect(unanswered.ok && { turns: unanswered.conversation.turns, draft: unanswered.conversation.draft }).toEqual({ turns: [], draft: "Hi Ada" });
    // Unanswered, the question waits in the composer with its picture; a file this browser does not hold stays as text, and is named.
    const waiting = conversationFromCell({ template: { model: "kimi-k2.6", messages: [{ role: "user", content: "{{map}} {{clip}} Where is this?" }], parameters: {} }, values: { map: { kind: "media", media: "image", url: "data:image/png;base64,AAAA" }, clip: { kind: "media", media: "video", url: "ms://file-9" } }, column: { id: "d", label: "d", providerId: "moonshot", model: "kimi-k2.6", overrides: {} }, title: "t", now: 1 });
    if (!waiting.ok) throw new Error(waiting.message);
    expect(waiting.conversation.draft).toBe("[video ms://file-9]\nWhere is this?");
    expect(waiting.media.map((item) => item.target)).toEqual(["draft"]);
    expect(waiting.left.map((note) => note.message)).toEqual(["Not brought along, because this browser does not hold the file: [video ms://file-9] (kept as text)."]);
    expectWordedAsEnglish({ namespace: "notices", items: waiting.left.map(({ code, values, message }) => ({ code, values, english: message })) });
    const missing = conversationFromCell({ template: { model: "m", messages: [{ role: "user", content: "{{gone}}" }], parameters: {} }, values: {}, column: { id: "a", label: "a", providerId: "simulator", model: "kimi-k2.6", overrides: {} }, title: "t", now: 1 });
    expect(missing).toMatchObject({ ok: false, message: '{{gone}} has no value in this row: add a "gone" column, or remove the placeholder.' });
  });
});
