import { authorizeCall, serveChatCompletion } from "@/lib/gateway/chat-gateway";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { readProviderParam } from "@/lib/gateway/route-params";
import { gatewayFailure } from "@/lib/wire/failure";
import { parseChatRequest } from "@/lib/wire/chat-request-schema";

export const dynamic = "force-dynamic";

/** OpenAI-compatible chat completions for every provider, in the Kimi dialect (docs/kimi-wire-format.md). */
export async function POST(request: Request, context: { params: Promise<{ provider: string }> }): Promise<Response> {
  const provider = await readProviderParam(context.params);
  if (!provider.ok) return provider.response;
  const { providerId } = provider;
  // Authorize before reading a body that may be 100 MB.
  const authorized = await authorizeCall({ request, providerId });
  if (!authorized.ok) return errorResponse({ failure: authorized.failure, provider: providerId });
  const body = await readJsonBody({ request, maxBytes: authorized.call.bodyLimit.maxBytes, limitSource: authorized.call.bodyLimit.source });
  if (!body.ok) return errorResponse({ failure: body.failure, provider: providerId });
  const parsed = parseChatRequest(body.body);
  if (!parsed.ok) {
    return errorResponse({ failure: gatewayFailure({ status: 400, type: "invalid_request_error", message: parsed.message }), provider: providerId });
  }
  return serveChatCompletion({ request, call: authorized.call, body: parsed.request });
}
