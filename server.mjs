// @ts-check
// The workbench's HTTP entry point: Next.js behind a thin Node server. It exists for one reason:
// route handlers cannot see the client's socket address, and X-Forwarded-For is client-supplied,
// so this server decides "loopback or not" from the socket and hands the verdict to the routes in
// a header only it can produce (it carries a per-process secret).
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import next from "next";
import { peerPolicyFor, setPeerSecret, stampPeerVerdict } from "./lib/http/peer-verdict.mjs";
import { endAfterBody } from "./lib/http/end-after-body.mjs";
import { refuseBeforeRouting } from "./lib/http/request-gate.mjs";
import { structureOutput } from "./lib/http/structured-output.mjs";
import { securityHeaders, workbenchPagePolicy } from "./lib/http/security-headers.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
// One JSON object per line on stdout and stderr, whoever writes (Next prints plain lines).
structureOutput(process.stdout, 30);
structureOutput(process.stderr, 40);

const dev = process.argv.includes("--dev");
const port = Number.parseInt(process.env.PORT ?? "3000", 10);
const hostname = process.env.HOSTNAME || "127.0.0.1";
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(JSON.stringify({ level: 60, time: new Date().toISOString(), event: "invalid_configuration", message: `PORT must be a port number (0-65535), got "${process.env.PORT}".` }));
  process.exit(1);
}

const peerSecret = randomBytes(32).toString("hex");
setPeerSecret(peerSecret);
// Listening beyond loopback, or behind a reverse proxy, loopback never counts as access.
const peerPolicy = peerPolicyFor({ hostname, env: process.env });

const app = next({ dev, hostname, port, dir: import.meta.dirname });
const handle = app.getRequestHandler();
await app.prepare();

// In production the API routes (the same app/api modules) are served from a bundle without Next's
// request pipeline, which costs ~4 ms per request; the gateway's budget is 5 ms added to first byte.
// In development everything goes through Next so edits reload.
const apiBundle = join(import.meta.dirname, ".next", "api", "api-entry.mjs");
/** @type {((request: import("node:http").IncomingMessage, response: import("node:http").ServerResponse) => boolean) | undefined} */
let handleApiRequest;
/** @type {((request: import("node:http").IncomingMessage, response: import("node:http").ServerResponse) => boolean) | undefined} */
let handleSharePageRequest;
if (!dev) {
  if (!existsSync(apiBundle)) {
    console.error("The API bundle is missing: run `npm run build` (or `npm start`, which builds first).");
    process.exit(1);
  }
  const bundle = await import(pathToFileURL(apiBundle).href);
  ({ handleApiRequest, handleSharePageRequest } = bundle);
  await bundle.warmUp();
}

// A request without Host is refused by the gate below (after its body is read), not by Node's
// parser, which answers and resets the connection while the client may still be sending.
const server = createServer({ requireHostHeader: false }, (request, response) => {
  endAfterBody({ request, response });
  const refused = refuseBeforeRouting(request);
  if (refused) {
    response.writeHead(refused.status, { "content-type": "application/json", connection: "close", ...securityHeaders, ...refused.headers });
    response.end(JSON.stringify({ error: { type: refused.type, message: refused.message } }));
    return;
  }
  stampPeerVerdict({ remoteAddress: request.socket.remoteAddress, headers: request.headers, httpVersion: request.httpVersion }, peerSecret, peerPolicy);
  if (handleApiRequest?.(request, response)) return;
  // Shared pages (/s/{id}) are static documents rendered without Next's pipeline (see server/render-share-page.ts).
  if (handleSharePageRequest?.(request, response)) return;
  // Everything Next serves (the workbench page above all) gets a CSP with a fresh nonce; Next reads
  // the nonce from the request's policy header and puts it on its own scripts.
  const nonce = randomBytes(16).toString("base64");
  const policy = workbenchPagePolicy({ nonce, dev });
  request.headers["content-security-policy"] = policy;
  request.headers["x-nonce"] = nonce;
  response.setHeader("content-security-policy", policy);
  void handle(request, response);
});

// CONNECT (a proxy tunnel request) never reaches the request handler; refuse it in words too.
server.on("connect", (_request, socket) => {
  const body = JSON.stringify({ error: { type: "method_not_allowed", message: "CONNECT is not served here: this is not a proxy." } });
  socket.end(`HTTP/1.1 405 Method Not Allowed\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
});

server.listen(port, hostname, () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const shown = hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname.includes(":") ? `[${hostname}]` : hostname;
  // One JSON line, like every log line of the server (lib/log/server-log.ts).
  const access = peerPolicy.loopbackCounts ? "clients on this machine, or with the access token" : "only with the access token (listening beyond loopback or behind a proxy)";
  console.log(JSON.stringify({ level: 30, time: new Date().toISOString(), event: "listening", url: `http://${shown}:${actualPort}`, mode: dev ? "development" : "production", serverKeysUsableBy: access }));
});

for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
