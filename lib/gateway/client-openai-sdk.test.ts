import OpenAI from "openai";
import { zodFunction, zodResponseFormat } from "openai/helpers/zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jsonAnswerEvents, moonshotAnswer, setUpClientGateway } from "@/testing/client-gateway";
import { readSseFixture } from "@/testing/fixture-upstream";

// The official openai SDK, used as its README shows, against the gateway: the simulator, and the
// moonshot provider in front of an upstream answering with recorded Moonshot streams.
const gateway = setUpClientGateway();
const providers = ["simulator", "moonshot"] as const;
const fast = "[[sim tokens_per_second=100000 first_token_ms=0]]";

const client = (provider: (typeof providers)[number], headers: Record<string, string> = {}) =>
  new OpenAI({ baseURL: gateway.baseUrl(provider), apiKey: "unused-locally", maxRetries: 0, defaultHeaders: headers });

type KimiMessage = OpenAI.ChatCompletionMessage & { reasoning_content?: string };
type KimiDelta = OpenAI.ChatCompletionChunk.Choice.Delta & { reasoning_content?: string };

const weatherTool: OpenAI.ChatCompletionTool = {
  type: "function",
  function: { name: "get_weather", description: "Current weather in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
};

describe.each(providers)("openai SDK on %s", (provider) => {
  it("chats without streaming: answer, reasoning_content and usage", async () => {
    const completion = await client(provider).chat.completions.create({ model: "kimi-k2.6", messages: [{ role: "user", content: `Say OK ${fast}` }] });
    const message = completion.choices[0]!.message as KimiMessage;
    expect(message.content).toBeTruthy();
    expect(message.reasoning_content).toBeTruthy();
    expect(completion.usage!.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage!.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
  });

  it("streams with the tutorials' loop and gets usage once with include_usage", async () => {
    const stream = await client(provider).chat.completions.create({
      model: "kimi-k2.6",
      messages: [{ role: "user", content: `Say OK ${fast}` }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = "";
    let reasoning = "";
    const usages: OpenAI.CompletionUsage[] = [];
    for await (const chunk of stream) {
      if (chunk.usage) usages.push(chunk.usage);
      if (chunk.choices.length === 0) continue;
      const delta = chunk.choices[0]!.delta as KimiDelta;
      content += delta.content ?? "";
      reasoning += delta.reasoning_content ?? "";
    }
    expect(content).toBeTruthy();
    expect(reasoning).toBeTruthy();
    expect(usages).toHaveLength(1);
    expect(usages[0]!.completion_tokens).toBeGreaterThan(0);
  });

  it("runs a two-round tool loop written by hand, sending reasoning_content back (no replay needed)", async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: "user", content: `What is the weather in Paris? ${fast}` }];
    const first = await client(provider).chat.completions.create({ model: "kimi-k2.6", messages, tools: [weatherTool] });
    const call = first.choices[0]!.message as KimiMessage;
    expect(first.choices[0]!.finish_reason).toBe("tool_calls");
    const toolCall = call.tool_calls![0]! as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(JSON.parse(toolCall.function.arguments)).toMatchObject({ city: "Paris" });
    messages.push({ role: "assistant", content: call.content, tool_calls: call.tool_calls, reasoning_content: call.reasoning_content } as OpenAI.ChatCompletionAssistantMessageParam);
    messages.push({ role: "tool", tool_call_id: toolCall.id, content: '{"temperature": 18}' });
    const { data: second, response } = await client(provider).chat.completions.create({ model: "kimi-k2.6", messages, tools: [weatherTool] }).withResponse();
    expect(second.choices[0]!.finish_reason).toBe("stop");
    expect(second.choices[0]!.message.content).toBeTruthy();
    expect(response.headers.get("x-workbench-reasoning-replayed")).toBeNull();
  });

  it("runs runTools on kimi-k2.7-code (thinking always on) thanks to the reasoning replay, and says so", async () => {
    const cities: string[] = [];
    const runner = client(provider).chat.completions.runTools({
      model: "kimi-k2.7-code",
      messages: [{ role: "user", content: `What is the weather in Paris? ${fast}` }],
      tools: [
        zodFunction({
          name: "get_weather",
          description: "Current weather in a city",
          parameters: z.object({ city: z.string() }),
          function: ({ city }) => {
            cities.push(city);
            return { city, temperature: 18 };
          },
        }),
      ],
    });
    const answer = await runner.finalContent();
    expect(answer).toBeTruthy();
    expect(cities).toEqual(["Paris"]);
    // runTools sent the tool-call turn back without its reasoning; the gateway put it back on the way up.
    if (provider === "moonshot") {
      const sent = gateway.upstream.requests.at(-1)!.json as { messages: Array<{ role: string; tool_calls?: unknown[]; reasoning_content?: string }> };
      expect(sent.messages.find((message) => message.tool_calls)?.reasoning_content).toBe("I should call get_weather for Paris.");
    }
  });

  it("fails the same runTools loop with the service's message when the replay is turned off", async () => {
    const runner = client(provider, { "x-workbench-reasoning-replay": "off" }).chat.completions.runTools({
      model: "kimi-k2.7-code",
      messages: [{ role: "user", content: `What is the weather in Paris? ${fast}` }],
      tools: [zodFunction({ name: "get_weather", parameters: z.object({ city: z.string() }), function: () => ({ temperature: 18 }) })],
    });
    await expect(runner.finalContent()).rejects.toMatchObject({ status: 400, message: expect.stringContaining("reasoning_content is missing") });
  });

  it("parses structured output with zodResponseFormat (the gateway takes out the $schema Moonshot refuses, and says so)", async () => {
    if (provider === "moonshot") gateway.upstream.reply((request) => moonshotAnswer({ request, events: jsonAnswerEvents({ json: { city: "Paris", temperature: 18 } }) }));
    const Weather = z.object({ city: z.string(), temperature: z.number().int().min(-50).max(60) });
    const format = zodResponseFormat(Weather, "weather");
    expect(format.json_schema.schema).toHaveProperty("$schema");
    const { data: completion, response } = await client(provider)
      .chat.completions.parse({ model: "kimi-k2.6", messages: [{ role: "user", content: `Weather in Paris as JSON ${fast}` }], response_format: format })
      .withResponse();
    const parsed = completion.choices[0]!.message.parsed!;
    expect(Weather.parse(parsed)).toEqual(parsed);
    expect(response.headers.get("x-workbench-adjusted")).toBe("response_format.json_schema.schema.$schema");
    if (provider === "moonshot") {
      const sent = gateway.upstream.requests.at(-1)!.json as { response_format: { json_schema: { schema: Record<string, unknown> } } };
      expect(sent.response_format.json_schema.schema).not.toHaveProperty("$schema");
      expect(sent.response_format.json_schema.schema).toMatchObject({ type: "object", required: ["city", "temperature"] });
    }
  });

  it("raises the service's errors as APIError with status and message", async () => {
    if (provider === "moonshot") {
      gateway.upstream.reply(() => ({ kind: "json", status: 404, body: { error: { message: "Not found the model kimi-nope or Permission denied", type: "resource_not_found_error" } } }));
    }
    const failure = client(provider).chat.completions.create({ model: "kimi-nope", messages: [{ role: "user", content: "hi" }] });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(failure).rejects.toMatchObject({ status: 404, message: expect.stringContaining("Not found the model kimi-nope") });
  });

  it("aborts a stream mid-way with an AbortController, and the gateway stops the upstream", async () => {
    if (provider === "moonshot") gateway.upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "thinking-stream.sse"), delayMs: 30 }));
    const upstreamAborted = provider === "moonshot" ? gateway.upstream.nextClientAbort() : Promise.resolve();
    const controller = new AbortController();
    const stream = await client(provider).chat.completions.create(
      { model: "kimi-k2.6", messages: [{ role: "user", content: "Write a long essay [[sim tokens_per_second=200 first_token_ms=0 answer_tokens=4000]]" }], stream: true },
      { signal: controller.signal },
    );
    let chunks = 0;
    const reading = (async () => {
      for await (const _chunk of stream) {
        chunks += 1;
        if (chunks === 3) controller.abort();
      }
    })();
    // The SDK ends the iteration quietly when its own signal aborts it. Chunks it had already read
    // from the socket in the same packet may still be yielded, so "stopped" means: far from the
    // thousands the answer would have taken, not exactly three.
    await reading;
    expect(chunks).toBeGreaterThanOrEqual(3);
    expect(chunks).toBeLessThan(40);
    await upstreamAborted;
    const request = client(provider).chat.completions.create({ model: "kimi-k2.6", messages: [{ role: "user", content: "hi [[sim first_token_ms=2000]]" }] }, { signal: AbortSignal.timeout(50) });
    await expect(request).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
  });
});
