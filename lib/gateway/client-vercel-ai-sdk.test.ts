import { createMoonshotAI } from "@ai-sdk/moonshotai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { APICallError, generateText, Output, stepCountIs, streamText, tool, type LanguageModel } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jsonAnswerEvents, moonshotAnswer, setUpClientGateway } from "@/testing/client-gateway";
import { readSseFixture } from "@/testing/fixture-upstream";

// The Vercel AI SDK with both of the providers its docs offer for Kimi, configured as their READMEs
// show, against the gateway: the simulator, and the moonshot provider in front of an upstream
// answering with recorded Moonshot streams.
const gateway = setUpClientGateway();
const fast = "[[sim tokens_per_second=100000 first_token_ms=0]]";

type Provider = "simulator" | "moonshot";
const clients: Record<string, (provider: Provider, modelId: string) => LanguageModel> = {
  "@ai-sdk/moonshotai": (provider, modelId) => createMoonshotAI({ baseURL: gateway.baseUrl(provider), apiKey: "unused-locally" })(modelId),
  "@ai-sdk/openai-compatible": (provider, modelId) =>
    createOpenAICompatible({ name: "kimi", baseURL: gateway.baseUrl(provider), apiKey: "unused-locally", includeUsage: true, supportsStructuredOutputs: true }).chatModel(modelId),
};

const cases = Object.keys(clients).flatMap((client) => (["simulator", "moonshot"] as const).map((provider) => [client, provider] as const));

const weather = tool({
  description: "Current weather in a city",
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temperature: 18 }),
});

describe.each(cases)("%s on %s", (client, provider) => {
  const model = (modelId = "kimi-k2.6") => clients[client]!(provider, modelId);

  it("generates text with reasoning and usage", async () => {
    const result = await generateText({ model: model(), prompt: `Say OK ${fast}`, maxRetries: 0 });
    expect(result.text).toBeTruthy();
    expect(result.reasoningText).toBeTruthy();
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.finishReason).toBe("stop");
  });

  it("streams text and reasoning, with usage at the end", async () => {
    const result = streamText({ model: model(), prompt: `Say OK ${fast}`, maxRetries: 0 });
    let text = "";
    let reasoning = "";
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") text += part.text;
      if (part.type === "reasoning-delta") reasoning += part.text;
      if (part.type === "error") throw part.error;
    }
    expect(text).toBeTruthy();
    expect(reasoning).toBeTruthy();
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
  });

  it("runs a two-step tool loop (it sends reasoning_content back itself: nothing replayed)", async () => {
    const result = await generateText({ model: model("kimi-k2.7-code"), prompt: `What is the weather in Paris? ${fast}`, tools: { get_weather: weather }, stopWhen: stepCountIs(3), maxRetries: 0 });
    expect(result.steps.map((step) => step.finishReason)).toEqual(["tool-calls", "stop"]);
    expect(result.steps[0]!.toolResults[0]).toMatchObject({ toolName: "get_weather", output: { city: "Paris", temperature: 18 } });
    expect(result.text).toBeTruthy();
    const replayed = result.steps.map((step) => step.response.headers?.["x-workbench-reasoning-replayed"]);
    expect(replayed).toEqual([undefined, undefined]);
  });

  it("keeps calling tools step after step while toolChoice is required (K3 takes it with thinking on)", async () => {
    // On Moonshot's side this is the service's behaviour; the recorded stream always calls get_weather.
    if (provider === "moonshot") gateway.upstream.reply((request) => moonshotAnswer({ request, events: readSseFixture("moonshot", "tool-calls-stream.sse") }));
    const result = await generateText({
      model: model("kimi-k3"),
      prompt: `What is the weather in Paris? ${fast}`,
      tools: { get_weather: weather },
      toolChoice: "required",
      stopWhen: stepCountIs(2),
      maxRetries: 0,
    });
    expect(result.steps.map((step) => step.toolCalls.map((call) => call.toolName))).toEqual([["get_weather"], ["get_weather"]]);
  });

  it("generates a structured object that matches the schema", async () => {
    if (provider === "moonshot") gateway.upstream.reply((request) => moonshotAnswer({ request, events: jsonAnswerEvents({ json: { city: "Paris", temperature: 18 } }) }));
    const schema = z.object({ city: z.string(), temperature: z.number().int().min(-50).max(60) });
    const result = await generateText({ model: model(), prompt: `Weather in Paris as JSON ${fast}`, output: Output.object({ schema }), maxRetries: 0 });
    expect(schema.parse(result.output)).toEqual(result.output);
  });

  it("raises the service's errors as APICallError with status and message", async () => {
    if (provider === "moonshot") {
      gateway.upstream.reply(() => ({ kind: "json", status: 404, body: { error: { message: "Not found the model kimi-nope or Permission denied", type: "resource_not_found_error" } } }));
    }
    const failure = generateText({ model: model("kimi-nope"), prompt: "hi", maxRetries: 0 });
    await expect(failure).rejects.toSatisfy((error) => APICallError.isInstance(error) && error.statusCode === 404 && error.message.includes("Not found the model kimi-nope"));
  });

  it("aborts a stream with abortSignal, and the gateway stops the upstream", async () => {
    if (provider === "moonshot") gateway.upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "thinking-stream.sse"), delayMs: 30 }));
    const upstreamAborted = provider === "moonshot" ? gateway.upstream.nextClientAbort() : Promise.resolve();
    const controller = new AbortController();
    let aborted = false;
    const result = streamText({
      model: model(),
      prompt: "Write a long essay [[sim tokens_per_second=200 first_token_ms=0 answer_tokens=4000]]",
      abortSignal: controller.signal,
      maxRetries: 0,
      onAbort: () => {
        aborted = true;
      },
    });
    let deltas = 0;
    for await (const part of result.fullStream) {
      if (part.type === "reasoning-delta" || part.type === "text-delta") deltas += 1;
      if (deltas === 3) controller.abort();
    }
    expect(aborted).toBe(true);
    expect(deltas).toBeLessThan(6);
    await upstreamAborted;
  });
});
