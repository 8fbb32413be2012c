// @ts-check
// Decides whether a request came from this machine. Plain JavaScript because server.mjs (the Node
// entry point, run without a TypeScript loader) uses it too.

const proxyHeaders = ["x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host", "x-forwarded-proto", "via"];

/** Header carrying the verdict to the route handlers: `<process secret>;loopback|remote;<client address>`. */
export const peerHeaderName = "x-workbench-peer";

/**
 * How this server is deployed, which decides whether a loopback connection may count as local.
 * @typedef {object} PeerPolicy
 * @property {boolean} loopbackCounts False when the server listens beyond loopback or sits behind a
 *   reverse proxy (WORKBENCH_TRUST_PROXY): then only the access token or a session gives access.
 * @property {number} trustedProxies How many proxies in front of the server append to X-Forwarded-For
 *   (the client's address is read that many entries from the right); 0 ignores the header.
 * @property {readonly string[]} hostNames Host names besides localhost, 127.0.0.1 and [::1] that
 *   count as local (WORKBENCH_HOST_NAME).
 */

/** @type {PeerPolicy} */
export const defaultPeerPolicy = Object.freeze({ loopbackCounts: true, trustedProxies: 0, hostNames: [] });

/** @param {string | undefined} address */
export function isLoopbackAddress(address) {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

/** @param {string} hostname */
export function isLoopbackHostname(hostname) {
  return hostname === "localhost" || hostname === "::1" || hostname === "[::1]" || hostname.startsWith("127.");
}

/**
 * A loopback socket is not enough: a page on a DNS-rebinding domain reaches 127.0.0.1 with its own
 * Host header, and a proxy may pass any Host, so only the loopback names count as local.
 * @param {string | undefined} host
 * @param {readonly string[]} [hostNames]
 */
export function isLocalHostHeader(host, hostNames = []) {
  if (!host) return false;
  const lower = host.toLowerCase();
  const name = lower.startsWith("[") ? lower.slice(0, lower.indexOf("]") + 1) : lower.replace(/:\d+$/, "");
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(lower)) return false;
  return name === "localhost" || name === "127.0.0.1" || name === "[::1]" || hostNames.includes(name);
}

/**
 * Whether a request is from this machine: loopback allowed to count (see PeerPolicy), a loopback
 * socket, a local Host, HTTP/1.1 or later (nginx's default `proxy_pass` speaks HTTP/1.0; browsers and
 * SDKs never do), and no proxy headers (behind a reverse proxy every client would otherwise look local).
 * @param {{ remoteAddress: string | undefined; headers: Record<string, string | string[] | undefined>; httpVersion?: string }} request
 * @param {PeerPolicy} [policy]
 */
export function isLocalRequest({ remoteAddress, headers, httpVersion = "1.1" }, policy = defaultPeerPolicy) {
  if (!policy.loopbackCounts) return false;
  if (httpVersion === "1.0" || httpVersion === "0.9") return false;
  const proxied = proxyHeaders.some((name) => headers[name] !== undefined);
  const host = headers.host;
  return !proxied && isLoopbackAddress(remoteAddress) && isLocalHostHeader(Array.isArray(host) ? host[0] : host, policy.hostNames);
}

/**
 * The client's address: the socket's, or behind trusted proxies the X-Forwarded-For entry they added.
 * @param {{ remoteAddress: string | undefined; headers: Record<string, string | string[] | undefined> }} request
 * @param {PeerPolicy} policy
 */
export function clientAddressOf({ remoteAddress, headers }, policy) {
  const forwarded = headers["x-forwarded-for"];
  if (policy.trustedProxies > 0 && forwarded !== undefined) {
    const entries = (Array.isArray(forwarded) ? forwarded.join(",") : forwarded).split(",").map((entry) => entry.trim()).filter(Boolean);
    const entry = entries[entries.length - policy.trustedProxies];
    if (entry && /^[0-9a-fA-F:.]{2,45}$/.test(entry)) return entry;
  }
  return remoteAddress ?? "";
}

/**
 * Overwrites the verdict header (a client-sent one is discarded).
 * @param {{ remoteAddress: string | undefined; headers: Record<string, string | string[] | undefined>; httpVersion?: string }} request
 * @param {string} secret
 * @param {PeerPolicy} [policy]
 */
export function stampPeerVerdict(request, secret, policy = defaultPeerPolicy) {
  request.headers[peerHeaderName] = `${secret};${isLocalRequest(request, policy) ? "loopback" : "remote"};${clientAddressOf(request, policy)}`;
}

/**
 * The policy for a server listening on `hostname` with the given environment.
 * @param {{ hostname: string; env: Record<string, string | undefined> }} options
 * @returns {PeerPolicy}
 */
export function peerPolicyFor({ hostname, env }) {
  const raw = (env.WORKBENCH_TRUST_PROXY ?? "").trim().toLowerCase();
  const trustedProxies = raw === "" || raw === "0" || raw === "false" || raw === "off" || raw === "no" ? 0 : raw === "true" || raw === "on" || raw === "yes" ? 1 : Number.parseInt(raw, 10) || 1;
  const hostName = (env.WORKBENCH_HOST_NAME ?? "").trim().toLowerCase();
  return Object.freeze({ loopbackCounts: isLoopbackHostname(hostname) && trustedProxies === 0, trustedProxies, hostNames: hostName ? [hostName] : [] });
}

/** Where the server keeps its per-process secret, which proves a verdict header came from it. */
export const peerSecretSymbol = Symbol.for("kimi-workbench.peer-secret");

/**
 * Keeps the secret where the route handlers find it (server.mjs and the test servers set it).
 * @param {string} secret
 */
export function setPeerSecret(secret) {
  /** @type {Record<symbol, unknown>} */ (globalThis)[peerSecretSymbol] = secret;
}

/** The secret a server set, if any (without the custom server, nobody is vouched for). */
export function readPeerSecret() {
  const secret = /** @type {Record<symbol, unknown>} */ (globalThis)[peerSecretSymbol];
  return typeof secret === "string" ? secret : undefined;
}
