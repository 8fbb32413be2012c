import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

/** A running HTTP server. */
export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** A Node request as a web `Request` whose signal aborts when the client goes away. */
export function toWebRequest({ request, signal }: { request: IncomingMessage; signal: AbortSignal }): Request {
  const host = request.headers.host ?? "127.0.0.1";
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(name, item));
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new Request(`http://${host}${request.url ?? "/"}`, {
    method: request.method,
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(request) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

/** Writes a web `Response` to a Node response chunk by chunk, cancelling the body if the client leaves. */
export async function writeWebResponse({ webResponse, response }: { webResponse: Response; response: ServerResponse }): Promise<void> {
  response.statusCode = webResponse.status;
  webResponse.headers.forEach((value, name) => response.setHeader(name, value));
  if (!webResponse.body) {
    response.end();
    return;
  }
  // Headers go out with the first chunk (one write, not two).
  const reader = webResponse.body.getReader();
  response.on("close", () => void reader.cancel().catch(() => undefined));
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      response.write(value);
    }
    response.end();
  } catch {
    // The body failed mid-way (e.g. a simulated drop): deliver what was written, then cut the
    // connection as a real server would (destroying at once could drop unflushed bytes too).
    if (response.headersSent) await new Promise<void>((resolve) => response.write("", () => resolve()));
    response.destroy();
  }
}

/** Serves a fetch-style handler over real HTTP on 127.0.0.1 (port 0 picks a free port). */
export async function serveWebHandler({
  handler,
  port = 0,
  host = "127.0.0.1",
  prepare,
}: {
  handler: (request: Request) => Promise<Response> | Response;
  port?: number;
  host?: string;
  /** Runs on the raw request first (e.g. to stamp headers from the socket). */
  prepare?: (request: IncomingMessage) => void;
}): Promise<RunningServer> {
  const server = createServer((request, response) => {
    prepare?.(request);
    const controller = new AbortController();
    response.on("close", () => {
      if (!response.writableFinished) controller.abort();
    });
    void Promise.resolve()
      .then(() => handler(toWebRequest({ request, signal: controller.signal })))
      .then((webResponse) => writeWebResponse({ webResponse, response }))
      .catch((error: unknown) => {
        if (!response.headersSent) {
          response.statusCode = 500;
          response.end(String(error));
        } else response.destroy();
      });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
