import { type AIMessageChunk, HumanMessage, ToolMessage, type AIMessage, type BaseMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { ChatOpenAI } from "@langchain/openai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jsonAnswerEvents, moonshotAnswer, setUpClientGateway } from "@/testing/client-gateway";
import { readSseFixture } from "@/testing/fixture-upstream";

// LangChain's ChatOpenAI, configured as its docs show for OpenAI-compatible services, against the
// gateway: the simulator, and the moonshot provider in front of an upstream answering with
// recorded Moonshot streams. It never sends reasoning_content back, so its tool loop on a thinking
// model relies on the gateway's reasoning replay.
const gateway = setUpClientGateway();
const fast = "[[sim tokens_per_second=100000 first_token_ms=0]]";

// Not `streaming: true` with invoke(): LangChain then estimates token counts with tiktoken ranks it
// downloads from a CDN, which never answers offline (the gateway is not involved); stream() is used.
const chat = (provider: "simulator" | "moonshot", options: { model?: string; headers?: Record<string, string> } = {}) =>
  new ChatOpenAI({
    model: options.model ?? "kimi-k2.6",
    apiKey: "unused-locally",
    maxRetries: 0,
    configuration: { baseURL: gateway.baseUrl(provider), defaultHeaders: options.headers },
  });

const weather = tool(async ({ city }) => JSON.stringify({ city, temperature: 18 }), {
  name: "get_weather",
  description: "Current weather in a city",
  schema: z.object({ city: z.string() }),
});

/**
 * The loop from LangChain's tool-calling guide: invoke, run each call, send the results, invoke
 * again; streamed, each answer is the concatenation of its chunks (as the streaming guide does it).
 */
async function runToolLoop(model: ReturnType<typeof chat>, { stream = false } = {}): Promise<{ first: AIMessage; final: AIMessage }> {
  const withTools = model.bindTools([weather]);
  const ask = async (messages: BaseMessage[]): Promise<AIMessage> => {
    if (!stream) return withTools.invoke(messages);
    let merged: AIMessageChunk | undefined;
    for await (const chunk of await withTools.stream(messages)) merged = merged ? merged.concat(chunk) : chunk;
    return merged!;
  };
  const messages: BaseMessage[] = [new HumanMessage(`What is the weather in Paris? ${fast}`)];
  const first = await ask(messages);
  messages.push(first);
  for (const call of first.tool_calls ?? []) messages.push(new ToolMessage({ tool_call_id: call.id!, content: await weather.invoke(call.args as { city: string }) }));
  return { first, final: await ask(messages) };
}

describe.each(["simulator", "moonshot"] as const)("LangChain ChatOpenAI on %s", (provider) => {
  it("invokes: answer, reasoning_content in additional_kwargs, usage_metadata", async () => {
    const answer = await chat(provider).invoke(`Say OK ${fast}`);
    expect(answer.content).toBeTruthy();
    expect(answer.additional_kwargs.reasoning_content).toBeTruthy();
    expect(answer.usage_metadata?.input_tokens).toBeGreaterThan(0);
    expect(answer.usage_metadata?.output_tokens).toBeGreaterThan(0);
  });

  it("streams answer and reasoning, with usage once at the end", async () => {
    let merged: AIMessageChunk | undefined;
    let usageChunks = 0;
    for await (const chunk of await chat(provider).stream(`Say OK ${fast}`)) {
      if (chunk.usage_metadata) usageChunks += 1;
      merged = merged ? merged.concat(chunk) : chunk;
    }
    expect(merged!.content).toBeTruthy();
    expect(merged!.additional_kwargs.reasoning_content).toBeTruthy();
    expect(usageChunks).toBe(1);
    expect(merged!.usage_metadata?.output_tokens).toBeGreaterThan(0);
  });

  it("runs the two-round tool loop on kimi-k2.7-code: the gateway replays the reasoning LangChain drops", async () => {
    const { first, final } = await runToolLoop(chat(provider, { model: "kimi-k2.7-code" }));
    expect(first.tool_calls?.[0]).toMatchObject({ name: "get_weather", args: { city: "Paris" } });
    expect(final.content).toBeTruthy();
    if (provider === "moonshot") {
      const [firstSent, secondSent] = gateway.upstream.requests.map((request) => request.json as { messages: Array<{ role: string; tool_calls?: unknown[]; reasoning_content?: string }> });
      expect(firstSent!.messages).toHaveLength(1);
      expect(secondSent!.messages.find((message) => message.tool_calls)?.reasoning_content).toBe("I should call get_weather for Paris.");
    }
  });

  it("gets the service's refusal for that loop when the replay is off", async () => {
    await expect(runToolLoop(chat(provider, { model: "kimi-k2.7-code", headers: { "x-workbench-reasoning-replay": "off" } }))).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("reasoning_content is missing"),
    });
  });

  it("runs the same loop streaming", async () => {
    const { first, final } = await runToolLoop(chat(provider, { model: "kimi-k2.7-code" }), { stream: true });
    expect(first.tool_calls?.[0]?.name).toBe("get_weather");
    expect(final.content).toBeTruthy();
  });

  it("returns structured output with withStructuredOutput", async () => {
    if (provider === "moonshot") gateway.upstream.reply((request) => moonshotAnswer({ request, events: jsonAnswerEvents({ json: { city: "Paris", temperature: 18 } }) }));
    const schema = z.object({ city: z.string(), temperature: z.number().int().min(-50).max(60) });
    const result = await chat(provider).withStructuredOutput(schema, { name: "weather" }).invoke(`Weather in Paris as JSON ${fast}`);
    expect(schema.parse(result)).toEqual(result);
  });

  it("raises the service's errors with status and message", async () => {
    if (provider === "moonshot") {
      gateway.upstream.reply(() => ({ kind: "json", status: 404, body: { error: { message: "Not found the model kimi-nope or Permission denied", type: "resource_not_found_error" } } }));
    }
    await expect(chat(provider, { model: "kimi-nope" }).invoke("hi")).rejects.toMatchObject({ status: 404, message: expect.stringContaining("Not found the model kimi-nope") });
  });

  it("aborts with a signal, and the gateway stops the upstream", async () => {
    if (provider === "moonshot") gateway.upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "thinking-stream.sse"), delayMs: 30 }));
    const upstreamAborted = provider === "moonshot" ? gateway.upstream.nextClientAbort() : Promise.resolve();
    const controller = new AbortController();
    let chunks = 0;
    const reading = (async () => {
      for await (const _chunk of await chat(provider).stream("Write a long essay [[sim tokens_per_second=200 first_token_ms=0 answer_tokens=4000]]", { signal: controller.signal })) {
        chunks += 1;
        if (chunks === 3) controller.abort();
      }
    })();
    await expect(reading).rejects.toThrow(/abort/i);
    // Stopped at the abort: chunks already read in the same packet may still arrive, not the thousands left.
    expect(chunks).toBeGreaterThanOrEqual(3);
    expect(chunks).toBeLessThan(40);
    await upstreamAborted;
  });
});
