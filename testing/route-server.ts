import { randomBytes } from "node:crypto";
import { dispatchApiRequest } from "@/server/api-dispatcher";
import { setPeerSecret, stampPeerVerdict } from "@/lib/http/peer-verdict.mjs";
import { serveWebHandler, type RunningServer } from "@/lib/http/serve-web-handler";

/**
 * Serves the app's API routes over HTTP for unit tests through the same dispatcher server.mjs uses
 * in production, stamping the loopback verdict the way server.mjs does. Set process.env first:
 * routes read the environment on their first request.
 */
export async function startRouteServer(): Promise<RunningServer> {
  const secret = randomBytes(16).toString("hex");
  setPeerSecret(secret);
  return serveWebHandler({
    prepare: (request) => stampPeerVerdict({ remoteAddress: request.socket.remoteAddress, headers: request.headers, httpVersion: request.httpVersion }, secret),
    handler: async (request) => (await dispatchApiRequest(request)) ?? new Response("not found", { status: 404 }),
  });
}
