import "server-only";
import { providerIds } from "@/lib/catalog/catalog-types";
import { listCatalogModels } from "@/lib/catalog/model-catalog";
import { hasAccess, readClientAccess } from "./access";
import { bodyLimitFor } from "./chat-gateway";
import { getDefaultProviderId, getProviderRuntime } from "@/lib/providers/provider-registry";
import type { ProvidersResponse } from "@/lib/catalog/provider-summary";

/** Whether a base URL is a public HTTPS service (e.g. api.moonshot.ai), not a private or local host. */
function isPublicServiceUrl(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === "https:" && hostname.includes(".") && !/^[\d.]+$|^\[|localhost$|\.local$|\.internal$/.test(hostname);
  } catch {
    return false;
  }
}

/** Every provider with its status for this client. Never includes keys. */
export async function listProviders(request: Request): Promise<ProvidersResponse> {
  const access = await readClientAccess(request);
  const trusted = hasAccess(access);
  return {
    defaultProviderId: getDefaultProviderId(),
    access,
    maxBodyBytes: bodyLimitFor(access).maxBytes,
    providers: providerIds.map((id) => {
      const runtime = getProviderRuntime(id);
      let host: string | undefined;
      // Where a private upstream lives (a self-hosted server's host:port) is for clients with access only.
      const shown = runtime.adapter !== undefined && (trusted || isPublicServiceUrl(runtime.adapter.requestConfig.baseUrl));
      if (runtime.adapter && id !== "simulator" && shown) {
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
        ...(id === "simulator" ? { baseUrl: "/api/providers/simulator/v1" } : runtime.adapter && shown ? runtime.adapter.requestConfig : {}),
        files: runtime.adapter?.files !== undefined,
        exactTokenCount: runtime.adapter?.countTokens !== undefined,
        models: [...listCatalogModels(id)],
      };
    }),
  };
}
