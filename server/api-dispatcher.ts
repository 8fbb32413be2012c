import { errorResponse } from "@/lib/http/error-response";
import { apiRoutes } from "./api-routes";

const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof methods)[number];
// Each route declares its own params; they are built from the URL here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (request: Request, context: { params: Promise<any> }) => Promise<Response> | Response;
type RouteModule = Partial<Record<Method, Handler>>;

/** One segment of a route's path: fixed text, a parameter, or the rest of the path. */
type Segment = { kind: "static"; text: string } | { kind: "param"; name: string } | { kind: "rest"; name: string };

interface CompiledRoute {
  path: string;
  segments: Segment[];
  module: RouteModule;
}

function parseSegments(path: string): Segment[] {
  return path
    .split("/")
    .filter(Boolean)
    .map((segment): Segment => {
      const rest = /^\[\.\.\.(\w+)\]$/.exec(segment);
      if (rest) return { kind: "rest", name: rest[1]! };
      const param = /^\[(\w+)\]$/.exec(segment);
      return param ? { kind: "param", name: param[1]! } : { kind: "static", text: segment };
    });
}

const rank = { static: 0, param: 1, rest: 2 } as const;

/** Next's precedence: at the first segment where two routes differ, fixed text beats a parameter, which beats the rest. */
function comparePrecedence(left: CompiledRoute, right: CompiledRoute): number {
  for (let index = 0; index < Math.max(left.segments.length, right.segments.length); index += 1) {
    const a = left.segments[index];
    const b = right.segments[index];
    if (!a || !b) return a ? -1 : 1;
    if (rank[a.kind] !== rank[b.kind]) return rank[a.kind] - rank[b.kind];
  }
  return 0;
}

const routes: CompiledRoute[] = apiRoutes.map((route) => ({ path: route.path, segments: parseSegments(route.path), module: route.module as RouteModule })).sort(comparePrecedence);

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The params of a path if `route` matches it, as Next would pass them (decoded; the rest as a list). */
function matchRoute(route: CompiledRoute, parts: readonly string[]): Record<string, string | string[]> | undefined {
  const params: Record<string, string | string[]> = {};
  for (const [index, segment] of route.segments.entries()) {
    if (segment.kind === "rest") {
      const rest = parts.slice(index).map(decode);
      if (rest.length === 0 || rest.some((part) => part === undefined)) return undefined;
      params[segment.name] = rest as string[];
      return params;
    }
    const part = parts[index];
    if (part === undefined) return undefined;
    if (segment.kind === "static") {
      if (part !== segment.text) return undefined;
      continue;
    }
    const value = decode(part);
    if (value === undefined) return undefined;
    params[segment.name] = value;
  }
  return parts.length === route.segments.length ? params : undefined;
}

function findRoute(pathname: string): { route: CompiledRoute; params: Record<string, string | string[]> } | undefined {
  const parts = pathname.split("/").filter(Boolean);
  for (const route of routes) {
    const params = matchRoute(route, parts);
    if (params) return { route, params };
  }
  return undefined;
}

/**
 * Serves the API routes (the same modules Next serves from app/api, listed in the generated
 * api-routes.ts) without going through Next's request pipeline, which adds ~4 ms per request
 * (measured: bench/gateway-overhead.ts); the gateway's budget is 5 ms. Returns undefined for paths
 * that are not API routes.
 */
export async function dispatchApiRequest(request: Request): Promise<Response | undefined> {
  const { pathname } = new URL(request.url);
  const found = findRoute(pathname);
  if (!found) return undefined;
  const handler = found.route.module[request.method as Method];
  if (!handler) {
    const allowed = methods.filter((method) => found.route.module[method]);
    return errorResponse({ failure: { status: 405, type: "method_not_allowed", message: `${request.method} is not supported on ${pathname}; use ${allowed.join(" or ")}.` }, headers: { allow: allowed.join(", ") } });
  }
  return handler(request, { params: Promise.resolve(found.params) });
}

/** Whether a path is served by {@link dispatchApiRequest}. */
export function isApiPath(pathname: string): boolean {
  return findRoute(pathname) !== undefined;
}

/** The route a path resolves to, as its folders name it (for tests and diagnostics). */
export function resolveApiRoute(pathname: string): { path: string; params: Record<string, string | string[]> } | undefined {
  const found = findRoute(pathname);
  return found && { path: found.route.path, params: found.params };
}
