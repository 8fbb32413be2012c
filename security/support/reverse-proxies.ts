import { createServer, request as httpRequest, type IncomingMessage } from "node:http";
import { connect } from "node:net";
import { listenOnLoopback, type ListeningServer } from "./listen";

/** A reverse proxy in front of the workbench, listening on 127.0.0.1 (its clients play remote users). */
export type ReverseProxy = ListeningServer;

async function readAll(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * What nginx's default `proxy_pass http://127.0.0.1:PORT;` does: HTTP/1.0 to the upstream, Host
 * rewritten to the upstream's address, no X-Forwarded-* headers. To the workbench every client of
 * this proxy arrives from loopback, to a loopback Host.
 */
export function startNginxDefaultProxy({ targetPort }: { targetPort: number }): Promise<ReverseProxy> {
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readAll(request);
      const skipped = new Set(["host", "connection", "keep-alive", "transfer-encoding", "content-length"]);
      const lines = [`${request.method} ${request.url} HTTP/1.0`, `Host: 127.0.0.1:${targetPort}`, "Connection: close"];
      for (const [name, value] of Object.entries(request.headers)) if (!skipped.has(name) && typeof value === "string") lines.push(`${name}: ${value}`);
      if (body.length > 0) lines.push(`Content-Length: ${body.length}`);
      const upstream = connect(targetPort, "127.0.0.1", () => upstream.write(Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`), body])));
      const chunks: Buffer[] = [];
      upstream.on("data", (chunk) => chunks.push(chunk));
      upstream.on("error", () => response.destroy());
      upstream.on("close", () => {
        // Relay the upstream's raw answer as it is.
        response.socket?.end(Buffer.concat(chunks));
      });
    })();
  });
  return listenOnLoopback(server);
}

/**
 * What Caddy's `reverse_proxy` does by default: HTTP/1.1, the client's Host kept, and the client's
 * address appended to X-Forwarded-For (whatever the client sent there itself stays to its left).
 */
export function startForwardingProxy({ targetPort }: { targetPort: number }): Promise<ReverseProxy> {
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readAll(request);
      const forwardedFor = [request.headers["x-forwarded-for"], request.socket.remoteAddress].filter(Boolean).join(", ");
      const headers = { ...request.headers, "x-forwarded-for": forwardedFor, "x-forwarded-proto": "https", "x-forwarded-host": request.headers.host ?? "" };
      delete headers.connection;
      const upstream = httpRequest({ host: "127.0.0.1", port: targetPort, method: request.method, path: request.url, headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      upstream.on("error", () => response.destroy());
      upstream.end(body);
    })();
  });
  return listenOnLoopback(server);
}
