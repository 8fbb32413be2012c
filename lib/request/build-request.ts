import type { ModelSpec, ProviderId } from "@/lib/catalog/catalog-types";
import type { ParameterFamily } from "@/lib/catalog/provider-parameters";
import type { AssistantPrefix, Conversation, Turn } from "@/lib/conversation/conversation-types";
import type { ChatMessage, ChatRequest, ContentPart, RequestAdjustment } from "@/lib/wire/chat-request";
import { mediaContentParts, type MediaResolver } from "@/lib/media/attachment-parts";
import type { Attachment, DocumentAttachment, MediaAttachment } from "@/lib/conversation/attachment-types";
import { readPreserveThinking, requestThinks } from "@/lib/catalog/thinking-fields";

/** Fields that are not parameters: the body's envelope. */
export const envelopeFields = ["model", "messages", "stream"] as const;

/** Whether earlier reasoning goes back to the model (it keeps thinking across turns). */
export function keepsReasoning({ spec, parameters, family }: { spec: ModelSpec; parameters: Record<string, unknown>; family: ParameterFamily }): boolean {
  if (!requestThinks({ fields: parameters, family, spec })) return false;
  return spec.preservedThinking === "always" || readPreserveThinking({ fields: parameters, family }) === true;
}

/** How attachments become message parts: the provider decides the form, the resolver the bytes. */
export interface MediaContext {
  providerId: ProviderId;
  resolver: MediaResolver;
}

/** Messages built from turns, with what could not be loaded and what the workbench changed. */
interface BuiltMessages {
  messages: ChatMessage[];
  leftOut: number;
  adjustments: RequestAdjustment[];
  /** Attachments whose bytes or text are not loaded yet (the body cannot be sent until they are). */
  pending: string[];
}

/**
 * A user message and the system messages its documents become (Moonshot's file-extract recipe puts
 * a document's text in a system message before the question).
 */
export function userMessages({
  text,
  attachments,
  media,
  messageIndex,
}: {
  text: string;
  attachments: readonly Attachment[] | undefined;
  media: MediaContext | undefined;
  messageIndex: number;
}): { messages: ChatMessage[]; adjustments: RequestAdjustment[]; pending: string[] } {
  if (!attachments?.length || !media) return { messages: [{ role: "user", content: text }], adjustments: [], pending: [] };
  const messages: ChatMessage[] = [];
  const pending: string[] = [];
  for (const document of attachments.filter((attachment): attachment is DocumentAttachment => attachment.kind === "document")) {
    const extracted = media.resolver.documentText(document);
    if (extracted === undefined) pending.push(document.name);
    messages.push({ role: "system", content: extracted ?? "" });
  }
  const pictures = attachments.filter((attachment): attachment is MediaAttachment => attachment.kind !== "document");
  const built = mediaContentParts({ attachments: pictures, providerId: media.providerId, resolver: media.resolver, messageIndex: messageIndex + messages.length });
  const content: ContentPart[] = [...built.parts, ...(text ? [{ type: "text" as const, text }] : [])];
  messages.push({ role: "user", content: built.parts.length > 0 ? content : text });
  return { messages, adjustments: built.adjustments, pending: [...pending, ...built.pending] };
}

/** The messages a conversation sends: its turns, with reasoning where the model needs it back. */
export function turnsToMessages({
  turns,
  includeReasoning,
  media,
  firstIndex = 0,
}: {
  turns: readonly Turn[];
  includeReasoning: boolean;
  media?: MediaContext;
  /** Index of the first of these messages in the request (after the system prompt). */
  firstIndex?: number;
}): BuiltMessages {
  const messages: ChatMessage[] = [];
  const adjustments: RequestAdjustment[] = [];
  const pending: string[] = [];
  let leftOut = 0;
  for (const turn of turns) {
    if (turn.role === "user") {
      const built = userMessages({ text: turn.content, attachments: turn.attachments, media, messageIndex: firstIndex + messages.length });
      messages.push(...built.messages);
      adjustments.push(...built.adjustments);
      pending.push(...built.pending);
      continue;
    }
    if (turn.role === "tool") {
      messages.push({ role: "tool", tool_call_id: turn.toolCallId, content: turn.content, ...(turn.name ? { name: turn.name } : {}) });
      continue;
    }
    const hasToolCalls = (turn.toolCalls?.length ?? 0) > 0;
    // Failed answers and empty stops were never part of the conversation the model saw.
    if (!turn.content && !hasToolCalls) {
      leftOut += 1;
      continue;
    }
    messages.push({
      role: "assistant",
      // A continued prefix is part of what the model said (partial mode returns only the rest).
      content: turn.prefix ? turn.prefix.content + turn.content : turn.content,
      ...(turn.prefix?.name ? { name: turn.prefix.name } : {}),
      // A tool-call turn must carry its reasoning back while thinking; kept models want all of it.
      ...((includeReasoning || hasToolCalls) && turn.reasoning ? { reasoning_content: turn.reasoning } : {}),
      ...(hasToolCalls ? { tool_calls: turn.toolCalls } : {}),
    });
  }
  return { messages, leftOut, adjustments, pending };
}

/**
 * The body the workbench sends for the next answer: model, system prompt, the turns so far, the
 * message being written, and the user's parameters exactly as set; plus what the workbench itself
 * added or changed, and why.
 */
export function buildRequestBody({
  conversation,
  turns = conversation.turns,
  includeDraft = true,
  spec,
  family,
  media,
  prefix = includeDraft ? conversation.assistantPrefix : undefined,
}: {
  conversation: Pick<Conversation, "model" | "systemPrompt" | "parameters" | "draft" | "turns" | "assistantPrefix"> & { draftAttachments?: Attachment[] };
  turns?: readonly Turn[];
  includeDraft?: boolean;
  /** Partial mode: the prefix the answer continues (by default the one written with the draft). */
  prefix?: AssistantPrefix;
  spec: ModelSpec;
  family: ParameterFamily;
  /** How attachments are written; without it, turns go as text only. */
  media?: MediaContext;
}): { body: ChatRequest; adjustments: RequestAdjustment[]; pending: string[] } {
  const adjustments: RequestAdjustment[] = [];
  const includeReasoning = keepsReasoning({ spec, parameters: conversation.parameters, family });
  const messages: ChatMessage[] = [];
  if (conversation.systemPrompt.trim()) messages.push({ role: "system", content: conversation.systemPrompt });
  const history = turnsToMessages({ turns, includeReasoning, media, firstIndex: messages.length });
  messages.push(...history.messages);
  const pending = [...history.pending];
  const draftAttachments = conversation.draftAttachments ?? [];
  if (includeDraft && (conversation.draft.trim() || draftAttachments.length > 0)) {
    const draft = userMessages({ text: conversation.draft, attachments: draftAttachments, media, messageIndex: messages.length });
    messages.push(...draft.messages);
    adjustments.push(...draft.adjustments);
    pending.push(...draft.pending);
  }
  if (prefix && prefix.content !== "") messages.push({ role: "assistant", content: prefix.content, partial: true, ...(prefix.name ? { name: prefix.name } : {}) });
  adjustments.push(...history.adjustments);
  if (history.leftOut > 0) {
    adjustments.push({ kind: "dropped", field: "messages", reason: `${history.leftOut} failed or empty answer${history.leftOut === 1 ? " is" : "s are"} left out of the history: the model never produced ${history.leftOut === 1 ? "it" : "them"}.`, code: "history-left-out", values: { count: String(history.leftOut) } });
  }
  if (includeReasoning && history.messages.some((message) => message.role === "assistant" && message.reasoning_content)) {
    adjustments.push({ kind: "added", field: "messages[].reasoning_content", reason: `Earlier reasoning is sent back: ${spec.id} keeps its thinking across turns.`, code: "reasoning-kept", values: { model: spec.id } });
  } else if (history.messages.some((message) => message.role === "assistant" && message.tool_calls && message.reasoning_content)) {
    adjustments.push({ kind: "added", field: "messages[].reasoning_content", reason: "Tool-call turns carry their reasoning back; with thinking on the service requires it.", code: "tool-call-reasoning", values: {} });
  }
  const { model: _model, messages: _messages, stream, ...parameters } = conversation.parameters;
  if (stream !== true) {
    adjustments.push(
      stream === undefined
        ? { kind: "added", field: "stream", reason: "The workbench streams answers (true).", code: "stream-added", values: {} }
        : { kind: "changed", field: "stream", reason: `The workbench streams answers, so ${JSON.stringify(stream)} becomes true.`, code: "stream-changed", values: { value: JSON.stringify(stream) } },
    );
  }
  return { body: { model: conversation.model, messages, ...parameters, stream: true }, adjustments, pending };
}
