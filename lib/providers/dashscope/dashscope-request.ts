import type { ChatRequest } from "@/lib/wire/chat-request";
import { prepareOpenAiStyleRequest } from "../openai-style/openai-style-request";
import type { PrepareRequest } from "../prepared-request";
import { toDashscopeThinking } from "./dashscope-thinking";

/** The body for DashScope's OpenAI-compatible mode: the thinking switch in DashScope's names. */
export function toDashscopeCompatibleRequest(request: ChatRequest): Record<string, unknown> {
  const { thinking: _thinking, enable_thinking: _enable, preserve_thinking: _preserve, thinking_budget: _budget, ...rest } = request;
  return { ...rest, ...toDashscopeThinking(request) };
}

/** The request DashScope's compatible mode receives (`…/compatible-mode/v1/chat/completions`). */
export const prepareDashscopeRequest: PrepareRequest = ({ request, config }) =>
  prepareOpenAiStyleRequest({ providerId: "dashscope", request, config, transform: toDashscopeCompatibleRequest });
