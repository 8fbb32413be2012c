import { providerIds, type ProviderId } from "@/lib/catalog/catalog-types";
import { errorResponse } from "@/lib/http/error-response";
import { serverMessage } from "@/lib/i18n/server-message";

/** The `[provider]` segment as a known provider id, or a 404 naming the known ones. */
export async function readProviderParam(params: Promise<{ provider: string }>): Promise<{ ok: true; providerId: ProviderId } | { ok: false; response: Response }> {
  const { provider } = await params;
  if ((providerIds as readonly string[]).includes(provider)) return { ok: true, providerId: provider as ProviderId };
  return {
    ok: false,
    response: errorResponse({
      failure: { status: 404, type: "unknown_provider", ...serverMessage({ code: "unknownProvider", values: { provider, known: providerIds.join(", ") } }), retryable: false },
      provider,
    }),
  };
}
