import * as providerList from "@/app/api/providers/route";
import * as chatCompletions from "@/app/api/providers/[provider]/v1/chat/completions/route";
import * as models from "@/app/api/providers/[provider]/v1/models/route";
import * as tokenCount from "@/app/api/providers/[provider]/v1/tokenizers/estimate-token-count/route";
import * as files from "@/app/api/providers/[provider]/v1/files/route";
import * as file from "@/app/api/providers/[provider]/v1/files/[fileId]/route";
import * as fileContent from "@/app/api/providers/[provider]/v1/files/[fileId]/content/route";
import * as health from "@/app/api/health/route";
import * as session from "@/app/api/session/route";
import * as simulator from "@/app/api/simulator/v1/[...path]/route";
import * as shares from "@/app/api/shares/route";
import * as share from "@/app/api/shares/[id]/route";
import * as shareMedia from "@/app/api/shares/[id]/media/[hash]/route";

type Method = "GET" | "POST" | "DELETE";
// Each route declares its own params; they are built from the URL here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (request: Request, context: { params: Promise<any> }) => Promise<Response> | Response;
type RouteModule = Partial<Record<Method, Handler>>;

const routes: Array<{ pattern: RegExp; params: (match: RegExpExecArray) => Record<string, string | string[]>; module: RouteModule }> = [
  { pattern: /^\/api\/providers\/([^/]+)\/v1\/chat\/completions$/, params: (match) => ({ provider: match[1]! }), module: chatCompletions },
  { pattern: /^\/api\/providers\/([^/]+)\/v1\/models$/, params: (match) => ({ provider: match[1]! }), module: models },
  { pattern: /^\/api\/providers\/([^/]+)\/v1\/tokenizers\/estimate-token-count$/, params: (match) => ({ provider: match[1]! }), module: tokenCount },
  { pattern: /^\/api\/providers\/([^/]+)\/v1\/files$/, params: (match) => ({ provider: match[1]! }), module: files },
  { pattern: /^\/api\/providers\/([^/]+)\/v1\/files\/([^/]+)$/, params: (match) => ({ provider: match[1]!, fileId: decodeURIComponent(match[2]!) }), module: file },
  { pattern: /^\/api\/providers\/([^/]+)\/v1\/files\/([^/]+)\/content$/, params: (match) => ({ provider: match[1]!, fileId: decodeURIComponent(match[2]!) }), module: fileContent },
  { pattern: /^\/api\/providers$/, params: () => ({}), module: providerList },
  { pattern: /^\/api\/simulator\/v1\/(.+)$/, params: (match) => ({ path: match[1]!.split("/") }), module: simulator },
  { pattern: /^\/api\/session$/, params: () => ({}), module: session },
  { pattern: /^\/api\/shares$/, params: () => ({}), module: shares },
  { pattern: /^\/api\/shares\/([^/]+)$/, params: (match) => ({ id: match[1]! }), module: share },
  { pattern: /^\/api\/shares\/([^/]+)\/media\/([^/]+)$/, params: (match) => ({ id: match[1]!, hash: match[2]! }), module: shareMedia },
  { pattern: /^\/api\/health$/, params: () => ({}), module: health },
];

/**
 * Serves the API routes (the same modules Next serves from app/api) without going through Next's
 * request pipeline, which adds ~4 ms per request (measured: bench/gateway-overhead.ts); the
 * gateway's budget is 5 ms. Returns undefined for paths that are not API routes.
 */
export async function dispatchApiRequest(request: Request): Promise<Response | undefined> {
  const { pathname } = new URL(request.url);
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const handler = route.module[request.method as Method];
    if (!handler) return Response.json({ error: { type: "method_not_allowed", message: `${request.method} is not supported on ${pathname}.` } }, { status: 405 });
    return handler(request, { params: Promise.resolve(route.params(match)) });
  }
  return undefined;
}

/** Whether a path is served by {@link dispatchApiRequest}. */
export function isApiPath(pathname: string): boolean {
  return routes.some((route) => route.pattern.test(pathname));
}
