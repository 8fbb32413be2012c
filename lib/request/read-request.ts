import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { AssistantPrefix, Conversation, Turn } from "@/lib/conversation/conversation-types";
import type { ChatMessage, ToolCall } from "@/lib/wire/chat-request";
import type { Attachment, DocumentAttachment } from "@/lib/conversation/attachment-types";
import { readPlaceholder } from "@/lib/media/media-placeholder";
import { isDeepStrictEqual } from "./deep-equal";

/** A problem that stops an edited body from being applied to the conversation. */
export interface ReadProblem {
  path: Array<string | number>;
  message: string;
}

/** What the reader knows about the conversation's attachments. */
interface KnownAttachments {
  byId: Map<string, Attachment>;
  byFileId: Map<string, Attachment>;
  /** A document whose extracted text (as sent) is exactly this. */
  documentWithText: (text: string) => DocumentAttachment | undefined;
}

function textOf(content: unknown): string | undefined {
  if (typeof content === "string") return content;
  if (content === null || content === undefined) return "";
  return undefined;
}

const attachHint = "Images and video are attached from the composer: a part must name one of this conversation's attachments (its ⟨attachment …⟩ placeholder or ms:// id).";

/**
 * A user message's text and attachments. Media parts must refer to attachments the conversation
 * already has; a video part's `fps` and `max_frames` are applied to its attachment.
 */
function readUserContent({ content, path, known, problems }: { content: unknown; path: Array<string | number>; known: KnownAttachments; problems: ReadProblem[] }): { text: string; attachments: Attachment[] } {
  const text = textOf(content);
  if (text !== undefined) return { text, attachments: [] };
  if (!Array.isArray(content)) {
    problems.push({ path, message: "content must be a string or an array of parts." });
    return { text: "", attachments: [] };
  }
  const texts: string[] = [];
  const attachments: Attachment[] = [];
  content.forEach((part: Record<string, unknown>, index) => {
    const partPath = [...path, index];
    if (part?.type === "text") {
      texts.push(typeof part.text === "string" ? part.text : "");
      return;
    }
    const url =
      part?.type === "image_url" ? (part.image_url as { url?: unknown } | undefined)?.url : part?.type === "video_url" ? (part.video_url as { url?: unknown } | undefined)?.url : part?.type === "video" && Array.isArray(part.video) ? part.video[0] : undefined;
    if (typeof url !== "string") {
      problems.push({ path: partPath, message: `Unknown content part${typeof part?.type === "string" ? ` type "${part.type}"` : ""}; use text, image_url, video_url or video.` });
      return;
    }
    const reference = readPlaceholder(url);
    const attachment = reference ? known.byId.get(reference.attachmentId) : url.startsWith("ms://") ? known.byFileId.get(url.slice("ms://".length)) : undefined;
    if (!attachment || attachment.kind === "document") {
      problems.push({ path: partPath, message: reference || url.startsWith("ms://") ? `This conversation has no attachment ${reference?.attachmentId ?? url}. ${attachHint}` : attachHint });
      return;
    }
    if (attachment.kind === "video" && part.type === "video_url") {
      const fps = part.fps === undefined ? attachment.fps : part.fps;
      const maxFrames = part.max_frames === undefined ? attachment.maxFrames : part.max_frames;
      if (typeof fps !== "number" || typeof maxFrames !== "number") {
        problems.push({ path: partPath, message: "fps and max_frames must be numbers." });
        return;
      }
      attachments.push({ ...attachment, fps, maxFrames, delivery: "file" });
      return;
    }
    if (attachment.kind === "video" && part.type === "video") {
      attachments.push({ ...attachment, delivery: "frames" });
      return;
    }
    attachments.push(attachment);
  });
  return { text: texts.join("\n\n"), attachments };
}

/** Where the trailing user message and its documents' system messages start (messages.length if there is none). */
function draftStart({ messages, known }: { messages: readonly ChatMessage[]; known: KnownAttachments }): number {
  const lastIndex = messages.length - 1;
  if (messages[lastIndex]?.role !== "user") return messages.length;
  let start = lastIndex;
  while (start > 0 && messages[start - 1]!.role === "system" && known.documentWithText(textOf(messages[start - 1]!.content) ?? "\u0000")) start -= 1;
  return start;
}

/**
 * Applies a request body edited in the JSON view to the conversation: the model, the system prompt,
 * the parameters (everything but model, messages and stream), and the messages. Unchanged messages
 * leave the turns (and their usage, timings, errors) untouched; edited texts update their turns in
 * place; a changed structure rebuilds the turns. A trailing user message is the message being
 * written. Attachments are referred to by their placeholders (or ms:// ids); documents are the system
 * messages holding their extracted text, right before their user message.
 */
export function readRequestBody({
  body,
  conversation,
  currentMessages,
  providerId,
  createId,
  documentText = () => undefined,
}: {
  body: Record<string, unknown>;
  conversation: Conversation;
  /** The messages the current conversation sends (to tell edits from the unchanged history). */
  currentMessages: readonly ChatMessage[];
  providerId: ProviderId;
  createId: () => string;
  /** A document's extracted text as the body shows it. */
  documentText?: (document: DocumentAttachment) => string | undefined;
}): { ok: true; conversation: Conversation } | { ok: false; problems: ReadProblem[] } {
  const problems: ReadProblem[] = [];
  if (typeof body.model !== "string" || body.model.trim() === "") problems.push({ path: ["model"], message: "model must be a model id (a non-empty string)." });
  if (!Array.isArray(body.messages)) problems.push({ path: ["messages"], message: "messages must be an array." });
  if (problems.length > 0) return { ok: false, problems };
  const messages = body.messages as ChatMessage[];
  const { model, messages: _messages, stream: _stream, ...parameters } = body;

  const all = [...conversation.turns.flatMap((turn) => (turn.role === "user" ? (turn.attachments ?? []) : [])), ...conversation.draftAttachments];
  const documents = all.filter((attachment): attachment is DocumentAttachment => attachment.kind === "document");
  const known: KnownAttachments = {
    byId: new Map(all.map((attachment) => [attachment.id, attachment])),
    byFileId: new Map(all.flatMap((attachment) => (attachment.upload && attachment.kind !== "document" ? [[attachment.upload.fileId, attachment] as const] : []))),
    documentWithText: (text) => documents.find((document) => documentText(document) === text),
  };

  let systemPrompt = "";
  let rest: readonly ChatMessage[] = messages;
  if (messages[0]?.role === "system" && !known.documentWithText(textOf(messages[0].content) ?? "\u0000")) {
    const text = textOf(messages[0].content);
    if (text === undefined) problems.push({ path: ["messages", 0, "content"], message: "The workbench keeps the system prompt as text; use a string." });
    systemPrompt = text ?? "";
    rest = messages.slice(1);
  }
  const offset = rest === messages ? 0 : 1;
  // A trailing partial assistant message is the prefix written under the composer (partial mode).
  let assistantPrefix: AssistantPrefix | undefined;
  const last = rest[rest.length - 1];
  if (last?.role === "assistant" && last.partial === true) {
    const text = textOf(last.content);
    if (text === undefined) problems.push({ path: ["messages", rest.length - 1 + offset, "content"], message: "The answer's prefix (partial mode) must be text." });
    assistantPrefix = { content: text ?? "", ...(last.name ? { name: last.name } : {}) };
    rest = rest.slice(0, -1);
  }
  if (problems.length > 0) return { ok: false, problems };

  let draft = conversation.draft;
  let draftAttachments = conversation.draftAttachments;
  const withoutSystem = currentMessages[0]?.role === "system" && conversation.systemPrompt.trim() ? currentMessages.slice(1) : currentMessages;
  const currentLast = withoutSystem[withoutSystem.length - 1];
  const currentHistory = currentLast?.role === "assistant" && currentLast.partial === true ? withoutSystem.slice(0, -1) : withoutSystem;
  const hasDraft = Boolean(conversation.draft.trim() || conversation.draftAttachments.length > 0);
  const historyNow = hasDraft ? currentHistory.slice(0, draftStart({ messages: currentHistory, known })) : currentHistory;
  let turns = conversation.turns;
  if (isDeepStrictEqual(rest, currentHistory)) {
    // Nothing in the conversation changed.
  } else {
    const start = draftStart({ messages: rest, known });
    const history = rest.slice(0, start);
    if (start < rest.length) {
      const read = readUserMessages({ messages: rest.slice(start), firstIndex: start + offset, known, problems });
      draft = read.text;
      draftAttachments = read.attachments;
    } else {
      draft = "";
      draftAttachments = [];
    }
    if (!isDeepStrictEqual(history, historyNow)) {
      const rebuilt = rebuildTurns({ history, conversation, providerId, model: String(model), createId, offset, known, problems });
      turns = rebuilt;
    }
    if (problems.length > 0) return { ok: false, problems };
  }
  const { assistantPrefix: _previousPrefix, ...unprefixed } = conversation;
  return { ok: true, conversation: { ...unprefixed, model: String(model), systemPrompt, parameters, draft, draftAttachments, turns, ...(assistantPrefix ? { assistantPrefix } : {}) } };
}

/** A user message with the documents (system messages) before it. */
function readUserMessages({ messages, firstIndex, known, problems }: { messages: readonly ChatMessage[]; firstIndex: number; known: KnownAttachments; problems: ReadProblem[] }): { text: string; attachments: Attachment[] } {
  const documents = messages.slice(0, -1).map((message) => known.documentWithText(textOf(message.content) ?? "\u0000")!);
  const user = readUserContent({ content: messages[messages.length - 1]!.content, path: ["messages", firstIndex + messages.length - 1, "content"], known, problems });
  return { text: user.text, attachments: [...documents, ...user.attachments] };
}

function rebuildTurns({
  history,
  conversation,
  providerId,
  model,
  createId,
  offset,
  known,
  problems,
}: {
  history: readonly ChatMessage[];
  conversation: Conversation;
  providerId: ProviderId;
  model: string;
  createId: () => string;
  offset: number;
  known: KnownAttachments;
  problems: ReadProblem[];
}): Turn[] {
  // The turns that produced messages, in order, so edits keep their ids and metadata.
  const sent = conversation.turns.filter((turn) => turn.role !== "assistant" || turn.content || turn.toolCalls?.length);
  const turns: Turn[] = [];
  let waitingDocuments: number[] = [];
  history.forEach((message, index) => {
    const path = ["messages", index + offset];
    if (message.role === "system") {
      if (known.documentWithText(textOf(message.content) ?? "\u0000")) waitingDocuments.push(index);
      else problems.push({ path, message: "Only the first message may be a system message (the workbench has one system prompt; documents' texts come from their attachments)." });
      return;
    }
    if (message.role === "user") {
      const read = readUserMessages({ messages: [...waitingDocuments.map((documentIndex) => history[documentIndex]!), message], firstIndex: index + offset - waitingDocuments.length, known, problems });
      waitingDocuments = [];
      const previous = sent[turns.length]?.role === "user" ? sent[turns.length] : undefined;
      turns.push({ id: previous?.id ?? createId(), role: "user", content: read.text, ...(read.attachments.length > 0 ? { attachments: read.attachments } : {}), createdAt: previous?.createdAt ?? Date.now() });
      return;
    }
    if (waitingDocuments.length > 0) {
      problems.push({ path: ["messages", waitingDocuments[0]! + offset], message: "A document's system message must come right before the user message it belongs to." });
      waitingDocuments = [];
    }
    const previous = sent[turns.length]?.role === message.role ? sent[turns.length] : undefined;
    const text = textOf(message.content);
    if (text === undefined) {
      problems.push({ path: [...path, "content"], message: `${message.role === "tool" ? "A tool result" : "An assistant message"} must be text here.` });
      return;
    }
    if (message.role === "tool") {
      turns.push({ id: previous?.id ?? createId(), role: "tool", toolCallId: message.tool_call_id, content: text, ...(message.name ? { name: message.name } : {}), createdAt: previous?.createdAt ?? Date.now() });
    } else if (message.role === "assistant") {
      const base = previous?.role === "assistant" ? previous : undefined;
      // An answer that continued a prefix keeps it while the text still starts with it.
      const prefix = base?.prefix && text.startsWith(base.prefix.content) ? base.prefix : undefined;
      turns.push({
        ...(base ?? { id: createId(), providerId, model, status: "done" as const, createdAt: Date.now() }),
        role: "assistant",
        content: prefix ? text.slice(prefix.content.length) : text,
        prefix,
        reasoning: message.reasoning_content ?? "",
        ...(message.tool_calls && message.tool_calls.length > 0 ? { toolCalls: message.tool_calls as ToolCall[] } : { toolCalls: undefined }),
      });
    }
  });
  if (waitingDocuments.length > 0) problems.push({ path: ["messages", waitingDocuments[0]! + offset], message: "A document's system message must come right before the user message it belongs to." });
  return turns;
}
