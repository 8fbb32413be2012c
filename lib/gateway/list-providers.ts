import "server-only";
import { providerIds } from "@/lib/catalog/catalog-types";
import { listCatalogModels } from "@/lib/catalog/model-catalog";
import { getServerEnv } from "@/lib/env";
import { readClientAccess } from "./access";
import { getDefaultProviderId, getProviderRuntime } from "@/lib/providers/provider-registry";
import type { ProvidersResponse } from "@/lib/catalog/provider-summary";

/** Every provider with its status for this client. Never includes keys. */
export function listProviders(request: Request): ProvidersResponse {
  const access = readClientAccess(request);
  const trusted = access.loopback || access.authenticated;
  return {
    defaultProviderId: getDefaultProviderId(),
    access,
    maxBodyBytes: getServerEnv().GATEWAY_MAX_BODY_MB * 1024 * 1024,
    providers: providerIds.map((id) => {
      const runtime = getProviderRuntime(id);
      let host: string | undefined;
      if (runtime.adapter && id !== "simulator") {
        try {
          host = new URL(runtime.adapter.requestConfig.baseUrl).host;
        } catch {
          host = undefined;
        }
      }
      return {
        id,
        label: runtime.descriptor.label,
        description: runtime.descriptor.description,
        thinkingSwitch: runtime.descriptor.thinkingSwitch,
        configured: runtime.configured,
        requiresKey: runtime.requiresKey,
        serverCredentialsUsable: id === "simulator" || (runtime.configured && trusted),
        ...(runtime.descriptor.keyEnv ? { keyEnv: runtime.descriptor.keyEnv } : {}),
        ...(runtime.configured || !runtime.setupHint ? {} : { setupHint: runtime.setupHint }),
        ...(host ? { host } : {}),
        // The simulator is reached through the gateway; every other provider as its adapter reaches it.
        ...(id === "simulator" ? { baseUrl: "/api/providers/simulator/v1" } : runtime.adapter ? runtime.adapter.requestConfig : {}),
        files: runtime.adapter?.files !== undefined,
        exactTokenCount: runtime.adapter?.countTokens !== undefined,
        models: [...listCatalogModels(id)],
      };
    }),
  };
}
