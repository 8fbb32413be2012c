import { connect } from "node:net";

/** An HTTP response read off a raw socket. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends bytes as they are (malformed Host headers, bad targets, odd methods: what fetch refuses to
 * send) from `localAddress`, and reads the response until the server closes the connection.
 */
export function sendRaw({ port, request, localAddress = "127.0.0.1", timeoutMs = 15_000 }: { port: number; request: Buffer | string; localAddress?: string; timeoutMs?: number }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: "127.0.0.1", localAddress });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete response within ${timeoutMs} ms to ${String(request).slice(0, 80)}`));
    }, timeoutMs);
    socket.on("connect", () => socket.write(request));
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("latin1");
      const [head = "", ...rest] = text.split("\r\n\r\n");
      const [statusLine = "", ...headerLines] = head.split("\r\n");
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(":");
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      const raw = rest.join("\r\n\r\n");
      resolve({ status, headers, body: headers["transfer-encoding"] === "chunked" ? decodeChunked(raw) : raw });
    });
  });
}

/** A request in HTTP/1.1 wire form with `Connection: close` (so the response ends with the socket). */
export function rawRequest({ method, target, headers = {}, body, version = "1.1" }: { method: string; target: string; headers?: Record<string, string>; body?: Buffer | string; version?: string }): Buffer {
  const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
  const lines = [`${method} ${target} HTTP/${version}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), "connection: close"];
  if (bytes && !Object.keys(headers).some((name) => name.toLowerCase() === "content-length")) lines.push(`content-length: ${bytes.length}`);
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), bytes ?? Buffer.alloc(0)]);
}

/** The payload of a chunked body ("<hex size>\r\n<data>\r\n" … "0\r\n\r\n"). */
function decodeChunked(raw: string): string {
  let position = 0;
  let out = "";
  while (position < raw.length) {
    const lineEnd = raw.indexOf("\r\n", position);
    if (lineEnd < 0) break;
    const size = Number.parseInt(raw.slice(position, lineEnd), 16);
    if (!Number.isFinite(size) || size === 0) break;
    out += raw.slice(lineEnd + 2, lineEnd + 2 + size);
    position = lineEnd + 2 + size + 2;
  }
  return out;
}
