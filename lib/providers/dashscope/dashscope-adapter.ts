import { createOpenAiStyleAdapter } from "../openai-style/openai-style-adapter";
import type { ProviderAdapter } from "@/lib/providers/provider-adapter";
import { toDashscopeCompatibleRequest } from "./dashscope-request";

/** DashScope's OpenAI-compatible mode (`.../compatible-mode/v1`). */
export function createDashscopeAdapter({ baseUrl, idleTimeoutMs }: { baseUrl: string; idleTimeoutMs: number }): ProviderAdapter {
  return createOpenAiStyleAdapter({ providerId: "dashscope", baseUrl, idleTimeoutMs, transformRequest: toDashscopeCompatibleRequest });
}
