import { serverMessage } from "@/lib/i18n/server-message";
import { errorResponse } from "@/lib/http/error-response";
import { readProviderParam } from "@/lib/gateway/route-params";

export const dynamic = "force-dynamic";

// The provider API's endpoints, for the message of a path the gateway does not serve.
const served = ["POST chat/completions", "POST tokenizers/estimate-token-count", "GET models", "POST/GET files", "GET/DELETE files/{id}", "GET files/{id}/content", "GET formulas/{uri}/tools", "POST formulas/{uri}/fibers"];

/**
 * Any other path under a provider's `/v1`: a JSON error in the provider's envelope (SDKs print the
 * message; Next's HTML 404 page would be printed as the error instead).
 */
async function notServed(request: Request, context: { params: Promise<{ provider: string; path: string[] }> }): Promise<Response> {
  const provider = await readProviderParam(context.params);
  if (!provider.ok) return provider.response;
  const { path } = await context.params;
  return errorResponse({
    failure: { status: 404, type: "not_found", ...serverMessage({ code: "gatewayNotServed", values: { method: request.method, path: path.join("/"), provider: provider.providerId, served: served.join(", ") } }) },
    provider: provider.providerId,
  });
}

export const GET = notServed;
export const POST = notServed;
export const PUT = notServed;
export const PATCH = notServed;
export const DELETE = notServed;
