import { describe, expect, it } from "vitest";
import { readSseFixture, setUpFixtureUpstream } from "@/testing/fixture-upstream";
import { assembleAnswer, streamThroughGateway } from "@/testing/gateway-helpers";
import type { ChatRequest } from "@/lib/wire/chat-request";
import { createMoonshotAdapter } from "./moonshot-adapter";

const upstream = setUpFixtureUpstream();
const request: ChatRequest = { model: "kimi-k2.6", messages: [{ role: "user", content: "Say OK" }], thinking: { type: "enabled" } };

const adapter = (idleTimeoutMs = 5_000) => createMoonshotAdapter({ baseUrl: `${upstream.url}/v1`, idleTimeoutMs });

describe("Moonshot adapter over HTTP", () => {
  it("streams reasoning then content; with include_usage, usage once in a final choices:[] chunk", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "thinking-stream.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request: { ...request, stream_options: { include_usage: true } } });
    if (!result.ok) throw new Error(result.failure.message);
    const answer = assembleAnswer(result.events);
    expect(answer.reasoning).toBe("The user wants exactly OK.");
    expect(answer.content).toBe("OK");
    expect(answer.finishReason).toBe("stop");
    expect(answer.done).toBe(true);
    expect(answer.usage).toEqual([
      { prompt_tokens: 90, completion_tokens: 50, total_tokens: 140, cached_tokens: 90, prompt_tokens_details: { cached_tokens: 90 }, completion_tokens_details: { reasoning_tokens: 33 } },
    ]);
    const last = answer.chunks[answer.chunks.length - 1]!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toBeDefined();
    // Usage is removed from the finishing choice; nothing else carries it.
    expect(answer.chunks.slice(0, -1).every((chunk) => chunk.usage === undefined && chunk.choices.every((choice) => !("usage" in choice)))).toBe(true);
    expect(answer.chunks.every((chunk) => chunk.object === "chat.completion.chunk" && chunk.id === "chatcmpl-2fd8a1c0")).toBe(true);
  });

  it("without include_usage, usage stays on the finishing chunk, where Moonshot puts it, and every chunk has a choice", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "thinking-stream.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request });
    if (!result.ok) throw new Error(result.failure.message);
    const answer = assembleAnswer(result.events);
    const usage = { prompt_tokens: 90, completion_tokens: 50, total_tokens: 140, cached_tokens: 90, prompt_tokens_details: { cached_tokens: 90 }, completion_tokens_details: { reasoning_tokens: 33 } };
    expect(answer.usage).toEqual([usage]);
    // The loop of every tutorial, chunk.choices[0].delta, never meets an empty choices list.
    expect(answer.chunks.every((chunk) => chunk.choices.length > 0)).toBe(true);
    const last = answer.chunks[answer.chunks.length - 1]!;
    expect(last.choices[0]!.finish_reason).toBe("stop");
    expect(last.usage).toEqual(usage);
    expect(last.choices[0]!.usage).toEqual(usage);
    expect(answer.done).toBe(true);
  });

  it("sends the body unchanged plus include_usage, with the key as a bearer token", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "thinking-stream.sse") }));
    await streamThroughGateway({ adapter: adapter(), request, apiKey: "sk-moonshot-123" });
    const received = upstream.requests[0]!;
    expect(received.method).toBe("POST");
    expect(received.path).toBe("/v1/chat/completions");
    expect(received.headers.authorization).toBe("Bearer sk-moonshot-123");
    expect(received.json).toEqual({ ...request, stream: true, stream_options: { include_usage: true } });
  });

  it("reports usage once when Moonshot sends it both in the choice and in a choices:[] chunk", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "thinking-stream-include-usage.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request });
    if (!result.ok) throw new Error(result.failure.message);
    expect(assembleAnswer(result.events).usage).toHaveLength(1);
  });

  it("reads the documented example (usage in the choice, no cached_tokens)", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "doc-example-stream.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request });
    if (!result.ok) throw new Error(result.failure.message);
    const answer = assembleAnswer(result.events);
    expect(answer.content).toBe("你好！我是 Kimi。");
    expect(answer.usage).toEqual([{ prompt_tokens: 19, completion_tokens: 13, total_tokens: 32 }]);
  });

  it("is not confused by lines split across network reads", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "thinking-stream.sse"), splitBytes: 7 }));
    const result = await streamThroughGateway({ adapter: adapter(), request });
    if (!result.ok) throw new Error(result.failure.message);
    const answer = assembleAnswer(result.events);
    expect(answer.reasoning).toBe("The user wants exactly OK.");
    expect(answer.content).toBe("OK");
    expect(answer.usage).toHaveLength(1);
  });

  it("keeps tool-call indexes and assembles arguments", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "tool-calls-stream.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request });
    if (!result.ok) throw new Error(result.failure.message);
    const answer = assembleAnswer(result.events);
    expect(answer.finishReason).toBe("tool_calls");
    expect(answer.toolCalls).toEqual([{ id: "get_weather_0", type: "function", name: "get_weather", arguments: '{"city": "Paris"}' }]);
    const toolDeltas = answer.chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
    expect(toolDeltas.every((delta) => delta.index === 0)).toBe(true);
  });

  it("assigns positional indexes to parallel tool calls that arrive without index", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "parallel-tool-calls-no-index.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request });
    if (!result.ok) throw new Error(result.failure.message);
    const answer = assembleAnswer(result.events);
    expect(answer.toolCalls.map((call) => [call.id, call.name, call.arguments])).toEqual([
      ["get_weather_0", "get_weather", '{"city":"Paris"}'],
      ["get_time_1", "get_time", '{"zone":"CET"}'],
    ]);
  });

  it("continues the last call for index-less fragments without an id", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "sequential-tool-calls-no-index.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request });
    if (!result.ok) throw new Error(result.failure.message);
    const indexes = assembleAnswer(result.events).chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => (choice.delta.tool_calls ?? []).map((call) => call.index)));
    expect(indexes).toEqual([0, 0, 1, 1]);
    expect(assembleAnswer(result.events).toolCalls.map((call) => call.arguments)).toEqual(['{"q":"kimi"}', '{"q":"moonshot"}']);
  });

  it("passes finish_reason length during reasoning through as a normal end", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "length-during-reasoning.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request });
    if (!result.ok) throw new Error(result.failure.message);
    const answer = assembleAnswer(result.events);
    expect(answer.finishReason).toBe("length");
    expect(answer.content).toBe("");
    expect(answer.error).toBeUndefined();
    expect(answer.done).toBe(true);
  });

  it("turns an error event after streaming began into a final error, not [DONE]", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "midstream-error.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request });
    if (!result.ok) throw new Error(result.failure.message);
    const answer = assembleAnswer(result.events);
    expect(answer.content).toBe("Partial answer");
    expect(answer.error).toMatchObject({ type: "engine_overloaded_error", message: "The engine is currently overloaded, please try again later" });
    expect(answer.done).toBe(false);
    expect(result.events[result.events.length - 1]!.type).toBe("error");
  });

  it("reports a stream that ends without [DONE] or finish_reason", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "truncated.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request });
    if (!result.ok) throw new Error(result.failure.message);
    expect(assembleAnswer(result.events).error).toMatchObject({ type: "upstream_stream_incomplete" });
  });

  it("reports a dropped connection mid-stream as an error event", async () => {
    const events = readSseFixture("moonshot", "thinking-stream.sse").slice(0, 4);
    upstream.reply(() => ({ kind: "sse", events, end: "drop" }));
    const result = await streamThroughGateway({ adapter: adapter(), request });
    if (!result.ok) throw new Error(result.failure.message);
    const answer = assembleAnswer(result.events);
    expect(answer.reasoning).toBe("The user wants");
    expect(answer.error).toMatchObject({ type: "upstream_connection_error" });
  });

  it("closes a stalled stream after the idle timeout", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "thinking-stream.sse").slice(0, 2), end: "hang" }));
    const result = await streamThroughGateway({ adapter: adapter(300), request });
    if (!result.ok) throw new Error(result.failure.message);
    expect(assembleAnswer(result.events).error).toMatchObject({ type: "upstream_timeout", status: 504 });
  });
});

describe("Moonshot errors before streaming", () => {
  it("keeps the upstream status, type and message", async () => {
    upstream.reply(() => ({ kind: "json", status: 404, body: { error: { message: "Not found the model kimi-x or Permission denied", type: "resource_not_found_error" } } }));
    const result = await streamThroughGateway({ adapter: adapter(), request });
    expect(result).toEqual({
      ok: false,
      failure: { status: 404, upstreamStatus: 404, type: "resource_not_found_error", message: "Not found the model kimi-x or Permission denied", retryable: false },
    });
  });

  it("reads Retry-After and Moonshot's 'try again after N seconds' and marks 429 retryable", async () => {
    upstream.reply(() => ({ kind: "json", status: 429, headers: { "retry-after": "2" }, body: { error: { message: "busy", type: "engine_overloaded_error" } } }));
    const withHeader = await streamThroughGateway({ adapter: adapter(), request });
    expect(withHeader).toMatchObject({ ok: false, failure: { status: 429, retryable: true, retryAfterMs: 2000 } });
    upstream.reply(() => ({
      kind: "json",
      status: 429,
      body: { error: { message: "Your account org-1<ak-2> request reached organization max RPM: 3, please try again after 5 seconds", type: "rate_limit_reached_error" } },
    }));
    const withMessage = await streamThroughGateway({ adapter: adapter(), request });
    expect(withMessage).toMatchObject({ ok: false, failure: { retryable: true, retryAfterMs: 5000 } });
  });

  it("does not retry an exhausted quota even though it is a 429", async () => {
    upstream.reply(() => ({
      kind: "json",
      status: 429,
      body: { error: { message: "Your account org-1<ak-2> is suspended, please check your plan and billing details", type: "exceeded_current_quota_error" } },
    }));
    expect(await streamThroughGateway({ adapter: adapter(), request })).toMatchObject({ ok: false, failure: { status: 429, retryable: false } });
  });

  it("never repeats the key in an error message", async () => {
    upstream.reply(() => ({ kind: "json", status: 401, body: { error: { message: "Incorrect API key provided: sk-secret-value-999", type: "incorrect_api_key_error" } } }));
    const result = await streamThroughGateway({ adapter: adapter(), request, apiKey: "sk-secret-value-999" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.message).toBe("Incorrect API key provided: [redacted]");
  });

  it("summarizes a non-JSON error page", async () => {
    upstream.reply(() => ({ kind: "text", status: 502, body: "<html><body><h1>502 Bad Gateway</h1></body></html>" }));
    expect(await streamThroughGateway({ adapter: adapter(), request })).toMatchObject({
      ok: false,
      failure: { status: 502, message: "502 Bad Gateway", retryable: true, type: "server_error" },
    });
  });

  it("reports a refused connection as retryable", async () => {
    const refused = createMoonshotAdapter({ baseUrl: "http://127.0.0.1:9/v1", idleTimeoutMs: 1000 });
    const result = await streamThroughGateway({ adapter: refused, request });
    expect(result).toMatchObject({ ok: false, failure: { status: 502, type: "upstream_connection_error", retryable: true } });
  });
});

describe("Moonshot non-streamed calls, token counts and models", () => {
  it("normalizes a complete answer", async () => {
    upstream.reply(() => ({
      kind: "json",
      status: 200,
      body: {
        id: "chatcmpl-1",
        object: "chat.completion",
        created: 1787771085,
        model: "kimi-k2.6",
        choices: [{ index: 0, message: { role: "assistant", content: "OK", reasoning_content: "We need answer exactly OK." }, finish_reason: "stop" }],
        usage: { prompt_tokens: 90, completion_tokens: 34, total_tokens: 124, cached_tokens: 90, completion_tokens_details: { reasoning_tokens: 17 }, prompt_tokens_details: { cached_tokens: 90 } },
      },
    }));
    const result = await adapter().completeChat({ request, apiKey: "k", signal: new AbortController().signal });
    expect(result.ok && result.completion).toEqual({
      id: "chatcmpl-1",
      object: "chat.completion",
      created: 1787771085,
      model: "kimi-k2.6",
      choices: [{ index: 0, message: { role: "assistant", content: "OK", reasoning_content: "We need answer exactly OK." }, finish_reason: "stop" }],
      usage: { prompt_tokens: 90, completion_tokens: 34, total_tokens: 124, cached_tokens: 90, prompt_tokens_details: { cached_tokens: 90 }, completion_tokens_details: { reasoning_tokens: 17 } },
    });
    expect((upstream.requests[0]!.json as { stream: boolean }).stream).toBe(false);
  });

  it("asks Moonshot's estimate-token-count endpoint", async () => {
    upstream.reply(() => ({ kind: "json", status: 200, body: { data: { total_tokens: 80 } } }));
    const counted = await adapter().countTokens!({ request: { ...request, stream: true }, apiKey: "k", signal: new AbortController().signal });
    expect(counted).toEqual({ ok: true, totalTokens: 80 });
    expect(upstream.requests[0]!.path).toBe("/v1/tokenizers/estimate-token-count");
    expect(upstream.requests[0]!.json).toEqual({ model: "kimi-k2.6", messages: request.messages, thinking: { type: "enabled" } });
  });

  it("reads capabilities from /v1/models", async () => {
    upstream.reply(() => ({
      kind: "json",
      status: 200,
      body: { object: "list", data: [{ id: "kimi-k2.5", object: "model", context_length: 262144, supports_image_in: true, supports_video_in: true, supports_reasoning: true }] },
    }));
    const listed = await adapter().listModels({ apiKey: "k", signal: new AbortController().signal });
    expect(listed).toEqual({ ok: true, models: [{ id: "kimi-k2.5", contextWindow: 262144, supportsImage: true, supportsVideo: true, supportsReasoning: true }] });
  });
});
