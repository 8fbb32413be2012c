import type { ModelSpec } from "@/lib/catalog/catalog-types";
import type { ChatMessage, ChatRequest } from "@/lib/gateway/chat-wire";
import type { Conversation, Turn } from "./conversation-types";

/** Whether earlier reasoning is sent back (the model keeps its thinking across turns). */
export function keepsReasoning({ spec, thinkingEnabled }: { spec: ModelSpec; thinkingEnabled: boolean }): boolean {
  return thinkingEnabled && spec.preservedThinking === "always";
}

function toMessages({ turns, includeReasoning }: { turns: readonly Turn[]; includeReasoning: boolean }): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const turn of turns) {
    if (turn.role === "user") {
      messages.push({ role: "user", content: turn.content });
      continue;
    }
    // Failed answers and empty stops were never part of the conversation the model saw.
    if (turn.status === "error" && !turn.content) continue;
    if (!turn.content && !turn.toolCalls?.length) continue;
    const hasToolCalls = (turn.toolCalls?.length ?? 0) > 0;
    messages.push({
      role: "assistant",
      content: turn.content,
      // Kimi requires the reasoning of a tool-call turn back while thinking; kept models want all of it.
      ...((includeReasoning || hasToolCalls) && turn.reasoning ? { reasoning_content: turn.reasoning } : {}),
      ...(hasToolCalls ? { tool_calls: turn.toolCalls } : {}),
    });
  }
  return messages;
}

/**
 * The request body for the next answer: system prompt, the turns so far, and the thinking switch
 * (in Moonshot's dialect; the gateway translates it for DashScope and self-hosted servers).
 */
export function buildChatRequest({
  conversation,
  turns,
  spec,
  thinkingEnabled,
}: {
  conversation: Pick<Conversation, "model" | "systemPrompt" | "thinking">;
  /** Turns to send, ending with the user message being answered. */
  turns: readonly Turn[];
  spec: ModelSpec;
  thinkingEnabled: boolean;
}): ChatRequest {
  const messages: ChatMessage[] = [];
  if (conversation.systemPrompt.trim()) messages.push({ role: "system", content: conversation.systemPrompt });
  messages.push(...toMessages({ turns, includeReasoning: keepsReasoning({ spec, thinkingEnabled }) }));
  const request: ChatRequest = { model: conversation.model, messages, stream: true };
  // Only an explicit choice is sent, and only where the model lets it be switched.
  if (conversation.thinking !== "default" && spec.thinking.mode === "optional") {
    request.thinking = { type: conversation.thinking === "on" ? "enabled" : "disabled" };
  }
  return request;
}
