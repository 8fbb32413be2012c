import { describe, expect, it } from "vitest";
import type { ChatRequest } from "@/lib/wire/chat-request";
import { readSseFixture, setUpFixtureUpstream } from "@/testing/fixture-upstream";
import { assembleAnswer, streamThroughGateway } from "@/testing/gateway-helpers";
import { createDashscopeAdapter } from "./dashscope-adapter";
import { dashscopeRegions, fillWorkspaceId } from "@/lib/catalog/dashscope-regions";

const upstream = setUpFixtureUpstream();

const adapter = () => createDashscopeAdapter({ baseUrl: `${upstream.url}/compatible-mode/v1`, idleTimeoutMs: 5_000 });

describe("DashScope compatible mode over HTTP", () => {
  it("translates Moonshot's thinking switch into enable_thinking / preserve_thinking", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("dashscope", "thinking-stream.sse") }));
    const request: ChatRequest = { model: "kimi-k2.6", messages: [{ role: "user", content: "Who are you?" }], thinking: { type: "enabled", keep: "all" } };
    await streamThroughGateway({ adapter: adapter(), request });
    expect(upstream.requests[0]!.path).toBe("/compatible-mode/v1/chat/completions");
    expect(upstream.requests[0]!.json).toEqual({
      model: "kimi-k2.6",
      messages: request.messages,
      enable_thinking: true,
      preserve_thinking: true,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("keeps DashScope's own names when the client sends them", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("dashscope", "thinking-stream.sse") }));
    await streamThroughGateway({ adapter: adapter(), request: { model: "kimi-k2.5", messages: [{ role: "user", content: "x" }], enable_thinking: false, thinking_budget: 2048 } });
    expect(upstream.requests[0]!.json).toMatchObject({ enable_thinking: false, thinking_budget: 2048 });
    expect(upstream.requests[0]!.json).not.toHaveProperty("thinking");
  });

  it("reads usage:null chunks, content:null reasoning chunks and the final usage chunk", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("dashscope", "thinking-stream.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request: { model: "kimi-k2.6", messages: [{ role: "user", content: "x" }], stream_options: { include_usage: true } } });
    if (!result.ok) throw new Error(result.failure.message);
    const answer = assembleAnswer(result.events);
    expect(answer.reasoning).toBe("The user asks who I am.");
    expect(answer.content).toBe("I am Kimi, an AI assistant.");
    expect(answer.usage).toEqual([
      { prompt_tokens: 295, completion_tokens: 22, total_tokens: 317, cached_tokens: 0, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 12 } },
    ]);
    expect(answer.chunks.every((chunk) => !("usage" in chunk) || chunk.choices.length === 0)).toBe(true);
  });

  it("without include_usage, the usage DashScope sends after the answer goes on the finishing chunk", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("dashscope", "thinking-stream.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request: { model: "kimi-k2.6", messages: [{ role: "user", content: "x" }] } });
    if (!result.ok) throw new Error(result.failure.message);
    const answer = assembleAnswer(result.events);
    expect(answer.chunks.every((chunk) => chunk.choices.length > 0)).toBe(true);
    const last = answer.chunks[answer.chunks.length - 1]!;
    expect(last.choices[0]!.finish_reason).toBe("stop");
    expect(last.usage).toMatchObject({ prompt_tokens: 295, completion_tokens: 22 });
    expect(answer.usage).toHaveLength(1);
  });

  it("drops empty continuation ids and the stray empty tool_calls delta", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("dashscope", "tool-calls-stream.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request: { model: "kimi-k2.6", messages: [{ role: "user", content: "x" }] } });
    if (!result.ok) throw new Error(result.failure.message);
    const answer = assembleAnswer(result.events);
    expect(answer.toolCalls).toEqual([{ id: "call_aa99ad078f294a3d81da41d7", type: "function", name: "get_current_weather", arguments: '{"location": "杭州"}' }]);
    const deltas = answer.chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
    expect(deltas.some((delta) => delta.id === "")).toBe(false);
    expect(answer.chunks.some((chunk) => chunk.choices.some((choice) => Array.isArray(choice.delta.tool_calls) && choice.delta.tool_calls.length === 0))).toBe(false);
  });

  it("reads the compatible-mode error shape", async () => {
    upstream.reply(() => ({
      kind: "json",
      status: 400,
      body: { error: { message: "'purpose' must be 'file-extract'", type: "invalid_request_error", param: "purpose", code: null } },
    }));
    const result = await streamThroughGateway({ adapter: adapter(), request: { model: "kimi-k2.6", messages: [{ role: "user", content: "x" }] } });
    expect(result).toMatchObject({ ok: false, failure: { status: 400, type: "invalid_request_error", message: "'purpose' must be 'file-extract'" } });
  });
});

describe("DashScope regions", () => {
  it("fills the workspace id into Frankfurt and Hong Kong hosts", () => {
    expect(fillWorkspaceId({ template: dashscopeRegions.frankfurt.compatibleBaseUrl, workspaceId: "ws-123" })).toBe(
      "https://ws-123.eu-central-1.maas.aliyuncs.com/compatible-mode/v1",
    );
    expect(fillWorkspaceId({ template: dashscopeRegions.hongkong.nativeBaseUrl, workspaceId: "ws-9" })).toBe("https://ws-9.cn-hongkong.maas.aliyuncs.com/api/v1");
    expect(dashscopeRegions.virginia.compatibleBaseUrl).toBe("https://dashscope-us.aliyuncs.com/compatible-mode/v1");
    expect(dashscopeRegions.beijing.nativeBaseUrl).toBe("https://dashscope.aliyuncs.com/api/v1");
  });
});
