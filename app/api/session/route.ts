import { timingSafeEqual } from "node:crypto";
import { getServerEnv } from "@/lib/env";
import { isCrossSiteBrowserRequest, readClientAccess, readClientKey, readCookie, sessionCookieName } from "@/lib/gateway/access";
import { takeLimit, resetLimit } from "@/lib/guard/rate-limits";
import { createSession, deleteSession } from "@/lib/guard/session-store";
import { errorResponse } from "@/lib/http/error-response";
import { logEvent } from "@/lib/log/server-log";
import { readJsonBody } from "@/lib/http/read-json-body";
import { describeSchemaIssue } from "@/lib/wire/schema-issues";
import type { UpstreamFailure } from "@/lib/wire/failure";
import { serverMessage, type ServerMessage } from "@/lib/i18n/server-message";
import { sessionRequestSchema } from "./request-schema";

export const dynamic = "force-dynamic";

function error(status: number, type: string, message: ServerMessage | Pick<UpstreamFailure, "message" | "messageCode" | "messageValues">, headers?: Record<string, string>): Response {
  return errorResponse({ failure: { status, type, ...message }, ...(headers ? { headers } : {}) });
}

/** Sign-in attempts per client in 10 minutes (SIGN_IN_LIMIT), counted across instances with Redis. */
function signInRule() {
  return { name: "sign-in", points: getServerEnv().SIGN_IN_LIMIT, durationSeconds: 600 };
}

/** This client's access: from this machine, signed in, and whether a token is configured at all. */
export async function GET(request: Request): Promise<Response> {
  return Response.json(await readClientAccess(request), { headers: { "cache-control": "no-store" } });
}

/**
 * Signs in with WORKBENCH_ACCESS_TOKEN: opens a server-side session (a random id in an HttpOnly
 * cookie; only its hash is stored) that expires after SESSION_DAYS and ends on sign-out. Attempts
 * are limited per client (SIGN_IN_LIMIT per 10 minutes).
 */
export async function POST(request: Request): Promise<Response> {
  if (isCrossSiteBrowserRequest(request)) return error(403, "cross_site_request", serverMessage({ code: "shareCrossSite" }));
  const env = getServerEnv();
  const token = env.WORKBENCH_ACCESS_TOKEN;
  if (!token) return error(409, "no_access_token", serverMessage({ code: "noAccessToken" }));
  const client = readClientKey(request);
  const limited = await takeLimit({ rule: signInRule(), client });
  if (!limited.ok) {
    logEvent({ level: "warn", event: "sign_in_limited", fields: { client } });
    return error(429, "rate_limited", serverMessage({ code: "signInRateLimited", values: { limit: env.SIGN_IN_LIMIT, seconds: limited.retryAfterSeconds } }), { "retry-after": String(limited.retryAfterSeconds) });
  }
  const body = await readJsonBody({ request, maxBytes: 4 * 1024, limitSource: "fixedSignIn" });
  if (!body.ok) return error(body.failure.status, body.failure.type, body.failure);
  const parsed = sessionRequestSchema.safeParse(body.body);
  if (!parsed.success) return error(400, "invalid_request_error", serverMessage({ code: "invalidRequestBody", values: { problem: describeSchemaIssue(parsed.error.issues) } }));
  const given = Buffer.from(parsed.data.token);
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    logEvent({ level: "warn", event: "sign_in_failed", fields: { client } });
    return error(401, "invalid_access_token", serverMessage({ code: "wrongAccessToken" }));
  }
  await resetLimit({ rule: signInRule(), client });
  logEvent({ event: "sign_in", fields: { client } });
  let session: { id: string; maxAgeSeconds: number };
  try {
    session = await createSession({ now: Date.now() });
  } catch {
    return error(503, "session_store_unavailable", serverMessage({ code: "sessionStoreUnavailable" }));
  }
  // Behind a TLS-terminating proxy the request itself is plain http; the proxy says what the browser used.
  const https = new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const secure = https ? "; Secure" : "";
  return Response.json(
    { authenticated: true },
    { headers: { "cache-control": "no-store", "set-cookie": `${sessionCookieName}=${session.id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${session.maxAgeSeconds}${secure}` } },
  );
}

/** Signs out: ends the session on the server (the cookie alone no longer works) and clears the cookie. */
export async function DELETE(request: Request): Promise<Response> {
  if (isCrossSiteBrowserRequest(request)) return error(403, "cross_site_request", serverMessage({ code: "shareCrossSite" }));
  const id = readCookie({ header: request.headers.get("cookie"), name: sessionCookieName });
  if (id) await deleteSession({ id });
  return Response.json({ authenticated: false }, { headers: { "cache-control": "no-store", "set-cookie": `${sessionCookieName}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` } });
}
