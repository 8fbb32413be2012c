import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { messagesFor } from "@/lib/i18n/messages";
import type { Conversation } from "@/lib/conversation/conversation-types";
import type { ChatMessage } from "@/lib/wire/chat-request";
import type { Attachment, DocumentAttachment, MediaAttachment } from "@/lib/conversation/attachment-types";
import { turnsToMessages } from "@/lib/request/build-request";
import { readConversationFile, readOpenAiMessages, turnsFromImport, writeConversationFile } from "./conversation-export";

const image: Attachment = { id: "i1", kind: "image", name: "a.png", mediaType: "image/png", bytes: 3, blobKey: "sha256-aa", width: 20, height: 30 };
const video: Attachment = { id: "v1", kind: "video", name: "v.mp4", mediaType: "video/mp4", bytes: 4, blobKey: "sha256-bb", width: 320, height: 240, durationSeconds: 3, decodable: true, fps: 1.5, maxFrames: 2000, delivery: "file" };
const document: Attachment = { id: "d1", kind: "document", name: "n.md", mediaType: "text/markdown", bytes: 5, blobKey: "sha256-cc", textKey: "sha256-dd", textLength: 12, upload: { providerId: "moonshot", fileId: "file-1", purpose: "file-extract" } };

const conversation: Conversation = {
  id: "c1",
  providerId: "moonshot",
  model: "kimi-k2.6",
  systemPrompt: "Be brief.",
  parameters: { temperature: 1, thinking: { type: "enabled", keep: "all" }, tools: [{ type: "function", function: { name: "w", parameters: { type: "object" } } }] },
  draft: "unsent ✓",
  draftAttachments: [],
  title: "Named",
  turns: [
    { id: "u1", role: "user", content: "Look — 你好", attachments: [document, image, video], createdAt: 1 },
    { id: "a1", role: "assistant", providerId: "moonshot", model: "kimi-k2.6", content: "", reasoning: "call w", status: "done", toolCalls: [{ id: "w_0", type: "function", function: { name: "w", arguments: "{}" } }], usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11, cached_tokens: 4 }, timings: { firstTokenMs: 120, tokensPerSecond: 80.5 }, promptEstimate: { tokens: 9, exact: true }, createdAt: 2 },
    { id: "t1", role: "tool", toolCallId: "w_0", name: "w", content: "sunny", createdAt: 3 },
    { id: "a2", role: "assistant", providerId: "moonshot", model: "kimi-k2.6", content: "It is sunny.", reasoning: "read result", status: "done", finishReason: "stop", createdAt: 4 },
  ],
  updatedAt: 5,
};
const media = [
  { key: "sha256-aa", mediaType: "image/png", base64: "AAEC" },
  { key: "sha256-bb", mediaType: "video/mp4", base64: "AAECAw==" },
  { key: "sha256-cc", mediaType: "text/markdown", base64: "aGVsbG8=" },
  { key: "sha256-dd", mediaType: "text/plain", base64: "eyJjb250ZW50IjoiaGkifQ==" },
];

describe("the workbench's conversation file", () => {
  it("round-trips everything: settings, attachments, usage, timings, estimates, the unsent draft, media", async () => {
    const text = writeConversationFile({ conversation, media, now: new Date("2026-11-22T00:00:00Z") });
    const read = await readConversationFile(JSON.parse(text));
    expect(read).toEqual({ ok: true, conversation, media });
  });

  it("refuses malformed files, newer versions and missing media, saying what is wrong", async () => {
    expect(await readConversationFile({ format: "something-else" })).toMatchObject({ ok: false, message: expect.stringMatching(/^Not a Kimi Workbench conversation file: format/) });
    expect(await readConversationFile({ format: "kimi-workbench-conversation", version: 2, conversation: {}, media: [] })).toMatchObject({ ok: false, message: expect.stringMatching(/version 2; this workbench reads up to version 1/) });
    // Where, what is wrong, and what is there.
    const malformed = await readConversationFile({ format: "kimi-workbench-conversation", version: 1, conversation: { ...conversation, turns: [{ id: "u", role: "user", content: 42, createdAt: 1 }] }, media });
    expect(malformed).toMatchObject({ ok: false, message: expect.stringMatching(/^The conversation in this file is not what the workbench writes: conversation\.turns\[0\].*; found .*\. Nothing was imported\.$/) });
    expect(await readConversationFile({ format: "something-else" })).toMatchObject({ ok: false, message: 'Not a Kimi Workbench conversation file: format: Invalid input: expected "kimi-workbench-conversation"; found "something-else". Nothing was imported.' });
    expect(await readConversationFile({ format: "kimi-workbench-conversation", version: 1, conversation, media: media.slice(1) })).toMatchObject({ ok: false, message: expect.stringMatching(/media sha256-aa that is not in the file/) });
  });
});

describe("OpenAI messages", () => {
  const dataUrls = new Map([
    ["sha256-aa", "data:image/png;base64,AAEC"],
    ["sha256-bb", "data:video/mp4;base64,AAECAw=="],
  ]);
  const texts = new Map([["sha256-dd", '{"content":"hi","filename":"n.md"}']]);
  const resolver = { fileUrl: (attachment: MediaAttachment) => dataUrls.get(attachment.blobKey), frameUrl: () => undefined, documentText: (attachment: DocumentAttachment) => texts.get(attachment.textKey) };
  const exportMessages = (source: Conversation): ChatMessage[] => [
    ...(source.systemPrompt ? [{ role: "system" as const, content: source.systemPrompt }] : []),
    ...turnsToMessages({ turns: source.turns, includeReasoning: true, media: { providerId: source.providerId, resolver } }).messages,
  ];

  it("read back to the same messages: system prompt, documents, images, video with fps, reasoning, tool calls", () => {
    const messages = exportMessages(conversation);
    const read = readOpenAiMessages(JSON.parse(JSON.stringify(messages)));
    if (!read.ok) throw new Error(read.message);
    expect(read.imported.systemPrompt).toBe("Be brief.");
    let count = 0;
    const turns = turnsFromImport({
      imported: read.imported,
      providerId: "moonshot",
      model: "kimi-k2.6",
      createId: () => `n${(count += 1)}`,
      now: 9,
      attachMedia: (item, index) => {
        const key = [...dataUrls].find(([, url]) => url === item.dataUrl)![0];
        return item.kind === "image" ? { ...image, id: `m${index}`, blobKey: key } : { ...video, id: `m${index}`, blobKey: key, fps: item.fps ?? 2, maxFrames: item.maxFrames ?? 2000 };
      },
      attachDocument: (text, index) => {
        texts.set(`text-${index}`, text);
        return { ...document, id: `doc${index}`, textKey: `text-${index}` } as DocumentAttachment;
      },
    });
    expect(exportMessages({ ...conversation, turns })).toEqual(messages);
  });

  it("refuses what it cannot keep, naming the message and the way out", () => {
    expect(readOpenAiMessages([{ role: "user", content: [{ type: "image_url", image_url: { url: "ms://file-1" } }] }])).toMatchObject({ ok: false, code: "media-not-inline", message: "messages[0].content[0]: media must be inline to be imported (an uploaded file (ms://…) belongs to a provider account); export with media as data: URLs." });
    expect(readOpenAiMessages({ messages: [{ role: "user", content: [{ type: "video", video: ["data:image/jpeg;base64,AA"] }] }] })).toMatchObject({ ok: false, message: expect.stringMatching(/^messages\[0\]\.content\[0\]: a video sent as a list of frames/) });
    expect(readOpenAiMessages([{ role: "robot", content: "x" }])).toMatchObject({ ok: false, message: expect.stringMatching(/^Not OpenAI chat messages: messages\[0\]/) });
    expect(readOpenAiMessages([{ role: "user", content: "a" }, { role: "system", content: "late" }])).toMatchObject({ ok: false, message: expect.stringMatching(/must come before a user message/) });
  });
});

describe("import errors in the catalogs", () => {
  // The history words a refusal from importErrors.<code>; in English it must say what the reader says.
  it("words every refusal the readers give, in English word for word", async () => {
    const english = createTranslator({ locale: "en", messages: messagesFor("en") }) as unknown as (key: string, values: Record<string, string>) => string;
    const failures = [
      await readConversationFile({ format: "something-else" }),
      await readConversationFile({ format: "kimi-workbench-conversation", version: 2, conversation: {}, media: [] }),
      await readConversationFile({ format: "kimi-workbench-conversation", version: 1, conversation: { ...conversation, turns: [{ id: "u", role: "user", content: 42, createdAt: 1 }] }, media: [] }),
      await readConversationFile({ format: "kimi-workbench-conversation", version: 1, conversation, media: [] }),
      readOpenAiMessages({ nothing: true }),
      readOpenAiMessages([{ role: "robot", content: "x" }]),
      readOpenAiMessages([{ role: "user", content: "a" }, { role: "system", content: "doc" }, { role: "assistant", content: "b" }]),
      readOpenAiMessages([{ role: "user", content: [{ type: "video", video: ["data:image/jpeg;base64,AA"] }] }]),
      readOpenAiMessages([{ role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/a.png" } }] }]),
      readOpenAiMessages([{ role: "user", content: "a" }, { role: "system", content: "doc" }]),
    ];
    const codes = failures.map((failure) => (failure.ok ? "ok" : failure.code));
    expect(codes).toEqual(["not-workbench-file", "newer-version", "bad-conversation", "missing-media", "not-messages", "bad-messages", "system-in-middle", "frame-list-video", "media-not-inline", "trailing-system"]);
    for (const failure of failures) if (!failure.ok) expect(english(`importErrors.${failure.code}`, failure.values), failure.code).toBe(failure.message);
  });
});
