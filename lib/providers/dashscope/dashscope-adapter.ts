import { createOpenAiStyleAdapter } from "../openai-style/openai-style-adapter";
import type { ProviderAdapter } from "../provider-adapter";
import { prepareDashscopeRequest } from "./dashscope-request";

/** DashScope's OpenAI-compatible mode (`.../compatible-mode/v1`). */
export function createDashscopeAdapter({ baseUrl, idleTimeoutMs }: { baseUrl: string; idleTimeoutMs: number }): ProviderAdapter {
  return createOpenAiStyleAdapter({ providerId: "dashscope", baseUrl, idleTimeoutMs, prepareRequest: prepareDashscopeRequest });
}
