import type { DiscoveredModel } from "@/lib/catalog/catalog-types";
import { describeModel, listCatalogModels } from "@/lib/catalog/model-catalog";
import { authorizeCall } from "@/lib/gateway/chat-gateway";
import { errorResponse } from "@/lib/http/error-response";
import { readProviderParam } from "@/lib/gateway/route-params";

export const dynamic = "force-dynamic";

/**
 * The provider's models in OpenAI's list format: catalog models plus whatever the provider's own
 * `/v1/models` lists (self-hosted servers only have the latter). Capabilities are included.
 */
export async function GET(request: Request, context: { params: Promise<{ provider: string }> }): Promise<Response> {
  const provider = await readProviderParam(context.params);
  if (!provider.ok) return provider.response;
  const { providerId } = provider;
  const catalog = listCatalogModels(providerId);
  const authorized = authorizeCall({ request, providerId });
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
  const data = [...ids].map((id) => {
    const spec = describeModel({ providerId, modelId: id, discovered: upstreamModels.find((model) => model.id === id) });
    return {
      id,
      object: "model",
      owned_by: providerId,
      context_length: spec.contextWindow,
      supports_image_in: spec.input.includes("image"),
      supports_video_in: spec.input.includes("video"),
      supports_reasoning: spec.thinking.mode !== "none",
      in_catalog: spec.known,
      ...(spec.retired ? { retired: spec.retired } : {}),
    };
  });
  return Response.json({ object: "list", data, ...(upstreamError ? { upstream_error: upstreamError } : {}) });
}
