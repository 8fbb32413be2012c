import { timingSafeEqual } from "node:crypto";
import { getServerEnv } from "@/lib/env";
import { isCrossSiteBrowserRequest, readClientAccess, sessionCookieName, sessionValueFor } from "@/lib/gateway/access";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { describeSchemaIssue } from "@/lib/wire/schema-issues";
import { sessionRequestSchema } from "./request-schema";

export const dynamic = "force-dynamic";

function error(status: number, type: string, message: string): Response {
  return errorResponse({ failure: { status, type, message } });
}

/** This client's access: from this machine, signed in, and whether a token is configured at all. */
export function GET(request: Request): Response {
  return Response.json(readClientAccess(request), { headers: { "cache-control": "no-store" } });
}

/** Signs in with WORKBENCH_ACCESS_TOKEN: sets an HttpOnly cookie holding an HMAC of it, never the token. */
export async function POST(request: Request): Promise<Response> {
  if (isCrossSiteBrowserRequest(request)) return error(403, "cross_site_request", "Cross-site requests are refused.");
  const token = getServerEnv().WORKBENCH_ACCESS_TOKEN;
  if (!token) return error(409, "no_access_token", "This server has no WORKBENCH_ACCESS_TOKEN configured, so there is nothing to sign in with.");
  const body = await readJsonBody({ request, maxBytes: 64 * 1024 });
  if (!body.ok) return error(body.failure.status, body.failure.type, body.failure.message);
  const parsed = sessionRequestSchema.safeParse(body.body);
  if (!parsed.success) return error(400, "invalid_request_error", `Invalid request body: ${describeSchemaIssue(parsed.error.issues)}`);
  const given = Buffer.from(parsed.data.token);
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return error(401, "invalid_access_token", "That access token is not correct.");
  }
  // Behind a TLS-terminating proxy the request itself is plain http; the proxy says what the browser used.
  const https = new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const secure = https ? "; Secure" : "";
  return Response.json(
    { authenticated: true },
    { headers: { "set-cookie": `${sessionCookieName}=${sessionValueFor(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000${secure}` } },
  );
}

/** Signs out. */
export function DELETE(): Response {
  return Response.json({ authenticated: false }, { headers: { "set-cookie": `${sessionCookieName}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` } });
}
