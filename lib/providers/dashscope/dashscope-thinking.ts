import type { ChatRequest } from "@/lib/wire/chat-request";

/** DashScope's thinking parameters, read from either dialect a client may use. */
export interface DashscopeThinkingParameters {
  enable_thinking?: boolean;
  preserve_thinking?: boolean;
  thinking_budget?: number;
}

/**
 * Maps Moonshot's `thinking: {type, keep, budget_tokens}` onto DashScope's `enable_thinking`,
 * `preserve_thinking` and `thinking_budget`. Fields the client set in DashScope's own names win.
 */
export function toDashscopeThinking(request: ChatRequest): DashscopeThinkingParameters {
  const result: DashscopeThinkingParameters = {};
  const { thinking } = request;
  const enable = request.enable_thinking ?? (thinking ? thinking.type === "enabled" : undefined);
  if (enable !== undefined) result.enable_thinking = enable;
  const preserve = request.preserve_thinking ?? (thinking?.keep === "all" ? true : undefined);
  if (preserve !== undefined) result.preserve_thinking = preserve;
  const budget = request.thinking_budget ?? thinking?.budget_tokens;
  if (budget !== undefined) result.thinking_budget = budget;
  return result;
}
