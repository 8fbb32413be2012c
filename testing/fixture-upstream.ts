import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach } from "vitest";

/** A request the fixture upstream received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
}

/** How the fixture upstream answers one request. */
export type FixtureReply =
  | {
      kind: "sse";
      /** Raw SSE blocks, each written on its own (with `delayMs` between them). */
      events: string[];
      status?: number;
      headers?: Record<string, string>;
      delayMs?: number;
      /** Write every block in pieces of this many bytes, to split lines across reads. */
      splitBytes?: number;
      /** `drop` destroys the socket after the events instead of ending the response. */
      end?: "end" | "drop" | "hang";
    }
  | { kind: "json"; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: "text"; status: number; body: string; headers?: Record<string, string> }
  /** Destroys the connection without answering (a connection reset before the first byte). */
  | { kind: "destroy" }
  /** Accepts the request and never answers (an upstream that hangs before its first byte). */
  | { kind: "silence" };

/** A running fixture upstream. */
export interface FixtureUpstream {
  url: string;
  requests: RecordedRequest[];
  /** Sets how the next requests are answered; `attempt` counts from 1 since the last `reply` call. */
  reply(handler: (request: RecordedRequest, attempt: number) => FixtureReply): void;
  /** Resolves when a response is closed by the client before the fixture finished writing it. */
  nextClientAbort(): Promise<void>;
  close(): Promise<void>;
}

const fixturesRoot = join(process.cwd(), "lib", "providers");

/** Reads `lib/providers/<provider>/__fixtures__/<name>` as SSE blocks (split on blank lines). */
export function readSseFixture(provider: string, name: string): string[] {
  const text = readFileSync(join(fixturesRoot, provider, "__fixtures__", name), "utf8");
  return text
    .split(/\n\n+/)
    .map((block) => block.trim())
    .filter((block) => block !== "" && !block.startsWith("#"))
    .map((block) => `${block}\n\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function writeReply({ reply, response, onClientAbort }: { reply: FixtureReply; response: ServerResponse; onClientAbort: () => void }): Promise<void> {
  if (reply.kind === "destroy") {
    response.socket?.destroy();
    return;
  }
  if (reply.kind === "silence") return;
  if (reply.kind === "json" || reply.kind === "text") {
    const body = reply.kind === "json" ? JSON.stringify(reply.body) : reply.body;
    response.writeHead(reply.status, { "content-type": reply.kind === "json" ? "application/json" : "text/plain", ...reply.headers });
    response.end(body);
    return;
  }
  let finished = false;
  response.on("close", () => {
    if (!finished) onClientAbort();
  });
  response.writeHead(reply.status ?? 200, { "content-type": "text/event-stream", "cache-control": "no-cache", ...reply.headers });
  response.flushHeaders();
  for (const event of reply.events) {
    if (response.destroyed) return;
    if (reply.splitBytes) {
      const bytes = Buffer.from(event);
      for (let offset = 0; offset < bytes.length; offset += reply.splitBytes) {
        response.write(bytes.subarray(offset, offset + reply.splitBytes));
        await sleep(1);
      }
    } else {
      response.write(event);
    }
    if (reply.delayMs) await sleep(reply.delayMs);
  }
  if (reply.end === "hang") return;
  finished = true;
  if (reply.end === "drop") {
    // Let what was written reach the client first, as in a real reset after partial delivery.
    await sleep(30);
    response.socket?.destroy();
  }
  else response.end();
}

/** Starts a fixture upstream on 127.0.0.1 with a free port. */
export async function startFixtureUpstream(): Promise<FixtureUpstream> {
  const requests: RecordedRequest[] = [];
  let handler: (request: RecordedRequest, attempt: number) => FixtureReply = () => ({ kind: "json", status: 500, body: { error: { message: "no reply configured", type: "fixture" } } });
  let attempt = 0;
  let abortWaiters: Array<() => void> = [];
  const server = createServer((request, response) => {
    void (async () => {
      const text = await readBody(request);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers[name] = value;
      const recorded: RecordedRequest = { method: request.method ?? "GET", path: request.url ?? "/", headers, text, json };
      requests.push(recorded);
      attempt += 1;
      await writeReply({
        reply: handler(recorded, attempt),
        response,
        onClientAbort: () => {
          const waiters = abortWaiters;
          abortWaiters = [];
          waiters.forEach((resolve) => resolve());
        },
      });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply(next) {
      handler = next;
      attempt = 0;
    },
    nextClientAbort: () => new Promise<void>((resolve) => abortWaiters.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A fixture upstream for the whole test file: started before the first test, emptied of recorded
 * requests before each, closed after the last. The returned object always refers to it.
 */
export function setUpFixtureUpstream(): FixtureUpstream {
  let upstream: FixtureUpstream | undefined;
  const current = () => {
    if (!upstream) throw new Error("The fixture upstream is used outside a test.");
    return upstream;
  };
  beforeAll(async () => {
    upstream = await startFixtureUpstream();
  });
  afterAll(() => upstream?.close());
  beforeEach(() => {
    if (upstream) upstream.requests.length = 0;
  });
  return {
    get url() {
      return current().url;
    },
    get requests() {
      return current().requests;
    },
    reply: (handler) => current().reply(handler),
    nextClientAbort: () => current().nextClientAbort(),
    close: () => current().close(),
  };
}
