import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { ChatRequest } from "@/lib/wire/chat-request";
import { prepareDashscopeRequest } from "./dashscope/dashscope-request";
import { prepareDashscopeNativeRequest } from "./dashscope-native/dashscope-native-request";
import { prepareMoonshotRequest } from "./moonshot/moonshot-request";
import { prepareOpenAiCompatibleRequest } from "./openai-compatible/openai-compatible-request";
import type { PrepareRequest, PrepareResult, ProviderRequestConfig } from "./prepared-request";
import { prepareSimulatorRequest } from "./simulator/simulator-gateway-request";

/** Each provider's request builder: the one its adapter sends with. */
export const requestPreparers: Record<ProviderId, PrepareRequest> = {
  simulator: prepareSimulatorRequest,
  moonshot: prepareMoonshotRequest,
  dashscope: prepareDashscopeRequest,
  "dashscope-native": prepareDashscopeNativeRequest,
  "openai-compatible": prepareOpenAiCompatibleRequest,
};

/** The request a provider receives for a gateway body, as its adapter would send it (the key masked). */
export function prepareProviderRequest({ providerId, request, config }: { providerId: ProviderId; request: ChatRequest; config: ProviderRequestConfig }): PrepareResult {
  return requestPreparers[providerId]({ request, config });
}
