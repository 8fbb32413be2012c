import type { ChatRequest } from "@/lib/wire/chat-request";
import { prepareOpenAiStyleRequest } from "../openai-style/openai-style-request";
import type { PrepareRequest } from "../prepared-request";

/**
 * The body for a self-hosted vLLM / SGLang server. Their Kimi chat templates switch thinking with
 * `chat_template_kwargs.thinking`; Moonshot's `thinking` object (or DashScope's `enable_thinking`)
 * is translated so the same workbench request works there.
 */
export function toOpenAiCompatibleRequest(request: ChatRequest): Record<string, unknown> {
  const { thinking, enable_thinking: enableThinking, ...rest } = request;
  const enabled = enableThinking ?? (thinking ? thinking.type === "enabled" : undefined);
  if (enabled === undefined) return rest;
  const existing = typeof rest.chat_template_kwargs === "object" && rest.chat_template_kwargs !== null ? rest.chat_template_kwargs : {};
  return { ...rest, chat_template_kwargs: { ...existing, thinking: enabled } };
}

/** The request a self-hosted server receives. */
export const prepareOpenAiCompatibleRequest: PrepareRequest = ({ request, config }) =>
  prepareOpenAiStyleRequest({ providerId: "openai-compatible", request, config, transform: toOpenAiCompatibleRequest });
