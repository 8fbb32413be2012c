import "server-only";
import { hasAccess, isCrossSiteBrowserRequest, readClientAccess } from "@/lib/gateway/access";
import { errorResponse } from "@/lib/http/error-response";

/**
 * Runs spend the server's keys in the background, many calls at a time: only clients with access
 * (this machine while loopback counts, the access token or a session) may start or steer them.
 */
export async function refuseWithoutRunAccess(request: Request): Promise<Response | undefined> {
  if (isCrossSiteBrowserRequest(request)) return errorResponse({ failure: { status: 403, type: "cross_site_request", message: "Cross-site and same-site requests from other origins are refused." } });
  const access = await readClientAccess(request);
  if (hasAccess(access)) return undefined;
  const how = access.tokenConfigured ? "Sign in (Keys → Sign in) or send Authorization: Bearer $WORKBENCH_ACCESS_TOKEN." : "This server has no WORKBENCH_ACCESS_TOKEN, so only clients on this machine may run prompts.";
  return errorResponse({ failure: { status: 401, type: "access_denied", message: `Runs need access to this workbench. ${how}` } });
}
