import type { DiscoveredModel } from "@/lib/catalog/catalog-types";
import { catalogCheckedOn } from "@/lib/catalog/kimi-models";
import { describeModel, isRetired, listCatalogModels } from "@/lib/catalog/model-catalog";
import { authorizeCall } from "@/lib/gateway/chat-gateway";
import { errorResponse } from "@/lib/http/error-response";
import { readProviderParam } from "@/lib/gateway/route-params";

export const dynamic = "force-dynamic";

const catalogCheckedAt = Math.floor(Date.parse(`${catalogCheckedOn}T00:00:00Z`) / 1000);

/**
 * The provider's models in OpenAI's list format: catalog models plus whatever the provider's own
 * `/v1/models` lists (self-hosted servers only have the latter). Capabilities are included.
 */
export async function GET(request: Request, context: { params: Promise<{ provider: string }> }): Promise<Response> {
  const provider = await readProviderParam(context.params);
  if (!provider.ok) return provider.response;
  const { providerId } = provider;
  const catalog = listCatalogModels(providerId);
  const authorized = await authorizeCall({ request, providerId });
  // Other origins get nothing, not even the catalog: their page must not learn what this server offers.
  if (!authorized.ok && authorized.failure.type === "cross_site_request") return errorResponse({ failure: authorized.failure, provider: providerId });
  const upstreamModels: DiscoveredModel[] = [];
  let upstreamError: string | undefined;
  if (authorized.ok) {
    const listed = await authorized.call.adapter.listModels({ apiKey: authorized.call.apiKey, signal: request.signal });
    if (listed.ok) upstreamModels.push(...listed.models);
    else upstreamError = listed.failure.message;
  } else if (catalog.length === 0) {
    return errorResponse({ failure: authorized.failure, provider: providerId });
  }
  const ids = new Set([...catalog.map((model) => model.id), ...upstreamModels.map((model) => model.id)]);
  // Whether the provider's own list was read (then catalog models missing from it are flagged).
  const listedUpstream = authorized.ok && upstreamError === undefined && upstreamModels.length > 0;
  const today = new Date();
  const data = [...ids].map((id) => {
    const discovered = upstreamModels.find((model) => model.id === id);
    const spec = describeModel({ providerId, modelId: id, discovered });
    return {
      id,
      object: "model",
      // OpenAI's schema requires it: the provider's figure, else the day the catalog was checked.
      created: discovered?.created ?? catalogCheckedAt,
      owned_by: providerId,
      context_length: spec.contextWindow,
      supports_image_in: spec.input.includes("image"),
      supports_video_in: spec.input.includes("video"),
      supports_reasoning: spec.thinking.mode !== "none",
      in_catalog: spec.known,
      status: isRetired({ spec, today }) ? "retired" : "current",
      ...(spec.retired ? { retired: spec.retired } : {}),
      ...(listedUpstream ? { listed_by_provider: discovered !== undefined } : {}),
    };
  });
  return Response.json({ object: "list", data, catalog_checked_on: catalogCheckedOn, ...(upstreamError ? { upstream_error: upstreamError } : {}) });
}
