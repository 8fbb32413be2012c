import { serverMessage } from "@/lib/i18n/server-message";
import { getServerEnv } from "@/lib/env";
import { hasAccess, isCrossSiteBrowserRequest, readClientAccess } from "@/lib/gateway/access";
import { bodyLimitFor, takePublicCall } from "@/lib/gateway/chat-gateway";
import { errorResponse } from "@/lib/http/error-response";
import { readBodyBytes } from "@/lib/http/read-json-body";
import { createSimulatorHandler } from "@/lib/providers/simulator/simulator-handler";

export const dynamic = "force-dynamic";

// The raw simulator, speaking the Moonshot API as-is (usage inside the finishing choice and all),
// so anything that talks to Moonshot can be pointed here: MOONSHOT_BASE_URL=http://HOST/api/simulator/v1.
let handler: ((request: Request) => Promise<Response>) | undefined;

/**
 * The same rules as the gateway's simulator: no cross-site callers, bodies within the caller's
 * limit (smaller without access) read before the simulator sees them, and a per-client rate for
 * callers without access. Uploaded files belong to the Authorization header they came with.
 */
async function simulator(request: Request): Promise<Response> {
  if (isCrossSiteBrowserRequest(request)) return errorResponse({ failure: { status: 403, type: "cross_site_request", ...serverMessage({ code: "crossSite" }) } });
  const access = await readClientAccess(request);
  if (!hasAccess(access)) {
    const limited = await takePublicCall(request);
    if (limited) return errorResponse({ failure: limited });
  }
  let bounded = request;
  if (request.method !== "GET" && request.method !== "HEAD") {
    const limit = bodyLimitFor(access);
    const read = await readBodyBytes({ request, maxBytes: limit.maxBytes, limitSource: limit.source });
    if (!read.ok) return errorResponse({ failure: read.failure });
    bounded = new Request(request.url, { method: request.method, headers: request.headers, body: new Uint8Array(read.bytes), signal: request.signal });
  }
  const env = getServerEnv();
  handler ??= createSimulatorHandler({ pace: { tokensPerSecond: env.SIMULATOR_TOKENS_PER_SECOND, firstTokenMs: env.SIMULATOR_FIRST_TOKEN_MS } });
  return handler(bounded);
}

export const GET = simulator;
export const POST = simulator;
export const DELETE = simulator;
