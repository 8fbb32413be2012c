import { afterAll, beforeAll, beforeEach } from "vitest";
import type { RunningServer } from "@/lib/http/serve-web-handler";
import { readSseFixture, startFixtureUpstream, type FixtureReply, type FixtureUpstream, type RecordedRequest } from "./fixture-upstream";
import { startRouteServer } from "./route-server";

// The gateway as client libraries meet it: the real routes over HTTP, with the `moonshot` provider
// pointed at a local upstream that answers like Moonshot (recorded stream shapes, its refusal of a
// tool-call turn without reasoning) and the `simulator` provider as shipped.

/** The servers a client test talks to. */
export interface ClientGateway {
  /** Base URL a client library is given for a provider, e.g. `http://127.0.0.1:PORT/api/providers/moonshot/v1`. */
  baseUrl(provider: "simulator" | "moonshot"): string;
  upstream: FixtureUpstream;
}

type RecordedMessage = { role?: string; content?: unknown; tool_calls?: unknown[]; reasoning_content?: unknown };

/** Folds SSE chunks into the non-streaming completion Moonshot would have answered. */
function completionFromStream(events: string[]): unknown {
  let base: Record<string, unknown> = {};
  let content = "";
  let reasoning = "";
  let finishReason: string | null = null;
  let usage: unknown;
  const toolCalls: Array<{ id: string; type: string; function: { name: string; arguments: string } }> = [];
  for (const event of events) {
    const data = event.replace(/^data: /, "").trim();
    if (data === "[DONE]") continue;
    const chunk = JSON.parse(data) as { id: string; created: number; model: string; choices: Array<{ delta: Record<string, unknown>; finish_reason: string | null; usage?: unknown }> };
    base = { id: chunk.id, object: "chat.completion", created: chunk.created, model: chunk.model };
    const choice = chunk.choices[0];
    if (!choice) continue;
    content += typeof choice.delta.content === "string" ? choice.delta.content : "";
    reasoning += typeof choice.delta.reasoning_content === "string" ? choice.delta.reasoning_content : "";
    for (const fragment of (choice.delta.tool_calls ?? []) as Array<{ index: number; id?: string; type?: string; function: { name?: string; arguments?: string } }>) {
      const call = (toolCalls[fragment.index] ??= { id: "", type: "function", function: { name: "", arguments: "" } });
      call.id = fragment.id || call.id;
      call.type = fragment.type ?? call.type;
      call.function.name += fragment.function.name ?? "";
      call.function.arguments += fragment.function.arguments ?? "";
    }
    finishReason = choice.finish_reason ?? finishReason;
    usage = choice.usage ?? usage;
  }
  const message = { role: "assistant", content, ...(reasoning ? { reasoning_content: reasoning } : {}), ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) };
  return { ...base, choices: [{ index: 0, message, finish_reason: finishReason }], usage };
}

/** An SSE fixture as Moonshot answers it: streamed, or as one completion when the request did not ask to stream. */
export function moonshotAnswer({ request, events }: { request: RecordedRequest; events: string[] }): FixtureReply {
  const body = request.json as { stream?: boolean };
  return body.stream ? { kind: "sse", events } : { kind: "json", status: 200, body: completionFromStream(events) };
}

/** Streams of a JSON answer, for structured output: reasoning, then `json` as the content in a few pieces. */
export function jsonAnswerEvents({ json, model = "kimi-k2.6" }: { json: unknown; model?: string }): string[] {
  const text = JSON.stringify(json);
  const chunk = (delta: unknown, extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id: "chatcmpl-json", object: "chat.completion.chunk", created: 1787771120, model, choices: [{ index: 0, delta, finish_reason: null, ...extra }] })}\n\n`;
  const pieces = [text.slice(0, 8), text.slice(8, 20), text.slice(20)].filter(Boolean);
  return [
    chunk({ role: "assistant", content: "" }),
    chunk({ reasoning_content: "Fill the requested fields." }),
    ...pieces.map((piece) => chunk({ content: piece })),
    chunk({}, { finish_reason: "stop", usage: { prompt_tokens: 40, completion_tokens: 20, total_tokens: 60, completion_tokens_details: { reasoning_tokens: 5 } } }),
    "data: [DONE]\n\n",
  ];
}

/**
 * Moonshot's behaviour for the conversations client tests send: a tool-call turn without its
 * reasoning is refused with the service's words; the first turn of a tool conversation answers with
 * the recorded tool-call stream; otherwise the recorded thinking answer.
 */
export function answerLikeMoonshot(request: RecordedRequest): FixtureReply {
  const body = request.json as { messages?: RecordedMessage[]; tools?: unknown[] };
  const messages = body.messages ?? [];
  const missing = messages.findIndex((message) => message.role === "assistant" && (message.tool_calls?.length ?? 0) > 0 && !message.reasoning_content);
  if (missing >= 0) {
    return { kind: "json", status: 400, body: { error: { message: "thinking is enabled but reasoning_content is missing in assistant tool call message", type: "invalid_request_error" } } };
  }
  const last = messages[messages.length - 1];
  if ((body.tools?.length ?? 0) > 0 && last?.role === "user") return moonshotAnswer({ request, events: readSseFixture("moonshot", "tool-calls-stream.sse") });
  return moonshotAnswer({ request, events: readSseFixture("moonshot", "thinking-stream.sse") });
}

/**
 * Starts the fixture upstream and the routes for the test file (environment set first, as routes
 * read it once), answering like Moonshot unless a test says otherwise; closes both after.
 */
export function setUpClientGateway(): ClientGateway {
  let upstream: FixtureUpstream | undefined;
  let app: RunningServer | undefined;
  beforeAll(async () => {
    upstream = await startFixtureUpstream();
    Object.assign(process.env, {
      MOONSHOT_API_KEY: "sk-server-key-for-client-tests",
      MOONSHOT_BASE_URL: `${upstream.url}/v1`,
      DASHSCOPE_API_KEY: "sk-dashscope-for-client-tests",
      DASHSCOPE_BASE_URL: `${upstream.url}/compatible-mode/v1`,
      DASHSCOPE_NATIVE_BASE_URL: `${upstream.url}/api/v1`,
      GATEWAY_RETRY_BASE_DELAY_MS: "1",
      SIMULATOR_TOKENS_PER_SECOND: "100000",
      SIMULATOR_FIRST_TOKEN_MS: "0",
    });
    app = await startRouteServer();
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.close();
  });
  beforeEach(() => {
    upstream!.requests.length = 0;
    upstream!.reply(answerLikeMoonshot);
  });
  const current = () => {
    if (!upstream || !app) throw new Error("The client gateway is used outside a test.");
    return { upstream, app };
  };
  return {
    baseUrl: (provider) => `${current().app.url}/api/providers/${provider}/v1`,
    get upstream() {
      return current().upstream;
    },
  };
}
