import { randomBytes } from "node:crypto";
import { serveWebHandler, type RunningServer } from "@/lib/http/serve-web-handler";
import { stampPeerVerdict } from "@/lib/http/peer-verdict.mjs";

// Each route declares its own params; the router builds them from the URL, so any shape is accepted here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Params = { params: Promise<any> };
type RouteHandler = (request: Request, context: Params) => Promise<Response> | Response;
type RouteModule = Partial<Record<"GET" | "POST" | "DELETE", RouteHandler>>;

/**
 * Serves the app's real route handlers over HTTP for unit tests, stamping the loopback verdict the
 * way server.mjs does. Import it after setting process.env: routes read the environment once.
 */
export async function startRouteServer(): Promise<RunningServer> {
  const secret = randomBytes(16).toString("hex");
  (globalThis as Record<symbol, unknown>)[Symbol.for("kimi-workbench.peer-secret")] = secret;
  const routes: Array<{ pattern: RegExp; names: string[]; load: () => Promise<RouteModule> }> = [
    { pattern: /^\/api\/providers\/([^/]+)\/v1\/chat\/completions$/, names: ["provider"], load: () => import("@/app/api/providers/[provider]/v1/chat/completions/route") },
    { pattern: /^\/api\/providers\/([^/]+)\/v1\/models$/, names: ["provider"], load: () => import("@/app/api/providers/[provider]/v1/models/route") },
    {
      pattern: /^\/api\/providers\/([^/]+)\/v1\/tokenizers\/estimate-token-count$/,
      names: ["provider"],
      load: () => import("@/app/api/providers/[provider]/v1/tokenizers/estimate-token-count/route"),
    },
    { pattern: /^\/api\/providers$/, names: [], load: () => import("@/app/api/providers/route") },
    { pattern: /^\/api\/session$/, names: [], load: () => import("@/app/api/session/route") },
    { pattern: /^\/api\/simulator\/v1\/(.+)$/, names: ["path"], load: () => import("@/app/api/simulator/v1/[...path]/route") },
  ];
  return serveWebHandler({
    prepare: (request) => stampPeerVerdict({ remoteAddress: request.socket.remoteAddress, headers: request.headers }, secret),
    handler: async (request) => {
      const { pathname } = new URL(request.url);
      for (const route of routes) {
        const match = route.pattern.exec(pathname);
        if (!match) continue;
        const routeModule = await route.load();
        const handler = routeModule[request.method as "GET" | "POST" | "DELETE"];
        if (!handler) return new Response("method not allowed", { status: 405 });
        const params = Object.fromEntries(route.names.map((name, index) => [name, name === "path" ? match[index + 1]!.split("/") : match[index + 1]!]));
        return handler(request, { params: Promise.resolve(params) });
      }
      return new Response("not found", { status: 404 });
    },
  });
}
