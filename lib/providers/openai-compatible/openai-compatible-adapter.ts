import { createOpenAiStyleAdapter } from "../openai-style/openai-style-adapter";
import type { ProviderAdapter } from "../provider-adapter";
import { prepareOpenAiCompatibleRequest } from "./openai-compatible-request";

/** A self-hosted vLLM / SGLang server (or any OpenAI-compatible endpoint). */
export function createOpenAiCompatibleAdapter({ baseUrl, idleTimeoutMs }: { baseUrl: string; idleTimeoutMs: number }): ProviderAdapter {
  return createOpenAiStyleAdapter({ providerId: "openai-compatible", baseUrl, idleTimeoutMs, prepareRequest: prepareOpenAiCompatibleRequest });
}
