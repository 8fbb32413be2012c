import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "@/lib/http/serve-web-handler";
import { readSseFixture, startFixtureUpstream, type FixtureUpstream } from "@/testing/fixture-upstream";
import { readChatStream } from "@/lib/wire/chat-stream-events";
import { parseSsePayloads } from "@/testing/gateway-helpers";
import { startRouteServer } from "@/testing/route-server";

// The real route handlers, served over HTTP, with every provider pointed at a local fixture
// upstream. Routes read the environment once, so it is set before the server is started.
const serverKey = "sk-server-key-planted-7f3a9c";
const accessToken = "workbench-access-token-1234567890";
let upstream: FixtureUpstream;
let app: RunningServer;

beforeAll(async () => {
  upstream = await startFixtureUpstream();
  Object.assign(process.env, {
    MOONSHOT_API_KEY: serverKey,
    MOONSHOT_BASE_URL: `${upstream.url}/v1`,
    DASHSCOPE_API_KEY: "sk-dashscope-server",
    DASHSCOPE_NATIVE_BASE_URL: `${upstream.url}/api/v1`,
    DASHSCOPE_BASE_URL: `${upstream.url}/compatible-mode/v1`,
    OPENAI_COMPATIBLE_BASE_URL: `${upstream.url}/vllm/v1`,
    WORKBENCH_ACCESS_TOKEN: accessToken,
    GATEWAY_RETRY_BASE_DELAY_MS: "1",
    GATEWAY_RETRY_MAX_ATTEMPTS: "3",
    GATEWAY_MAX_BODY_MB: "1",
    SIMULATOR_TOKENS_PER_SECOND: "100000",
    SIMULATOR_FIRST_TOKEN_MS: "0",
  });
  app = await startRouteServer();
});
afterAll(async () => {
  await app.close();
  await upstream.close();
});
beforeEach(() => {
  upstream.requests.length = 0;
});

const sdk = (provider: string, options: { apiKey?: string; headers?: Record<string, string> } = {}) =>
  new OpenAI({ baseURL: `${app.url}/api/providers/${provider}/v1`, apiKey: options.apiKey ?? "unused-locally", defaultHeaders: options.headers, maxRetries: 0 });

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${app.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
}

const chatPath = (provider: string) => `/api/providers/${provider}/v1/chat/completions`;
const hello = { model: "kimi-k2.6", messages: [{ role: "user", content: "Say OK" }] };
// A request relayed by a proxy counts as remote even on a loopback socket (fetch cannot set Host).
const remote = { "x-forwarded-for": "203.0.113.7" };

type ReasoningDelta = { content?: string | null; reasoning_content?: string | null };

describe("the official openai SDK against the gateway", () => {
  it("streams reasoning and answer from the simulator, with usage in the last chunk", async () => {
    const stream = await sdk("simulator").chat.completions.create({
      model: "kimi-k2.6",
      messages: [{ role: "user", content: "Explain streams [[sim answer_tokens=25 reasoning_tokens=15]]" }],
      stream: true,
    });
    let reasoning = 0;
    let content = 0;
    let usage: OpenAI.CompletionUsage | undefined;
    let finish: string | null = null;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as ReasoningDelta | undefined;
      if (delta?.reasoning_content) reasoning += 1;
      if (delta?.content) content += 1;
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect([reasoning, content, finish]).toEqual([15, 25, "stop"]);
    expect(usage?.completion_tokens).toBe(40);
    expect(usage?.completion_tokens_details?.reasoning_tokens).toBe(15);
  });

  it("the tutorials' loop, chunk.choices[0].delta, runs to the end on every provider's stream", async () => {
    for (const [provider, fixture] of [["moonshot", "thinking-stream.sse"], ["dashscope", "thinking-stream.sse"]] as const) {
      upstream.reply(() => ({ kind: "sse", events: readSseFixture(provider, fixture) }));
      const stream = await sdk(provider).chat.completions.create({ model: "kimi-k2.6", messages: [{ role: "user", content: "Say OK" }], stream: true }, provider === "dashscope" ? { headers: { "x-provider-api-key": "sk-user" } } : {});
      let text = "";
      let usage: OpenAI.CompletionUsage | undefined;
      for await (const chunk of stream) {
        // Written as the tutorials write it: no optional chaining on choices[0].
        text += chunk.choices[0]!.delta.content ?? "";
        if (chunk.usage) usage = chunk.usage;
      }
      expect(text.length, provider).toBeGreaterThan(0);
      expect(usage?.total_tokens, provider).toBeGreaterThan(0);
    }
  });

  it("with stream_options.include_usage, usage arrives once in a last chunk without choices", async () => {
    const stream = await sdk("simulator").chat.completions.create({
      model: "kimi-k2.6",
      messages: [{ role: "user", content: "Hi [[sim answer_tokens=6 reasoning_tokens=3]]" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks[chunks.length - 1]!;
    expect(last.choices).toEqual([]);
    expect(last.usage?.completion_tokens).toBe(9);
    expect(chunks.slice(0, -1).every((chunk) => !chunk.usage)).toBe(true);
  });

  it("gets a complete answer with reasoning_content without streaming", async () => {
    const completion = await sdk("simulator").chat.completions.create({ model: "kimi-k2.6", messages: [{ role: "user", content: "Hi [[sim answer_tokens=5 reasoning_tokens=4]]" }] });
    const message = completion.choices[0]!.message as OpenAI.ChatCompletionMessage & { reasoning_content?: string };
    expect(message.reasoning_content?.length).toBeGreaterThan(0);
    expect(completion.usage?.completion_tokens).toBe(9);
  });

  it("uses the server's key for local clients and streams Moonshot's answer normalized", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "thinking-stream.sse") }));
    const stream = await sdk("moonshot").chat.completions.create({ ...hello, messages: [{ role: "user", content: "Say OK" }], stream: true });
    let text = "";
    const usages: OpenAI.CompletionUsage[] = [];
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.usage) usages.push(chunk.usage);
    }
    expect(text).toBe("OK");
    expect(usages).toHaveLength(1);
    expect(upstream.requests[0]!.headers.authorization).toBe(`Bearer ${serverKey}`);
  });

  it("raises the upstream's status and message as an APIError", async () => {
    await expect(sdk("simulator").chat.completions.create({ model: "kimi-unknown", messages: [{ role: "user", content: "hi" }] })).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining("Not found the model kimi-unknown or Permission denied"),
    });
  });

  it("raises an error that arrives mid-stream instead of ending quietly", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "midstream-error.sse") }));
    const stream = await sdk("moonshot").chat.completions.create({ ...hello, messages: [{ role: "user", content: "hi" }], stream: true });
    let text = "";
    await expect(
      (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
      })(),
    ).rejects.toThrow("The engine is currently overloaded, please try again later");
    expect(text).toBe("Partial answer");
  });
});

describe("streaming responses", () => {
  it("are unbuffered SSE and end with data: [DONE]", async () => {
    const response = await post(chatPath("simulator"), { ...hello, messages: [{ role: "user", content: "hi [[sim answer_tokens=3]]" }], stream: true });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    const payloads = parseSsePayloads(await response.text());
    expect(payloads[payloads.length - 1]).toBe("[DONE]");
  });

  it("cancel the upstream request when the client goes away", async () => {
    const events = readSseFixture("moonshot", "thinking-stream.sse");
    upstream.reply(() => ({ kind: "sse", events: [...events.slice(0, 2), ...Array.from({ length: 200 }, () => events[1]!)], delayMs: 50 }));
    const aborted = upstream.nextClientAbort();
    const controller = new AbortController();
    const streaming = await fetch(`${app.url}${chatPath("moonshot")}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...hello, stream: true }),
      signal: controller.signal,
    });
    const reader = streaming.body!.getReader();
    await reader.read();
    controller.abort();
    await expect(Promise.race([aborted.then(() => "upstream closed"), new Promise((resolve) => setTimeout(() => resolve("still open"), 3000))])).resolves.toBe("upstream closed");
  });
});

describe("retries before the first byte", () => {
  /** A 429, then a 502, then a streamed answer. */
  const replyBusyThenBadGatewayThenAnswer = () =>
    upstream.reply((_request, attempt) =>
      attempt === 1
        ? { kind: "json", status: 429, headers: { "retry-after": "0" }, body: { error: { message: "busy", type: "engine_overloaded_error" } } }
        : attempt === 2
          ? { kind: "json", status: 502, body: { error: { message: "bad gateway", type: "server_error" } } }
          : { kind: "sse", events: readSseFixture("moonshot", "thinking-stream.sse") },
    );

  it("retries 429 and 5xx, then streams", async () => {
    replyBusyThenBadGatewayThenAnswer();
    const response = await post(chatPath("moonshot"), { ...hello, stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-workbench-attempts")).toBe("3");
    expect(upstream.requests).toHaveLength(3);
    expect(parseSsePayloads(await response.text()).pop()).toBe("[DONE]");
  });

  it("shows its retries to a client that asks: the stream starts at the first retry, with a notice before each wait", async () => {
    replyBusyThenBadGatewayThenAnswer();
    const response = await post(chatPath("moonshot"), { ...hello, stream: true }, { "x-workbench-retry-notices": "1" });
    expect(response.status).toBe(200);
    const events = [];
    for await (const event of readChatStream(response)) events.push(event);
    const notices = events.flatMap((event) => (event.type === "retry" ? [event.notice] : []));
    expect(notices).toMatchObject([
      { attempt: 2, maxAttempts: 3, status: 429 },
      { attempt: 3, maxAttempts: 3, status: 502 },
    ]);
    // The notices come first; then the answer, as without them.
    expect(events.findIndex((event) => event.type !== "retry")).toBe(2);
    expect(events.some((event) => event.type === "content")).toBe(true);
    expect(events.at(-1)).toEqual({ type: "done" });
  });

  it("with retry notices, a request that fails for good ends its stream with the error, naming the attempts", async () => {
    upstream.reply(() => ({ kind: "json", status: 429, headers: { "retry-after": "0" }, body: { error: { message: "busy", type: "engine_overloaded_error" } } }));
    const response = await post(chatPath("moonshot"), { ...hello, stream: true }, { "x-workbench-retry-notices": "1" });
    expect(response.status).toBe(200);
    const events = [];
    for await (const event of readChatStream(response)) events.push(event);
    expect(events.filter((event) => event.type === "retry")).toHaveLength(2);
    const last = events.at(-1);
    expect(last?.type).toBe("error");
    expect(last?.type === "error" && last.error).toMatchObject({ status: 429, message: expect.stringMatching(/^busy; the gateway gave up after 3 attempts over \d+\.\d s/) });
    expect(upstream.requests).toHaveLength(3);
  });

  it("without a retry, a client asking for notices gets the plain response (status and attempts header)", async () => {
    upstream.reply(() => ({ kind: "json", status: 400, body: { error: { message: "bad request", type: "invalid_request_error" } } }));
    const refused = await post(chatPath("moonshot"), { ...hello, stream: true }, { "x-workbench-retry-notices": "1" });
    expect(refused.status).toBe(400);
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "thinking-stream.sse") }));
    const answered = await post(chatPath("moonshot"), { ...hello, stream: true }, { "x-workbench-retry-notices": "1" });
    expect(answered.headers.get("x-workbench-attempts")).toBe("1");
    expect(await answered.text()).not.toContain("workbench.retry");
  });

  it("retries a connection reset before any byte", async () => {
    upstream.reply((_request, attempt) => (attempt === 1 ? { kind: "destroy" } : { kind: "sse", events: readSseFixture("moonshot", "thinking-stream.sse") }));
    const response = await post(chatPath("moonshot"), { ...hello, stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-workbench-attempts")).toBe("2");
  });

  it("gives up after the attempt limit with the upstream's last status and message", async () => {
    upstream.reply(() => ({ kind: "json", status: 503, body: { error: { message: "still down", type: "server_error" } } }));
    const response = await post(chatPath("moonshot"), hello);
    expect(response.status).toBe(503);
    expect(response.headers.get("x-workbench-attempts")).toBe("3");
    const envelope = (await response.json()) as { error: { message: string } };
    expect(envelope).toMatchObject({ error: { type: "server_error", provider: "moonshot", upstream_status: 503 } });
    // The upstream's words first, then how hard the gateway tried.
    expect(envelope.error.message).toMatch(/^still down; the gateway gave up after 3 attempts over \d+\.\d s \(GATEWAY_RETRY_MAX_ATTEMPTS\)\.$/);
  });

  it("once it has given up, tells clients not to retry: the openai SDK (2 retries of its own) makes no more upstream calls", async () => {
    upstream.reply(() => ({ kind: "json", status: 429, headers: { "retry-after": "0" }, body: { error: { message: "busy", type: "engine_overloaded_error" } } }));
    const response = await post(chatPath("moonshot"), hello);
    expect(response.headers.get("x-should-retry")).toBe("false");
    upstream.requests.length = 0;
    const client = new OpenAI({ baseURL: `${app.url}/api/providers/moonshot/v1`, apiKey: "unused-locally", maxRetries: 2 });
    await expect(client.chat.completions.create({ model: "kimi-k2.6", messages: [{ role: "user", content: "Say OK" }] })).rejects.toMatchObject({ status: 429 });
    // Three gateway attempts (GATEWAY_RETRY_MAX_ATTEMPTS=3), not three times three.
    expect(upstream.requests).toHaveLength(3);
  });

  it("lets the caller set the gateway's retries (0: none; then the client's own retries decide)", async () => {
    upstream.reply(() => ({ kind: "json", status: 503, body: { error: { message: "down", type: "server_error" } } }));
    const once = await post(chatPath("moonshot"), hello, { "x-workbench-retries": "0" });
    expect(once.status).toBe(503);
    expect(once.headers.get("x-workbench-attempts")).toBe("1");
    expect(once.headers.get("x-should-retry")).toBeNull();
    expect(upstream.requests).toHaveLength(1);
    const refused = await post(chatPath("moonshot"), hello, { "x-workbench-retries": "7" });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      'The x-workbench-retries header must be a whole number from 0 to 2 (this server retries at most 2 times: GATEWAY_RETRY_MAX_ATTEMPTS=3); it is "7".',
    );
    expect(upstream.requests).toHaveLength(1);
  });

  it("answers DashScope's in-stream first-event error with its HTTP status", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("dashscope-native", "error-first-event.sse") }));
    const response = await post(chatPath("dashscope-native"), { ...hello, stream: true });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: "InvalidParameter", upstream_status: 400, provider: "dashscope-native", request_id: "7671ecd8-93cb-9d4a" } });
  });
});

describe("access to the server's keys", () => {
  it("refuses remote clients without the access token, saying how to get access", async () => {
    const response = await post(chatPath("moonshot"), hello, remote);
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe("access_denied");
    expect(body.error.message).toMatch(/Authorization: Bearer <WORKBENCH_ACCESS_TOKEN>.*X-Provider-Api-Key/);
    expect(upstream.requests).toHaveLength(0);
  });

  it("ignores a client that forges the loopback header", async () => {
    const response = await post(chatPath("moonshot"), hello, { ...remote, "x-workbench-peer": "forged;loopback" });
    expect(response.status).toBe(401);
  });

  it("lets remote clients in with the access token or the session cookie", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "thinking-stream.sse") }));
    expect((await post(chatPath("moonshot"), { ...hello, stream: true }, { ...remote, authorization: `Bearer ${accessToken}` })).status).toBe(200);
    expect((await post("/api/session", { token: "wrong-token-000000000" }, remote)).status).toBe(401);
    const signIn = await post("/api/session", { token: accessToken }, remote);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    expect(cookie).not.toContain(accessToken);
    expect((await post(chatPath("moonshot"), { ...hello, stream: true }, { ...remote, cookie })).status).toBe(200);
  });

  it("refuses an oversized sign-in body naming its own limit, and ends a session on the server when signing out", async () => {
    const tooLarge = await post("/api/session", { token: "x".repeat(5000) }, remote);
    expect(tooLarge.status).toBe(413);
    const message = ((await tooLarge.json()) as { error: { message: string } }).error.message;
    expect(message).toContain("the fixed limit for sign-in requests");
    expect(message).not.toContain("GATEWAY_MAX_BODY_MB");
    const signIn = await post("/api/session", { token: accessToken }, remote);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    expect((await post(chatPath("simulator"), hello, { ...remote, cookie })).status).toBe(200);
    await fetch(`${app.url}/api/session`, { method: "DELETE", headers: { ...remote, cookie } });
    // The same cookie, replayed after sign-out, no longer gives access.
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "thinking-stream.sse") }));
    expect((await post(chatPath("moonshot"), { ...hello, stream: true }, { ...remote, cookie })).status).toBe(401);
  });

  it("spends only the user's own key when one is sent, even from remote", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "thinking-stream.sse") }));
    const response = await post(chatPath("moonshot"), { ...hello, stream: true }, { ...remote, "x-provider-api-key": "sk-user-own" });
    expect(response.status).toBe(200);
    await response.text();
    expect(upstream.requests[0]!.headers.authorization).toBe("Bearer sk-user-own");
  });

  it("keeps self-hosted servers behind access even with a key", async () => {
    const response = await post(chatPath("openai-compatible"), hello, { ...remote, "x-provider-api-key": "anything" });
    expect(response.status).toBe(401);
  });

  it("lets anyone use the simulator", async () => {
    expect((await post(chatPath("simulator"), { ...hello, messages: [{ role: "user", content: "hi [[sim answer_tokens=2]]" }] }, remote)).status).toBe(200);
  });

  it("refuses cross-site browser requests", async () => {
    const response = await post(chatPath("simulator"), hello, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(response.status).toBe(403);
  });

  it("never puts a server key in the provider list", async () => {
    const response = await fetch(`${app.url}/api/providers`);
    const text = await response.text();
    expect(text).not.toContain(serverKey);
    expect(text).not.toContain("sk-dashscope-server");
    const body = JSON.parse(text) as { providers: Array<{ id: string; configured: boolean; serverCredentialsUsable: boolean }>; access: { loopback: boolean } };
    expect(body.access.loopback).toBe(true);
    expect(body.providers.find((provider) => provider.id === "moonshot")).toMatchObject({ configured: true, serverCredentialsUsable: true });
    const fromRemote = (await (await fetch(`${app.url}/api/providers`, { headers: remote })).json()) as typeof body;
    expect(fromRemote.providers.find((provider) => provider.id === "moonshot")).toMatchObject({ configured: true, serverCredentialsUsable: false });
  });

  it("shows where private upstreams live (host:port) only to clients with access", async () => {
    const local = await (await fetch(`${app.url}/api/providers`)).text();
    expect(local).toContain(new URL(upstream.url).host);
    const fromRemote = await (await fetch(`${app.url}/api/providers`, { headers: remote })).text();
    expect(fromRemote).not.toContain(new URL(upstream.url).host);
    const withToken = await (await fetch(`${app.url}/api/providers`, { headers: { ...remote, authorization: `Bearer ${accessToken}` } })).text();
    expect(withToken).toContain(new URL(upstream.url).host);
  });
});

describe("bad requests", () => {
  it("explain invalid JSON, schema problems, unknown providers and oversized bodies", async () => {
    const invalid = await post(chatPath("simulator"), "{not json");
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { type: string } }).error.type).toBe("invalid_json");
    const empty = await post(chatPath("simulator"), { model: "kimi-k2.6", messages: [] });
    expect(((await empty.json()) as { error: { message: string } }).error.message).toBe("Invalid request body: messages: messages must contain at least one message");
    const unknown = await post(chatPath("openrouter"), hello);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/Unknown provider "openrouter"/);
    const huge = await post(chatPath("simulator"), { ...hello, messages: [{ role: "user", content: "x".repeat(1_200_000) }] });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { message: string } }).error.message).toMatch(/at most 1\.0 MB \(GATEWAY_MAX_BODY_MB\)/);
  });
});

describe("token counts", () => {
  it("are exact from the simulator and Moonshot, local estimates elsewhere, always with a breakdown", async () => {
    const simulated = (await (await post("/api/providers/simulator/v1/tokenizers/estimate-token-count", hello)).json()) as { exact: boolean; data: { total_tokens: number } };
    expect(simulated.exact).toBe(true);
    upstream.reply(() => ({ kind: "json", status: 200, body: { data: { total_tokens: 77 } } }));
    const moonshot = (await (await post("/api/providers/moonshot/v1/tokenizers/estimate-token-count", hello)).json()) as { exact: boolean; data: { total_tokens: number } };
    expect(moonshot).toMatchObject({ exact: true, data: { total_tokens: 77 } });
    const local = (await (await post("/api/providers/dashscope/v1/tokenizers/estimate-token-count", hello)).json()) as {
      exact: boolean;
      method: string;
      data: { total_tokens: number };
      breakdown: { lastMessage: number; total: number };
    };
    expect(local).toMatchObject({ exact: false, method: "local-estimate" });
    expect(local.data.total_tokens).toBe(local.breakdown.total);
    expect(local.breakdown.lastMessage).toBeGreaterThan(0);
  });
});
