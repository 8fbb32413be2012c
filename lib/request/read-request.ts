import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { Conversation, Turn } from "@/lib/chat/conversation-types";
import type { ChatMessage, ToolCall } from "@/lib/gateway/chat-wire";
import { isDeepStrictEqual } from "./deep-equal";

/** A problem that stops an edited body from being applied to the conversation. */
export interface ReadProblem {
  path: Array<string | number>;
  message: string;
}

function textOf(content: unknown): string | undefined {
  if (typeof content === "string") return content;
  if (content === null || content === undefined) return "";
  return undefined;
}

/**
 * Applies a request body edited in the JSON view to the conversation: the model, the system prompt,
 * the parameters (everything but model, messages and stream), and the messages. Unchanged messages
 * leave the turns (and their usage, timings, errors) untouched; edited texts update their turns in
 * place; a changed structure rebuilds the turns. A trailing user message is the message being written.
 */
export function readRequestBody({
  body,
  conversation,
  currentMessages,
  providerId,
  createId,
}: {
  body: Record<string, unknown>;
  conversation: Conversation;
  /** The messages the current conversation sends (to tell edits from the unchanged history). */
  currentMessages: readonly ChatMessage[];
  providerId: ProviderId;
  createId: () => string;
}): { ok: true; conversation: Conversation } | { ok: false; problems: ReadProblem[] } {
  const problems: ReadProblem[] = [];
  if (typeof body.model !== "string" || body.model.trim() === "") problems.push({ path: ["model"], message: "model must be a model id (a non-empty string)." });
  if (!Array.isArray(body.messages)) problems.push({ path: ["messages"], message: "messages must be an array." });
  if (problems.length > 0) return { ok: false, problems };
  const messages = body.messages as ChatMessage[];
  const { model, messages: _messages, stream: _stream, ...parameters } = body;
  let systemPrompt = "";
  let rest = messages;
  if (messages[0]?.role === "system") {
    const text = textOf(messages[0].content);
    if (text === undefined) problems.push({ path: ["messages", 0, "content"], message: "The workbench keeps the system prompt as text; use a string." });
    systemPrompt = text ?? "";
    rest = messages.slice(1);
  }
  rest.forEach((message, offset) => {
    const index = offset + (rest === messages ? 0 : 1);
    if (message.role === "system") problems.push({ path: ["messages", index], message: "Only the first message may be a system message (the workbench has one system prompt)." });
  });
  if (problems.length > 0) return { ok: false, problems };

  let draft = conversation.draft;
  const last = rest[rest.length - 1];
  const withoutDraft = (list: readonly ChatMessage[]) => (list[list.length - 1]?.role === "user" ? list.slice(0, -1) : list);
  const currentHistory = currentMessages[0]?.role === "system" ? currentMessages.slice(1) : currentMessages;
  const historyNow = conversation.draft.trim() ? withoutDraft(currentHistory) : currentHistory;
  let turns = conversation.turns;
  if (isDeepStrictEqual(rest, currentHistory)) {
    // Nothing in the conversation changed.
  } else {
    const trailingUser = last?.role === "user" ? textOf(last.content) : undefined;
    const history = trailingUser !== undefined ? rest.slice(0, -1) : rest;
    draft = trailingUser ?? "";
    if (isDeepStrictEqual(history, historyNow)) {
      // Only the message being written changed.
    } else {
      const rebuilt = rebuildTurns({ history, conversation, providerId, model: String(model), createId });
      if (!rebuilt.ok) return rebuilt;
      turns = rebuilt.turns;
    }
  }
  return { ok: true, conversation: { ...conversation, model: String(model), systemPrompt, parameters, draft, turns } };
}

function rebuildTurns({
  history,
  conversation,
  providerId,
  model,
  createId,
}: {
  history: readonly ChatMessage[];
  conversation: Conversation;
  providerId: ProviderId;
  model: string;
  createId: () => string;
}): { ok: true; turns: Turn[] } | { ok: false; problems: ReadProblem[] } {
  // The turns that produced messages, in order, so edits keep their ids and metadata.
  const sent = conversation.turns.filter((turn) => turn.role !== "assistant" || turn.content || turn.toolCalls?.length);
  const problems: ReadProblem[] = [];
  const turns: Turn[] = [];
  const offset = conversation.systemPrompt.trim() ? 1 : 0;
  history.forEach((message, index) => {
    const previous = sent[index]?.role === message.role ? sent[index] : undefined;
    const text = textOf(message.content);
    if (text === undefined) {
      problems.push({ path: ["messages", index + offset, "content"], message: "Message content must be text here (images and video are attached from the composer)." });
      return;
    }
    if (message.role === "user") turns.push({ id: previous?.id ?? createId(), role: "user", content: text, createdAt: previous?.createdAt ?? Date.now() });
    else if (message.role === "tool") {
      turns.push({ id: previous?.id ?? createId(), role: "tool", toolCallId: message.tool_call_id, content: text, ...(message.name ? { name: message.name } : {}), createdAt: previous?.createdAt ?? Date.now() });
    } else if (message.role === "assistant") {
      const base = previous?.role === "assistant" ? previous : undefined;
      turns.push({
        ...(base ?? { id: createId(), providerId, model, status: "done" as const, createdAt: Date.now() }),
        role: "assistant",
        content: text,
        reasoning: message.reasoning_content ?? "",
        ...(message.tool_calls && message.tool_calls.length > 0 ? { toolCalls: message.tool_calls as ToolCall[] } : { toolCalls: undefined }),
      });
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, turns };
}
