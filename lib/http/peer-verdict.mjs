// @ts-check
// Decides whether a request came from this machine. Plain JavaScript because server.mjs (the Node
// entry point, run without a TypeScript loader) uses it too.

const proxyHeaders = ["x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host"];

/** Header carrying the verdict to the route handlers: `<process secret>;loopback|remote;<socket address>`. */
export const peerHeaderName = "x-workbench-peer";

/** @param {string | undefined} address */
export function isLoopbackAddress(address) {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

/**
 * A loopback socket is not enough: a page on a DNS-rebinding domain reaches 127.0.0.1 with its own
 * Host header, so only loopback names and IP literals count as local.
 * @param {string | undefined} host
 */
export function isLocalHostHeader(host) {
  if (!host) return false;
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d+$/, "");
  return name === "localhost" || name.endsWith(".localhost") || /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.startsWith("[");
}

/**
 * Whether a request is from this machine: loopback socket, local Host, and no proxy headers (behind
 * a reverse proxy on this host, every client would otherwise look local).
 * @param {{ remoteAddress: string | undefined; headers: Record<string, string | string[] | undefined> }} request
 */
export function isLocalRequest({ remoteAddress, headers }) {
  const proxied = proxyHeaders.some((name) => headers[name] !== undefined);
  const host = headers.host;
  return !proxied && isLoopbackAddress(remoteAddress) && isLocalHostHeader(Array.isArray(host) ? host[0] : host);
}

/**
 * Overwrites the verdict header (a client-sent one is discarded).
 * @param {{ remoteAddress: string | undefined; headers: Record<string, string | string[] | undefined> }} request
 * @param {string} secret
 */
export function stampPeerVerdict(request, secret) {
  request.headers[peerHeaderName] = `${secret};${isLocalRequest(request) ? "loopback" : "remote"};${request.remoteAddress ?? ""}`;
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
