// @ts-check
// Turns requests no route can serve into a 4xx before they reach a route (the audit found 5xx for
// each of these). Plain JavaScript: server.mjs runs it first, on the raw Node request.

const allowedMethods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]);
const hostPattern = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/**
 * Why a request is refused before routing, or undefined when it may go on.
 * @param {{ method: string | undefined; url: string | undefined; headers: Record<string, string | string[] | undefined> }} request
 * @returns {{ status: number; type: string; message: string; headers?: Record<string, string> } | undefined}
 */
export function refuseBeforeRouting({ method, url, headers }) {
  if (!method || !allowedMethods.has(method)) {
    return { status: 405, type: "method_not_allowed", message: `${method ?? "This method"} is not served here; use GET, HEAD, POST, PUT, PATCH or DELETE.`, headers: { allow: [...allowedMethods].join(", ") } };
  }
  // Only origin-form targets ("/path"): not "*" (OPTIONS *), not absolute URLs sent to a server that is no proxy.
  if (!url || !url.startsWith("/")) return { status: 400, type: "invalid_request_target", message: "The request target must be a path starting with /." };
  const host = headers.host;
  const port = typeof host === "string" ? /:(\d+)$/.exec(host)?.[1] : undefined;
  if (typeof host !== "string" || !hostPattern.test(host) || (port !== undefined && Number(port) > 65535)) {
    return { status: 400, type: "invalid_host", message: "The Host header is missing or is not a host name or IP address with an optional port." };
  }
  const path = url.split("?")[0] ?? "";
  try {
    decodeURIComponent(path);
  } catch {
    return { status: 400, type: "invalid_path", message: "The path is not valid percent-encoding (e.g. %E0%A4 without its last byte); encode it with encodeURIComponent." };
  }
  return undefined;
}
