import { describeModel } from "@/lib/catalog/model-catalog";
import { readClientAccess } from "@/lib/gateway/access";
import { authorizeCall, bodyLimitFor } from "@/lib/gateway/chat-gateway";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { readProviderParam } from "@/lib/gateway/route-params";
import { gatewayFailure } from "@/lib/wire/failure";
import { estimateRequestTokens } from "@/lib/tokens/estimate-request-tokens";
import { parseChatRequest } from "@/lib/wire/chat-request-schema";

export const dynamic = "force-dynamic";

/**
 * Token count for a chat body. Exact (`"exact": true`) from the provider's own endpoint where it
 * has one and a key is available (Moonshot, the simulator); otherwise a local estimate. The local
 * breakdown (system, history, tools, last message, media) is always included.
 */
export async function POST(request: Request, context: { params: Promise<{ provider: string }> }): Promise<Response> {
  const provider = await readProviderParam(context.params);
  if (!provider.ok) return provider.response;
  const { providerId } = provider;
  // Authorized first: cross-site callers and clients over their rate are refused before any body is
  // read, and a caller without access gets the smaller body limit (counting is CPU the server pays).
  const authorized = await authorizeCall({ request, providerId });
  if (!authorized.ok && (authorized.failure.status === 403 || authorized.failure.status === 429)) return errorResponse({ failure: authorized.failure, provider: providerId });
  const limit = authorized.ok ? authorized.call.bodyLimit : bodyLimitFor(await readClientAccess(request));
  const body = await readJsonBody({ request, maxBytes: limit.maxBytes, limitSource: limit.source });
  if (!body.ok) return errorResponse({ failure: body.failure, provider: providerId });
  const parsed = parseChatRequest(body.body);
  if (!parsed.ok) {
    return errorResponse({ failure: gatewayFailure({ status: 400, type: "invalid_request_error", message: parsed.message }), provider: providerId });
  }
  const chat = parsed.request;
  const spec = describeModel({ providerId, modelId: chat.model });
  const preservedThinking = spec.preservedThinking === "always" || chat.thinking?.keep === "all" || chat.preserve_thinking === true;
  const local = await estimateRequestTokens({ request: chat, providerId, preservedThinking });
  const notes = [...local.notes];

  // A count never spends anything, so a missing key only means falling back to the estimate.
  const countTokens = authorized.ok ? authorized.call.adapter.countTokens : undefined;
  if (authorized.ok && countTokens) {
    const counted = await countTokens({ request: chat, apiKey: authorized.call.apiKey, signal: request.signal });
    if (counted.ok) {
      return Response.json({ data: { total_tokens: counted.totalTokens }, exact: true, method: "provider", breakdown: local.breakdown, notes });
    }
    notes.push(`The provider's token count failed (${counted.failure.message}); this is a local estimate.`);
  }
  return Response.json({ data: { total_tokens: local.breakdown.total }, exact: false, method: "local-estimate", breakdown: local.breakdown, notes });
}
