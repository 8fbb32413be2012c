import "server-only";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import { providerDescriptors, type ProviderDescriptor } from "@/lib/catalog/model-catalog";
import { getServerEnv, type ServerEnv } from "@/lib/env";
import { createDashscopeAdapter } from "./dashscope/dashscope-adapter";
import { dashscopeRegions, fillWorkspaceId } from "@/lib/catalog/dashscope-regions";
import { createDashscopeNativeAdapter } from "./dashscope-native/dashscope-native-adapter";
import { createMoonshotAdapter, moonshotDefaultBaseUrl } from "./moonshot/moonshot-adapter";
import { createOpenAiCompatibleAdapter } from "./openai-compatible/openai-compatible-adapter";
import type { ProviderAdapter } from "./provider-adapter";
import { createSimulatorAdapter } from "./simulator/simulator-adapter";

/** A provider as this server is configured for it. */
export interface ProviderRuntime {
  descriptor: ProviderDescriptor;
  /** Absent when the provider cannot be used at all (no base URL configured). */
  adapter?: ProviderAdapter;
  /** The server-side key, if configured. Never leaves the server. */
  serverApiKey?: string;
  /** Whether a call needs a key (server-side or the user's own). */
  requiresKey: boolean;
  /** Whether the server alone can serve calls (a key or keyless endpoint is configured). */
  configured: boolean;
  /** What an operator must set to configure it, when it is not configured. */
  setupHint?: string;
}

function buildRuntime({ id, env }: { id: ProviderId; env: ServerEnv }): ProviderRuntime {
  const descriptor = providerDescriptors[id];
  const idleTimeoutMs = env.GATEWAY_IDLE_TIMEOUT_MS;
  const region = dashscopeRegions[env.DASHSCOPE_REGION ?? "beijing"];
  const workspaceId = env.DASHSCOPE_WORKSPACE_ID ?? "";
  switch (id) {
    case "simulator":
      return {
        descriptor,
        adapter: createSimulatorAdapter({
          pace: { tokensPerSecond: env.SIMULATOR_TOKENS_PER_SECOND, firstTokenMs: env.SIMULATOR_FIRST_TOKEN_MS },
          idleTimeoutMs,
        }),
        requiresKey: false,
        configured: true,
      };
    case "moonshot":
      return {
        descriptor,
        adapter: createMoonshotAdapter({ baseUrl: env.MOONSHOT_BASE_URL ?? moonshotDefaultBaseUrl, idleTimeoutMs }),
        serverApiKey: env.MOONSHOT_API_KEY,
        requiresKey: true,
        configured: env.MOONSHOT_API_KEY !== undefined,
        setupHint: "Set MOONSHOT_API_KEY on the server, or paste your own key.",
      };
    case "dashscope":
      return {
        descriptor,
        adapter: createDashscopeAdapter({
          baseUrl: env.DASHSCOPE_BASE_URL ?? fillWorkspaceId({ template: region.compatibleBaseUrl, workspaceId }),
          idleTimeoutMs,
        }),
        serverApiKey: env.DASHSCOPE_API_KEY,
        requiresKey: true,
        configured: env.DASHSCOPE_API_KEY !== undefined,
        setupHint: "Set DASHSCOPE_API_KEY (and DASHSCOPE_REGION) on the server, or paste your own key.",
      };
    case "dashscope-native":
      return {
        descriptor,
        adapter: createDashscopeNativeAdapter({
          baseUrl: env.DASHSCOPE_NATIVE_BASE_URL ?? fillWorkspaceId({ template: region.nativeBaseUrl, workspaceId }),
          workspaceId: env.DASHSCOPE_WORKSPACE_ID,
          idleTimeoutMs,
        }),
        serverApiKey: env.DASHSCOPE_API_KEY,
        requiresKey: true,
        configured: env.DASHSCOPE_API_KEY !== undefined,
        setupHint: "Set DASHSCOPE_API_KEY (and DASHSCOPE_REGION) on the server, or paste your own key.",
      };
    case "openai-compatible":
      return {
        descriptor,
        ...(env.OPENAI_COMPATIBLE_BASE_URL
          ? {
              adapter: createOpenAiCompatibleAdapter({ baseUrl: env.OPENAI_COMPATIBLE_BASE_URL, idleTimeoutMs }),
            }
          : {}),
        serverApiKey: env.OPENAI_COMPATIBLE_API_KEY,
        requiresKey: false,
        configured: env.OPENAI_COMPATIBLE_BASE_URL !== undefined,
        setupHint: "Set OPENAI_COMPATIBLE_BASE_URL (e.g. http://127.0.0.1:8000/v1) on the server.",
      };
  }
}

const runtimes = new Map<ProviderId, ProviderRuntime>();

/** The runtime of one provider, built once from the environment. */
export function getProviderRuntime(id: ProviderId): ProviderRuntime {
  let runtime = runtimes.get(id);
  if (!runtime) {
    runtime = buildRuntime({ id, env: getServerEnv() });
    runtimes.set(id, runtime);
  }
  return runtime;
}

/** The provider the UI selects first: DEFAULT_PROVIDER, else the first configured real one, else the simulator. */
export function getDefaultProviderId(): ProviderId {
  const env = getServerEnv();
  if (env.DEFAULT_PROVIDER) return env.DEFAULT_PROVIDER;
  const configured = (["moonshot", "dashscope", "openai-compatible"] as const).find((id) => getProviderRuntime(id).configured);
  return configured ?? "simulator";
}
