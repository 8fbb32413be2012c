import { describe, expect, it } from "vitest";
import { findModelSpec } from "@/lib/catalog/model-catalog";
import type { ChatRequest } from "@/lib/wire/chat-request";
import { readSseFixture, setUpFixtureUpstream } from "@/testing/fixture-upstream";
import { assembleAnswer, streamThroughGateway } from "@/testing/gateway-helpers";
import { createDashscopeNativeAdapter } from "./dashscope-native-adapter";
import { toDashscopeNativeRequest } from "./dashscope-native-request";

const upstream = setUpFixtureUpstream();

const adapter = (workspaceId?: string) => createDashscopeNativeAdapter({ baseUrl: `${upstream.url}/api/v1`, idleTimeoutMs: 5_000, workspaceId });
const image = "data:image/png;base64,iVBORw0KGgo=";

const multimodalRequest: ChatRequest = {
  model: "kimi-k2.6",
  stream: true,
  messages: [
    { role: "system", content: "You are Kimi." },
    {
      role: "user",
      content: [
        { type: "text", text: "What happens in this clip and this photo?" },
        { type: "video_url", video_url: { url: "https://example.com/clip.mp4" }, fps: 1.5, max_frames: 120 },
        { type: "image_url", image_url: { url: image } },
        { type: "video", video: ["https://example.com/1.jpg", "https://example.com/2.jpg", "https://example.com/3.jpg", "https://example.com/4.jpg"], fps: 2 },
      ],
    },
  ],
  thinking: { type: "enabled", keep: "all" },
  max_tokens: 4096,
  temperature: 1,
  vl_high_resolution_images: true,
};

describe("native request translation", () => {
  it("turns parts into keyed items with fps and max_frames beside the video, and moves parameters", () => {
    const translated = toDashscopeNativeRequest({ request: multimodalRequest, spec: findModelSpec({ providerId: "dashscope-native", modelId: "kimi-k2.6" }), streaming: true });
    expect(translated).toEqual({
      ok: true,
      endpoint: "multimodal-generation",
      body: {
        model: "kimi-k2.6",
        input: {
          messages: [
            { role: "system", content: "You are Kimi." },
            {
              role: "user",
              content: [
                { text: "What happens in this clip and this photo?" },
                { video: "https://example.com/clip.mp4", fps: 1.5, max_frames: 120 },
                { image },
                { video: ["https://example.com/1.jpg", "https://example.com/2.jpg", "https://example.com/3.jpg", "https://example.com/4.jpg"], fps: 2 },
              ],
            },
          ],
        },
        parameters: {
          result_format: "message",
          incremental_output: true,
          enable_thinking: true,
          preserve_thinking: true,
          max_tokens: 4096,
          temperature: 1,
          vl_high_resolution_images: true,
        },
      },
    });
  });

  it("keeps tool calls, reasoning and tool results in the conversation", () => {
    const translated = toDashscopeNativeRequest({
      spec: undefined,
      streaming: false,
      request: {
        model: "kimi-k2.6",
        messages: [
          { role: "user", content: "Weather?" },
          { role: "assistant", content: null, reasoning_content: "Call the tool.", tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: "{}" } }] },
          { role: "tool", tool_call_id: "call_1", name: "get_weather", content: "sunny" },
        ],
        tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object" } } }],
        tool_choice: "auto",
      },
    });
    expect(translated.ok && translated.body.input.messages).toEqual([
      { role: "user", content: "Weather?" },
      { role: "assistant", content: "", reasoning_content: "Call the tool.", tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: "{}" } }] },
      { role: "tool", content: "sunny", tool_call_id: "call_1", name: "get_weather" },
    ]);
    expect(translated.ok && translated.endpoint).toBe("text-generation");
    expect(translated.ok && translated.body.parameters).toEqual({
      result_format: "message",
      tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object" } } }],
      tool_choice: "auto",
    });
  });

  it("picks the endpoint from the catalog and refuses media on a text-generation model", () => {
    const thinking = findModelSpec({ providerId: "dashscope-native", modelId: "kimi-k2-thinking" });
    expect(toDashscopeNativeRequest({ request: { model: "kimi-k2-thinking", messages: [{ role: "user", content: "1+1?" }] }, spec: thinking, streaming: true })).toMatchObject({
      ok: true,
      endpoint: "text-generation",
    });
    const refused = toDashscopeNativeRequest({ request: { ...multimodalRequest, model: "kimi-k2-thinking" }, spec: thinking, streaming: true });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toMatch(/text-generation endpoint, which does not accept images or video/);
  });
});

describe("DashScope native over HTTP", () => {
  it("posts to the multimodal endpoint with the SSE and workspace headers", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("dashscope-native", "multimodal-thinking-stream.sse") }));
    await streamThroughGateway({ adapter: adapter("ws-42"), request: multimodalRequest, apiKey: "sk-ds" });
    const received = upstream.requests[0]!;
    expect(received.path).toBe("/api/v1/services/aigc/multimodal-generation/generation");
    expect(received.headers["x-dashscope-sse"]).toBe("enable");
    expect(received.headers["x-dashscope-workspace"]).toBe("ws-42");
    expect(received.headers.authorization).toBe("Bearer sk-ds");
    const content = (received.json as { input: { messages: Array<{ content: unknown }> } }).input.messages[1]!.content as Array<Record<string, unknown>>;
    expect(content[1]).toEqual({ video: "https://example.com/clip.mp4", fps: 1.5, max_frames: 120 });
  });

  it("translates the native stream: reasoning, text items, 'null' finish reasons, cumulative usage once", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("dashscope-native", "multimodal-thinking-stream.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request: multimodalRequest });
    if (!result.ok) throw new Error(result.failure.message);
    const answer = assembleAnswer(result.events);
    expect(answer.reasoning).toBe("The image shows a girl.");
    expect(answer.content).toBe("A girl and her dog.");
    expect(answer.finishReason).toBe("stop");
    expect(answer.done).toBe(true);
    expect(answer.usage).toEqual([
      {
        prompt_tokens: 2807,
        completion_tokens: 10,
        total_tokens: 2817,
        prompt_tokens_details: { text_tokens: 304, image_tokens: 2503 },
        completion_tokens_details: { reasoning_tokens: 4 },
      },
    ]);
    const finishReasons = answer.chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason));
    expect(finishReasons.filter((reason) => reason !== null)).toEqual(["stop"]);
    expect(answer.chunks[0]!.choices[0]!.delta.role).toBe("assistant");
    expect(answer.chunks[0]!.id).toBe("13c5644d-5c1a-9a5f-a8c3");
  });

  it("reads string content from the text-generation endpoint", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("dashscope-native", "text-generation-stream.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request: { model: "kimi-k2-thinking", messages: [{ role: "user", content: "1+1?" }] } });
    if (!result.ok) throw new Error(result.failure.message);
    expect(upstream.requests[0]!.path).toBe("/api/v1/services/aigc/text-generation/generation");
    expect(assembleAnswer(result.events)).toMatchObject({
      reasoning: "1+1",
      content: "2",
      usage: [{ prompt_tokens: 16, completion_tokens: 2, total_tokens: 18, completion_tokens_details: { reasoning_tokens: 1 } }],
    });
  });

  it("assembles native tool-call deltas (empty continuation ids, a second call in the same event)", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("dashscope-native", "tool-calls-stream.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request: multimodalRequest });
    if (!result.ok) throw new Error(result.failure.message);
    const answer = assembleAnswer(result.events);
    expect(answer.finishReason).toBe("tool_calls");
    expect(answer.toolCalls).toEqual([
      { id: "call_aa99ad078f294a3d81da41d7", type: "function", name: "get_current_weather", arguments: '{"location": "浙江省杭州市"}' },
      { id: "call_aa8b2c", type: "function", name: "get_current_weather", arguments: '{"location": "北京"}' },
    ]);
  });

  it("reads the 2024 usage shape (image_tokens at top level)", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("dashscope-native", "vl-image-stream-2024.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request: multimodalRequest });
    if (!result.ok) throw new Error(result.failure.message);
    expect(assembleAnswer(result.events)).toMatchObject({
      content: "这是一个女孩和狗。",
      usage: [{ prompt_tokens: 1283, completion_tokens: 5, total_tokens: 1288, prompt_tokens_details: { image_tokens: 1247 } }],
    });
  });

  it("answers an event:error that arrives first under HTTP 200 with the status it names", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("dashscope-native", "error-first-event.sse") }));
    const attempt = await adapter().streamChat({ request: multimodalRequest, apiKey: "k", signal: new AbortController().signal });
    if (!attempt.ok) throw new Error("the HTTP status was 200; the error is in the stream");
    const first = await attempt.parts.next();
    expect(first.value).toEqual({
      type: "error",
      failure: {
        status: 400,
        upstreamStatus: 400,
        type: "InvalidParameter",
        code: "InvalidParameter",
        requestId: "7671ecd8-93cb-9d4a",
        message: "Role must be user or assistant and Content length must be greater than 0",
        retryable: false,
      },
    });
  });

  it("ends with an error event when event:error arrives mid-stream", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("dashscope-native", "error-mid-stream.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request: multimodalRequest });
    if (!result.ok) throw new Error(result.failure.message);
    expect(assembleAnswer(result.events)).toMatchObject({ content: "Partial", done: false, error: { type: "InternalError", status: 500 } });
  });

  it("reports a stream that ends before a finish_reason", async () => {
    const events = readSseFixture("dashscope-native", "multimodal-thinking-stream.sse").slice(0, 3);
    upstream.reply(() => ({ kind: "sse", events }));
    const result = await streamThroughGateway({ adapter: adapter(), request: multimodalRequest });
    if (!result.ok) throw new Error(result.failure.message);
    expect(assembleAnswer(result.events).error).toMatchObject({ type: "upstream_stream_incomplete" });
  });

  it("reads native error bodies ({code, message, request_id}) before streaming", async () => {
    upstream.reply(() => ({ kind: "json", status: 401, body: { code: "InvalidApiKey", message: "Invalid API-key provided.", request_id: "r-1" } }));
    const result = await streamThroughGateway({ adapter: adapter(), request: multimodalRequest });
    expect(result).toMatchObject({ ok: false, failure: { status: 401, type: "InvalidApiKey", message: "Invalid API-key provided.", requestId: "r-1" } });
  });

  it("translates a non-streamed native answer", async () => {
    upstream.reply(() => ({
      kind: "json",
      status: 200,
      body: {
        output: { choices: [{ finish_reason: "stop", message: { role: "assistant", content: [{ text: "I am Kimi." }], reasoning_content: "Identity question." } }] },
        usage: { input_tokens: 9, output_tokens: 156, total_tokens: 165 },
        request_id: "709a0697",
      },
    }));
    const result = await adapter().completeChat({ request: { ...multimodalRequest, stream: false }, apiKey: "k", signal: new AbortController().signal });
    expect(result.ok && result.completion).toMatchObject({
      id: "709a0697",
      object: "chat.completion",
      model: "kimi-k2.6",
      choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "I am Kimi.", reasoning_content: "Identity question." } }],
      usage: { prompt_tokens: 9, completion_tokens: 156, total_tokens: 165 },
    });
    const parameters = (upstream.requests[0]!.json as { parameters: Record<string, unknown> }).parameters;
    expect(parameters).not.toHaveProperty("incremental_output");
    expect(upstream.requests[0]!.headers["x-dashscope-sse"]).toBeUndefined();
  });
});
