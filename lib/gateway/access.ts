import "server-only";
import { timingSafeEqual } from "node:crypto";
import { getServerEnv } from "@/lib/env";
import { clientKeyFor } from "@/lib/guard/client-key";
import { isLiveSession } from "@/lib/guard/session-store";
import { peerHeaderName, readPeerSecret } from "@/lib/http/peer-verdict.mjs";

/** Cookie the UI receives after signing in with the access token: a random session id. */
export const sessionCookieName = "workbench_session";

/** What a request may do with the server's resources. */
export interface ClientAccess {
  /** Came from this machine, directly (not through a proxy), to a local host name, while loopback counts. */
  loopback: boolean;
  /** Presented the access token or a live session cookie. */
  authenticated: boolean;
  tokenConfigured: boolean;
}

function safeEqual(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The value of cookie `name` in a Cookie header. */
export function readCookie({ header, name }: { header: string | null; name: string }): string | undefined {
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
 * The client's address as the custom server saw it (the socket's, or behind WORKBENCH_TRUST_PROXY the
 * one the proxy forwarded), or "unknown".
 */
export function readClientAddress(request: Request): string {
  const secret = readPeerSecret();
  const value = request.headers.get(peerHeaderName);
  if (!secret || !value) return "unknown";
  const [presented = "", , address] = value.split(";");
  return safeEqual(presented, secret) && address ? address : "unknown";
}

/** The key the client is counted under for rate limits (all of loopback is one client; IPv6 by /64). */
export function readClientKey(request: Request): string {
  return clientKeyFor(readClientAddress(request));
}

/** Whether the request presents the access token as a bearer token. */
function presentsToken(request: Request, token: string): boolean {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim();
  return bearer !== undefined && safeEqual(bearer, token);
}

/** Reads what the client may do: loopback, token, or a live session (looked up only when a cookie is sent). */
export async function readClientAccess(request: Request): Promise<ClientAccess> {
  const token = getServerEnv().WORKBENCH_ACCESS_TOKEN;
  let authenticated = false;
  if (token) {
    authenticated = presentsToken(request, token);
    const session = authenticated ? undefined : readCookie({ header: request.headers.get("cookie"), name: sessionCookieName });
    if (session !== undefined) authenticated = await isLiveSession({ id: session, now: Date.now() });
  }
  return { loopback: isVouchedLoopback(request), authenticated, tokenConfigured: token !== undefined };
}

/** Whether the client may use this server's own resources (keys, heavy routes at full size). */
export function hasAccess(access: ClientAccess): boolean {
  return access.loopback || access.authenticated;
}

/**
 * Blocks cross-site browser requests: a page on another origin must not be able to make a visitor's
 * browser spend this server's keys. "Same-site" counts too: a page on another port of localhost is
 * same-site, and its <img> or <script> would otherwise reach the API. Clients without an Origin or
 * Sec-Fetch-Site header (SDKs, curl) are unaffected.
 */
export function isCrossSiteBrowserRequest(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") return true;
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return origin === "null";
  const host = request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
