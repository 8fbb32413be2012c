import { describe, expect, it } from "vitest";
import { readSseFixture, setUpFixtureUpstream } from "@/testing/fixture-upstream";
import { assembleAnswer, streamThroughGateway } from "@/testing/gateway-helpers";
import { createOpenAiCompatibleAdapter } from "./openai-compatible-adapter";

const upstream = setUpFixtureUpstream();

const adapter = () => createOpenAiCompatibleAdapter({ baseUrl: `${upstream.url}/v1`, idleTimeoutMs: 5_000 });
const request = { model: "moonshotai/Kimi-K2.5", messages: [{ role: "user" as const, content: "Weather in Beijing?" }] };

describe("self-hosted vLLM / SGLang over HTTP", () => {
  it("renames vLLM's `reasoning` to `reasoning_content` and keeps functions.<name>:<n> ids", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("openai-compatible", "vllm-reasoning-stream.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request });
    if (!result.ok) throw new Error(result.failure.message);
    const answer = assembleAnswer(result.events);
    expect(answer.reasoning).toBe("Need the weather.");
    expect(answer.chunks.some((chunk) => chunk.choices.some((choice) => "reasoning" in choice.delta))).toBe(false);
    expect(answer.toolCalls).toEqual([{ id: "functions.get_weather:0", type: "function", name: "get_weather", arguments: '{"city": "Beijing"}' }]);
    expect(answer.finishReason).toBe("tool_calls");
    expect(answer.usage).toEqual([{ prompt_tokens: 60, completion_tokens: 25, total_tokens: 85 }]);
  });

  it("accepts the older reasoning_content name too", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("openai-compatible", "vllm-legacy-reasoning-content.sse") }));
    const result = await streamThroughGateway({ adapter: adapter(), request });
    if (!result.ok) throw new Error(result.failure.message);
    expect(assembleAnswer(result.events)).toMatchObject({ reasoning: "Short thought.", content: "Answer.", done: true });
  });

  it("switches thinking with chat_template_kwargs, which Kimi's templates read", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("openai-compatible", "vllm-legacy-reasoning-content.sse") }));
    await streamThroughGateway({ adapter: adapter(), request: { ...request, thinking: { type: "disabled" }, chat_template_kwargs: { other: 1 } } });
    const sent = upstream.requests[0]!.json as Record<string, unknown>;
    expect(sent.chat_template_kwargs).toEqual({ other: 1, thinking: false });
    expect(sent).not.toHaveProperty("thinking");
  });

  it("renames `reasoning` in non-streamed answers and reads max_model_len from /v1/models", async () => {
    upstream.reply((received) =>
      received.path === "/v1/models"
        ? { kind: "json", status: 200, body: { object: "list", data: [{ id: "moonshotai/Kimi-K2.5", object: "model", max_model_len: 131072 }] } }
        : {
            kind: "json",
            status: 200,
            body: { id: "c1", object: "chat.completion", created: 1, model: "moonshotai/Kimi-K2.5", choices: [{ index: 0, message: { role: "assistant", content: "Hi", reasoning: "Greet." }, finish_reason: "stop" }] },
          },
    );
    const completion = await adapter().completeChat({ request, apiKey: undefined, signal: new AbortController().signal });
    expect(completion.ok && completion.completion.choices[0]!.message).toEqual({ role: "assistant", content: "Hi", reasoning_content: "Greet." });
    expect(upstream.requests[0]!.headers.authorization).toBeUndefined();
    const models = await adapter().listModels({ apiKey: undefined, signal: new AbortController().signal });
    expect(models).toEqual({ ok: true, models: [{ id: "moonshotai/Kimi-K2.5", contextWindow: 131072 }] });
  });
});
