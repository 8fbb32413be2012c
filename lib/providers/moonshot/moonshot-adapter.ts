import { createOpenAiStyleAdapter } from "../openai-style/openai-style-adapter";
import type { ProviderAdapter } from "../provider-adapter";
import { prepareMoonshotRequest } from "./moonshot-request";

/** Moonshot's international endpoint; `https://api.moonshot.cn/v1` for China (keys do not cross over). */
export const moonshotDefaultBaseUrl = "https://api.moonshot.ai/v1";

/** The Moonshot API: the gateway's dialect is Moonshot's own, so requests pass through unchanged. */
export function createMoonshotAdapter({ baseUrl, idleTimeoutMs, fetch }: { baseUrl: string; idleTimeoutMs: number; fetch?: typeof globalThis.fetch }): ProviderAdapter {
  return createOpenAiStyleAdapter({ providerId: "moonshot", baseUrl, idleTimeoutMs, prepareRequest: prepareMoonshotRequest, hasTokenCountEndpoint: true, hasFilesApi: true, hasFormulasApi: true, fetch });
}
