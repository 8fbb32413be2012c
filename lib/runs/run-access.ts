import "server-only";
import { hasAccess, isCrossSiteBrowserRequest, readClientAccess } from "@/lib/gateway/access";
import { errorResponse } from "@/lib/http/error-response";
import { serverMessage } from "@/lib/i18n/server-message";

/**
 * Runs spend the server's keys in the background, many calls at a time: only clients with access
 * (this machine while loopback counts, the access token or a session) may start or steer them.
 */
export async function refuseWithoutRunAccess(request: Request): Promise<Response | undefined> {
  if (isCrossSiteBrowserRequest(request)) return errorResponse({ failure: { status: 403, type: "cross_site_request", ...serverMessage({ code: "crossSite" }) } });
  const access = await readClientAccess(request);
  if (hasAccess(access)) return undefined;
  return errorResponse({ failure: { status: 401, type: "access_denied", ...serverMessage({ code: access.tokenConfigured ? "runAccessSignIn" : "runAccessLocalOnly" }) } });
}
