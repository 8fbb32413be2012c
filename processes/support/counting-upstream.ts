import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the upstream received: when, and with which key (each instance is given its own). */
export interface CountedRequest {
  at: number;
  authorization: string;
  /** When the client went away before the answer ended (an aborted request). */
  abortedAt?: number;
}

/** An OpenAI-compatible upstream that answers every chat request with a short stream and records when each arrived. */
export interface CountingUpstream {
  url: string;
  requests: CountedRequest[];
  close(): Promise<void>;
}

/** Starts the counting upstream on a free loopback port; each answer streams for `answerMs`. */
export async function startCountingUpstream({ answerMs = 50 }: { answerMs?: number } = {}): Promise<CountingUpstream> {
  const requests: CountedRequest[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      if (!request.url?.endsWith("/chat/completions")) {
        response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found", type: "not_found" } }));
        return;
      }
      const counted: CountedRequest = { at: Date.now(), authorization: String(request.headers.authorization ?? "") };
      requests.push(counted);
      let ended = false;
      response.on("close", () => {
        if (!ended) counted.abortedAt = Date.now();
      });
      const model = (JSON.parse(body) as { model?: string }).model ?? "kimi-k2.6";
      const chunk = (delta: unknown, extra: Record<string, unknown> = {}) => `data: ${JSON.stringify({ id: "chatcmpl-count", object: "chat.completion.chunk", created: 1_790_000_000, model, choices: [{ index: 0, delta, finish_reason: null, ...extra }] })}\n\n`;
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      response.write(chunk({ role: "assistant", content: "Counted" }));
      setTimeout(() => {
        if (response.destroyed) return;
        response.write(chunk({}, { finish_reason: "stop", usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 } }));
        ended = true;
        response.end("data: [DONE]\n\n");
      }, answerMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The most requests that fell within any `windowMs` (a sliding window starting at each request). */
export function busiestWindow(requests: readonly CountedRequest[], windowMs: number): number {
  const times = requests.map((request) => request.at).sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while (times[end]! - times[start]! >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
