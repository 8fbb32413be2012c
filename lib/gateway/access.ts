import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { getServerEnv } from "@/lib/env";

import { peerHeaderName, readPeerSecret } from "@/lib/http/peer-verdict.mjs";
/** Cookie the UI receives after signing in with the access token. */
export const sessionCookieName = "workbench_session";

/** What a request may do with the server's resources. */
export interface ClientAccess {
  /** Came from this machine, directly (not through a proxy), to a loopback or IP-literal host. */
  loopback: boolean;
  /** Presented the access token or a valid session cookie. */
  authenticated: boolean;
  tokenConfigured: boolean;
}

function safeEqual(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The session cookie value for a token: an HMAC, so the cookie never holds the token itself. */
export function sessionValueFor(token: string): string {
  return createHmac("sha256", token).update("kimi-workbench-session-v1").digest("base64url");
}

function readCookie({ header, name }: { header: string | null; name: string }): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

/** Whether the custom server vouched for this request coming from loopback. */
export function isVouchedLoopback(request: Request): boolean {
  const secret = readPeerSecret();
  const value = request.headers.get(peerHeaderName);
  // Without the custom server (e.g. plain `next start`) nobody is vouched for: token access only.
  if (!secret || !value) return false;
  const [presented = "", verdict] = value.split(";");
  return safeEqual(presented, secret) && verdict === "loopback";
}

/**
 * The client's socket address as the custom server saw it (for per-client limits), or "unknown".
 * Behind a reverse proxy every client has the proxy's address.
 */
export function readClientAddress(request: Request): string {
  const secret = readPeerSecret();
  const value = request.headers.get(peerHeaderName);
  if (!secret || !value) return "unknown";
  const [presented = "", , address] = value.split(";");
  return safeEqual(presented, secret) && address ? address : "unknown";
}

/** Reads what the client may do: loopback, token / session cookie. */
export function readClientAccess(request: Request): ClientAccess {
  const token = getServerEnv().WORKBENCH_ACCESS_TOKEN;
  let authenticated = false;
  if (token) {
    const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim();
    const cookie = readCookie({ header: request.headers.get("cookie"), name: sessionCookieName });
    authenticated = (bearer !== undefined && safeEqual(bearer, token)) || (cookie !== undefined && safeEqual(cookie, sessionValueFor(token)));
  }
  return { loopback: isVouchedLoopback(request), authenticated, tokenConfigured: token !== undefined };
}

/**
 * Blocks cross-site browser requests: a page on another origin must not be able to make a visitor's
 * browser spend this server's keys. Clients without an Origin header (SDKs, curl) are unaffected.
 */
export function isCrossSiteBrowserRequest(request: Request): boolean {
  if (request.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return origin === "null";
  const host = request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
