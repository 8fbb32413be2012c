import type { ModelSpec } from "@/lib/catalog/catalog-types";
import type { ParameterFamily } from "@/lib/catalog/provider-parameters";
import type { Conversation, Turn } from "@/lib/chat/conversation-types";
import type { ChatMessage, ChatRequest } from "@/lib/gateway/chat-wire";
import { readPreserveThinking, requestThinks } from "./thinking-fields";

/** Something the workbench (or the gateway) does to a request beyond what the user set, and why. */
export interface RequestAdjustment {
  kind: "added" | "changed" | "dropped";
  field: string;
  reason: string;
}

/** Fields that are not parameters: the body's envelope. */
export const envelopeFields = ["model", "messages", "stream"] as const;

/** Whether earlier reasoning goes back to the model (it keeps thinking across turns). */
export function keepsReasoning({ spec, parameters, family }: { spec: ModelSpec; parameters: Record<string, unknown>; family: ParameterFamily }): boolean {
  if (!requestThinks({ fields: parameters, family, spec })) return false;
  return spec.preservedThinking === "always" || readPreserveThinking({ fields: parameters, family }) === true;
}

/** The messages a conversation sends: its turns, with reasoning where the model needs it back. */
export function turnsToMessages({ turns, includeReasoning }: { turns: readonly Turn[]; includeReasoning: boolean }): { messages: ChatMessage[]; leftOut: number } {
  const messages: ChatMessage[] = [];
  let leftOut = 0;
  for (const turn of turns) {
    if (turn.role === "user") {
      messages.push({ role: "user", content: turn.content });
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
      content: turn.content,
      // A tool-call turn must carry its reasoning back while thinking; kept models want all of it.
      ...((includeReasoning || hasToolCalls) && turn.reasoning ? { reasoning_content: turn.reasoning } : {}),
      ...(hasToolCalls ? { tool_calls: turn.toolCalls } : {}),
    });
  }
  return { messages, leftOut };
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
}: {
  conversation: Pick<Conversation, "model" | "systemPrompt" | "parameters" | "draft" | "turns">;
  turns?: readonly Turn[];
  includeDraft?: boolean;
  spec: ModelSpec;
  family: ParameterFamily;
}): { body: ChatRequest; adjustments: RequestAdjustment[] } {
  const adjustments: RequestAdjustment[] = [];
  const includeReasoning = keepsReasoning({ spec, parameters: conversation.parameters, family });
  const messages: ChatMessage[] = [];
  if (conversation.systemPrompt.trim()) messages.push({ role: "system", content: conversation.systemPrompt });
  const history = turnsToMessages({ turns, includeReasoning });
  messages.push(...history.messages);
  if (includeDraft && conversation.draft.trim()) messages.push({ role: "user", content: conversation.draft });
  if (history.leftOut > 0) {
    adjustments.push({ kind: "dropped", field: "messages", reason: `${history.leftOut} failed or empty answer${history.leftOut === 1 ? " is" : "s are"} left out of the history: the model never produced ${history.leftOut === 1 ? "it" : "them"}.` });
  }
  if (includeReasoning && history.messages.some((message) => message.role === "assistant" && message.reasoning_content)) {
    adjustments.push({ kind: "added", field: "messages[].reasoning_content", reason: `Earlier reasoning is sent back: ${spec.id} keeps its thinking across turns.` });
  } else if (history.messages.some((message) => message.role === "assistant" && message.tool_calls && message.reasoning_content)) {
    adjustments.push({ kind: "added", field: "messages[].reasoning_content", reason: "Tool-call turns carry their reasoning back; with thinking on the service requires it." });
  }
  const { model: _model, messages: _messages, stream, ...parameters } = conversation.parameters;
  if (stream !== true) {
    adjustments.push(
      stream === undefined
        ? { kind: "added", field: "stream", reason: "The workbench streams answers (true)." }
        : { kind: "changed", field: "stream", reason: `The workbench streams answers, so ${JSON.stringify(stream)} becomes true.` },
    );
  }
  return { body: { model: conversation.model, messages, ...parameters, stream: true }, adjustments };
}
