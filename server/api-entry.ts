import type { IncomingMessage, ServerResponse } from "node:http";
import { dispatchApiRequest, isApiPath } from "./api-dispatcher";
import { errorResponse } from "@/lib/http/error-response";
import { securityHeaders } from "@/lib/http/security-headers.mjs";
import { toWebRequest, writeWebResponse } from "@/lib/http/serve-web-handler";
import { toErrorEnvelope } from "@/lib/wire/error-envelope";
import { describeErrorForLog, logEvent } from "@/lib/log/server-log";
import { getRunService } from "@/lib/runs/run-service";
import { loadTextTokenizer } from "@/lib/tokens/text-tokenizer";

/**
 * Entry point of the API bundle that server.mjs loads in production: serves API routes straight
 * from Node, or returns false so the request goes to Next.
 */
export function handleApiRequest(request: IncomingMessage, response: ServerResponse): boolean {
  const pathname = (request.url ?? "/").split("?")[0]!;
  // Every /api path answers JSON, an unknown one a JSON 404 (not Next's HTML page).
  if (!isApiPath(pathname) && !pathname.startsWith("/api/") && pathname !== "/api") return false;
  const controller = new AbortController();
  // Only a client that leaves early aborts; a finished response needs no abort (it is not free).
  response.on("close", () => {
    if (!response.writableFinished) controller.abort();
  });
  void (async () => {
    try {
      const webResponse = await dispatchApiRequest(toWebRequest({ request, signal: controller.signal }));
      for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
      await writeWebResponse({ webResponse: webResponse ?? errorResponse({ failure: { status: 404, type: "not_found", message: `No API route serves ${pathname}.` } }), response });
    } catch (error) {
      logEvent({ level: "error", event: "unhandled_error", fields: { path: pathname, ...describeErrorForLog(error) } });
      if (!response.headersSent) {
        response.statusCode = 500;
        response.setHeader("content-type", "application/json");
        for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
        response.end(JSON.stringify(toErrorEnvelope({ failure: { type: "gateway_error", message: "The workbench server failed to handle this request." } })));
      } else response.destroy();
    }
  })();
  return true;
}

export { handleSharePageRequest } from "./share-page-cache";

/**
 * Work done once before the server listens: loading the BPE rank table (~2 MB, about 80 ms of
 * parsing on the main thread, which no request should pay for while others wait), and starting the
 * run worker, so runs left unfinished by a stop or a crash resume.
 */
export async function warmUp(): Promise<void> {
  await loadTextTokenizer();
  // A store that cannot open (PostgreSQL down) is logged by the share store's start-up check; runs retry on first use.
  await getRunService().catch(() => undefined);
}
