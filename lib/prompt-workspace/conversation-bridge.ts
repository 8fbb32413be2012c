import type { ProviderId } from "@/lib/catalog/catalog-types";
import { createId } from "@/lib/conversation/create-id";
import type { Conversation, Turn } from "@/lib/conversation/conversation-types";
import { attachmentsOf } from "@/lib/conversation/read-conversation";
import { listVariables, renderTemplate, type PromptTemplate, type VariableValue } from "@/lib/prompts/prompt-template";
import type { CellRecord, RunColumn } from "@/lib/runs/run-cell";
import type { CodedMessage } from "@/lib/wire/coded-message";
import type { ChatMessage, ImageUrlPart, MessageContent, VideoUrlPart } from "@/lib/wire/chat-request";
import { columnLabel, createProject, type PromptProject } from "./prompt-project";

// Between the playground and prompt prototyping: a conversation becomes a prompt (its system prompt,
// turns and parameters), and a prompt or one cell of a run opens as a conversation to continue by
// hand. A conversation's media go into the prompt as the conversation sends them; a cell opened as a
// conversation shows media as [image]/[video] (counted in `media` so the caller can say so).

/** A picture or video of a rendered prompt that opens as an attachment of a turn (or of the message waiting in the composer). */
export interface CellMedia {
  target: string | "draft";
  part: ImageUrlPart | VideoUrlPart;
}

/**
 * A message's text, and its pictures and videos: those carried as data URLs become attachments;
 * ones the browser does not hold (ms:// ids, http URLs, frame lists) stay as a line of text, named in `left`.
 */
function readContent(content: MessageContent | null | undefined): { text: string; media: Array<ImageUrlPart | VideoUrlPart>; left: string[] } {
  if (content === null || content === undefined) return { text: "", media: [], left: [] };
  if (typeof content === "string") return { text: content, media: [], left: [] };
  const media: Array<ImageUrlPart | VideoUrlPart> = [];
  const left: string[] = [];
  const texts: string[] = [];
  for (const part of content) {
    if (part.type === "text") texts.push(part.text);
    else if (part.type === "image_url" && part.image_url.url.startsWith("data:")) media.push(part);
    else if (part.type === "video_url" && part.video_url.url.startsWith("data:")) media.push(part);
    else {
      const line = part.type === "image_url" ? `[image ${part.image_url.url}]` : part.type === "video_url" ? `[video ${part.video_url.url}]` : `[video as ${part.video.length} frames]`;
      texts.push(line);
      left.push(line);
    }
  }
  // Pictures lifted out of the text leave the spaces around them; the parts join line by line.
  return { text: texts.map((text) => text.trim()).filter((text) => text !== "").join("\n"), media, left };
}

/** The messages a conversation sends with its media (see ConversationStore.messagesWithMedia). */
export interface SentMessages {
  messages: ChatMessage[];
  /** Attachments no longer in browser storage: their parts are empty and are left out. */
  missing: string[];
}

function withoutEmptyMedia(message: ChatMessage): ChatMessage {
  if (message.role !== "user" || typeof message.content === "string") return message;
  const parts = message.content.filter((part) => (part.type === "image_url" ? part.image_url.url !== "" : part.type === "video_url" ? part.video_url.url !== "" : part.type === "video" ? part.video.every((url) => url !== "") : true));
  return { ...message, content: parts.length > 0 ? parts : "" };
}

function countMedia(messages: readonly ChatMessage[]): { images: number; videos: number } {
  let images = 0;
  let videos = 0;
  for (const message of messages) {
    if (message.role !== "user" || typeof message.content === "string") continue;
    for (const part of message.content) {
      if (part.type === "image_url") images += 1;
      else if (part.type === "video_url" || part.type === "video") videos += 1;
    }
  }
  return { images, videos };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/**
 * A conversation as a prompt template: its system prompt and turns as messages, its parameters.
 * Given the messages it sends (`sent`), its pictures, videos and documents come along exactly as
 * they go to the model; without them, attachments are left out. `left` says what was left out or
 * changed, for the user to read.
 */
export function promptFromConversation({ conversation, sent }: { conversation: Conversation; sent?: SentMessages }): { template: PromptTemplate; providerId: ProviderId; left: CodedMessage[] } {
  const left: CodedMessage[] = [];
  let messages: ChatMessage[];
  if (sent) {
    messages = sent.messages.map(withoutEmptyMedia).filter((message) => !(message.role === "system" && message.content === ""));
    if (sent.missing.length > 0) left.push({ message: `Left out, because this browser no longer stores ${sent.missing.length === 1 ? "it" : "them"}: ${sent.missing.join(", ")}.`, code: "missingLeftOut", values: { count: String(sent.missing.length), names: sent.missing.join(", ") } });
  } else {
    messages = [];
    if (conversation.systemPrompt.trim()) messages.push({ role: "system", content: conversation.systemPrompt });
    for (const turn of conversation.turns) {
      if (turn.role === "user") {
        if (turn.attachments && turn.attachments.length > 0) left.push({ message: `${plural(turn.attachments.length, "attachment")} of a user message left out (add ${turn.attachments.length === 1 ? "it" : "them"} as media variables).`, code: "attachmentsLeftOut", values: { count: String(turn.attachments.length) } });
        messages.push({ role: "user", content: turn.content });
      } else if (turn.role === "assistant") {
        messages.push({ role: "assistant", content: turn.content, ...(turn.toolCalls && turn.toolCalls.length > 0 ? { tool_calls: turn.toolCalls } : {}) });
      } else {
        messages.push({ role: "tool", tool_call_id: turn.toolCallId, content: turn.content, ...(turn.name ? { name: turn.name } : {}) });
      }
    }
    if (conversation.draft.trim()) messages.push({ role: "user", content: conversation.draft });
  }
  // The answer to the last question is what the prompt is prototyped for, not part of it.
  let dropped = 0;
  while (messages.length > 0 && messages.at(-1)!.role !== "user") {
    messages.pop();
    dropped += 1;
  }
  if (dropped > 0) left.push({ message: "The last answer is not part of the prompt: runs produce it.", code: "lastAnswerDropped", values: {} });
  const carried = countMedia(messages);
  const documents = sent ? attachmentsOf(conversation).filter((attachment) => attachment.kind === "document" && !sent.missing.includes(attachment.name)).length : 0;
  if (carried.images + carried.videos + documents > 0) {
    const counts = `${plural(carried.images, "image")}, ${plural(carried.videos, "video")}, ${plural(documents, "document")}`;
    const message = `Media came along as the conversation sends them (${counts})${documents > 0 ? "; a document goes as a system message holding its text" : ""}: every row and column sends the same.`;
    left.push({ message, code: "mediaCame", values: { images: String(carried.images), videos: String(carried.videos), documents: String(documents) } });
  }
  if (!messages.some((message) => message.role === "user")) messages.push({ role: "user", content: "{{input}}" });
  return { template: { model: conversation.model, messages, parameters: structuredClone(conversation.parameters) }, providerId: conversation.providerId, left };
}

function turnsFromMessages({ messages, providerId, model, now }: { messages: ChatMessage[]; providerId: ProviderId; model: string; now: number }): { systemPrompt: string; turns: Turn[]; media: CellMedia[]; left: string[] } {
  const turns: Turn[] = [];
  const system: string[] = [];
  const media: CellMedia[] = [];
  const left: string[] = [];
  for (const message of messages) {
    const read = readContent(message.content);
    left.push(...read.left);
    if (message.role === "system") system.push(read.text);
    else if (message.role === "user") {
      const id = createId();
      media.push(...read.media.map((part) => ({ target: id, part })));
      turns.push({ id, role: "user", content: read.text, createdAt: now });
    } else if (message.role === "assistant") turns.push({ id: createId(), role: "assistant", providerId, model, content: read.text, reasoning: message.reasoning_content ?? "", ...(message.tool_calls ? { toolCalls: message.tool_calls } : {}), status: "done", createdAt: now });
    else turns.push({ id: createId(), role: "tool", toolCallId: message.tool_call_id, content: read.text, ...(message.name ? { name: message.name } : {}), createdAt: now });
  }
  return { systemPrompt: system.join("\n\n"), turns, media, left };
}

/**
 * One cell of a run as a conversation: the prompt rendered with the row's values, the cell's answer
 * (with its reasoning, tool calls, usage and finish reason), the column's provider, model and
 * parameters — ready to continue by hand.
 */
export function conversationFromCell({ template, values, column, record, title, now }: { template: PromptTemplate; values: Readonly<Record<string, VariableValue>>; column: RunColumn; record?: CellRecord; title: string; now: number }): { ok: true; conversation: Conversation; media: CellMedia[]; left: CodedMessage[] } | { ok: false; message: string; parts: CodedMessage[] } {
  const rendered = renderTemplate({ template, values });
  if (!rendered.ok) return { ok: false, message: rendered.problems.map((problem) => problem.message).join(" "), parts: rendered.problems.map(({ message, code, values }) => ({ message, code, values })) };
  const { model: _model, messages, ...parameters } = rendered.request;
  const read = turnsFromMessages({ messages, providerId: column.providerId, model: column.model, now });
  // Without an answer, the last question waits in the composer, ready to send.
  const last = read.turns.at(-1);
  const movedToDraft = !record && last?.role === "user";
  if (movedToDraft) read.turns.pop();
  const draft = movedToDraft ? last.content : "";
  const media = read.media.map((item) => (movedToDraft && item.target === last.id ? { ...item, target: "draft" } : item));
  if (record) {
    read.turns.push({
      id: createId(),
      role: "assistant",
      providerId: column.providerId,
      model: column.model,
      content: record.output,
      reasoning: record.reasoning,
      ...(record.toolCalls.length > 0 ? { toolCalls: record.toolCalls } : {}),
      status: record.status === "done" ? "done" : record.status === "cancelled" ? "stopped" : "error",
      finishReason: record.finishReason,
      ...(record.usage ? { usage: record.usage } : {}),
      ...(record.error ? { error: { type: "run_error", message: record.error } } : {}),
      timings: { ...(record.firstTokenMs !== undefined ? { firstTokenMs: record.firstTokenMs } : {}), totalMs: record.durationMs },
      createdAt: now,
    });
  }
  return {
    ok: true,
    media,
    left: read.left.length > 0 ? [{ message: `Not brought along, because this browser does not hold the file: ${read.left.join(", ")} (kept as text).`, code: "notBroughtAlong", values: { parts: read.left.join(", ") } }] : [],
    conversation: {
      id: createId(),
      providerId: column.providerId,
      model: column.model,
      systemPrompt: read.systemPrompt,
      parameters: { ...parameters, ...column.overrides },
      draft,
      draftAttachments: [],
      turns: read.turns,
      updatedAt: now,
      title,
    },
  };
}

/**
 * A new prompt project from a conversation: its prompt as the draft, one column on its provider and
 * model, and notes saying what came along and what did not.
 */
export function projectFromConversation({ conversation, sent, id, name, providerLabel, now }: { conversation: Conversation; sent?: SentMessages; id: string; name: string; providerLabel: string; now: number }): { project: PromptProject; left: CodedMessage[] } {
  const { template, providerId, left } = promptFromConversation({ conversation, ...(sent ? { sent } : {}) });
  const base = createProject({ id, now, name });
  const variables = listVariables(template);
  return {
    left,
    project: {
      ...base,
      providerId,
      draft: template,
      ...(left.length > 0 ? { notes: [{ message: `Made from the conversation “${name}”.`, code: "madeFromConversation", values: { name } }, ...left] } : {}),
      rows: [{ id: "row-1", values: Object.fromEntries(variables.map((variable) => [variable, { kind: "text", text: "" }])) }],
      columns: [{ id: "column-1", providerId, model: conversation.model, overrides: {}, label: columnLabel({ model: conversation.model, providerLabel, overrides: {} }) }],
    },
  };
}
