import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCatalogModels } from "@/lib/catalog/model-catalog";
import type { ChatRequest } from "@/lib/wire/chat-request";
import { serveWebHandler, type RunningServer } from "@/lib/http/serve-web-handler";
import { assembleAnswer, parseSsePayloads, streamThroughGateway } from "@/testing/gateway-helpers";
import { pngDataUrl } from "@/testing/png-header";
import { loadTextTokenizer } from "@/lib/tokens/text-tokenizer";
import { createMoonshotAdapter } from "../moonshot/moonshot-adapter";
import { createSimulatorHandler } from "./simulator-handler";

let simulator: RunningServer;
const fast = "[[sim tokens_per_second=100000 first_token_ms=0]]";

beforeAll(async () => {
  simulator = await serveWebHandler({ handler: createSimulatorHandler({ pace: { tokensPerSecond: 100_000, firstTokenMs: 0 } }) });
});
afterAll(() => simulator.close());

async function post(body: unknown, path = "/v1/chat/completions"): Promise<{ status: number; json: { error?: { type: string; message: string } } & Record<string, unknown> }> {
  const response = await fetch(`${simulator.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as { error?: { type: string; message: string } } };
}

const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({ model: "kimi-k2.6", messages: [{ role: "user", content }], ...extra });
const moonshot = () => createMoonshotAdapter({ baseUrl: `${simulator.url}/v1`, idleTimeoutMs: 5_000 });

describe("simulator rules (Moonshot-shaped errors)", () => {
  it("answers an unknown model with 404 resource_not_found_error", async () => {
    expect(await post(ask("hi", { model: "kimi-nope" }))).toEqual({
      status: 404,
      json: { error: { message: "Not found the model kimi-nope or Permission denied", type: "resource_not_found_error" } },
    });
  });

  it("refuses to disable thinking on an always-thinking model, in the recorded wording", async () => {
    const result = await post(ask("hi", { model: "kimi-k2.7-code", thinking: { type: "disabled" } }));
    expect(result).toEqual({ status: 400, json: { error: { message: "invalid thinking: only type=enabled is allowed for this model", type: "invalid_request_error" } } });
  });

  it("enforces the pinned sampling values per thinking mode", async () => {
    expect((await post(ask("hi", { temperature: 0.7 }))).json.error).toEqual({
      type: "invalid_request_error",
      message: "invalid temperature: only 1 is allowed for this model",
    });
    expect((await post(ask("hi", { thinking: { type: "disabled" }, temperature: 1 }))).json.error?.message).toBe(
      "invalid temperature: only 0.6 is allowed for this model",
    );
    expect((await post(ask(`hi ${fast}`, { thinking: { type: "disabled" }, temperature: 0.6, top_p: 0.95, n: 1 }))).status).toBe(200);
    expect((await post(ask("hi", { top_p: 0.9 }))).json.error?.message).toBe("invalid top_p: only 0.95 is allowed for this model");
    expect((await post(ask("hi", { model: "kimi-k2.7-code", presence_penalty: 0.5 }))).json.error?.message).toBe("invalid presence_penalty: only 0 is allowed for this model");
  });

  it("lets models without pins use any temperature in range", async () => {
    expect((await post(ask(`hi ${fast}`, { model: "kimi-k2", temperature: 0.3 }))).status).toBe(200);
    expect((await post(ask("hi", { model: "kimi-k2", temperature: 1.5 }))).json.error?.message).toBe(
      "Invalid request: temperature must be at least 0 and at most 1, got 1.5",
    );
  });

  it("allows only auto/none tool_choice while thinking", async () => {
    const tools = [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }];
    expect((await post(ask("weather?", { tools, tool_choice: "required" }))).json.error).toEqual({
      type: "invalid_request_error",
      message: "tool_choice 'required' is incompatible with thinking enabled",
    });
    expect((await post(ask(`weather? ${fast}`, { tools, tool_choice: "required", thinking: { type: "disabled" } }))).status).toBe(200);
  });

  it("rejects an assistant tool-call message sent back without reasoning_content while thinking", async () => {
    const messages: ChatRequest["messages"] = [
      { role: "user", content: "weather in Paris?" },
      { role: "assistant", content: "", tool_calls: [{ id: "get_weather_0", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
      { role: "tool", tool_call_id: "get_weather_0", content: '{"temp":21}' },
    ];
    const tools = [{ type: "function", function: { name: "get_weather", parameters: { type: "object" } } }];
    expect((await post({ model: "kimi-k2.6", messages, tools })).json.error).toEqual({
      type: "invalid_request_error",
      message: "thinking is enabled but reasoning_content is missing in assistant tool call message",
    });
    const withReasoning = messages.map((message) => (message.role === "assistant" ? { ...message, reasoning_content: "Call get_weather." } : message));
    expect((await post({ model: "kimi-k2.6", messages: [...withReasoning.slice(0, 2), { ...withReasoning[2]!, content: `{"temp":21} ${fast}` }], tools })).status).toBe(200);
  });

  it("accepts thinking.keep only on models with preserved thinking", async () => {
    expect((await post(ask("hi", { model: "kimi-k2.5", thinking: { type: "enabled", keep: "all" } }))).json.error?.message).toBe(
      "invalid thinking: keep is not supported for this model",
    );
    expect((await post(ask(`hi ${fast}`, { thinking: { type: "enabled", keep: "all" } }))).status).toBe(200);
  });

  it("checks stop sequences, function names, and $web_search with thinking", async () => {
    expect((await post(ask("hi", { stop: ["a", "b", "c", "d", "e", "f"] }))).json.error?.message).toMatch(/at most 5 sequences/);
    expect((await post(ask("hi", { stop: ["x".repeat(33)] }))).json.error?.message).toMatch(/at most 32 bytes/);
    expect((await post(ask("hi", { tools: [{ type: "function", function: { name: "1bad name" } }] }))).json.error?.message).toMatch(/must match/);
    expect((await post(ask("hi", { tools: [{ type: "builtin_function", function: { name: "$web_search" } }] }))).json.error?.message).toMatch(
      /thinking must be disabled when using the \$web_search/,
    );
  });

  it("checks the context window against prompt + max_tokens", async () => {
    expect((await post(ask("hi", { model: "moonshot-v1-8k", max_tokens: 8190 }))).json.error).toEqual({
      type: "invalid_request_error",
      message: "Your request exceeded model token limit : 8192",
    });
  });

  it("refuses image URLs Moonshot refuses and images on text-only models", async () => {
    const withImage = (url: string, model = "kimi-k2.6") => ({
      model,
      messages: [{ role: "user", content: [{ type: "image_url", image_url: { url } }, { type: "text", text: "what is this?" }] }],
    });
    expect((await post(withImage("https://example.com/cat.png"))).json.error?.message).toMatch(/http\(s\) URLs are not supported/);
    expect((await post(withImage("data:text/plain;base64,aGVsbG8gd29ybGQgdGhpcyBpcyB0ZXh0IG5vdCBhbiBpbWFnZQ=="))).json.error?.message).toBe(
      "Invalid request: unsupported image format: text/plain",
    );
    expect((await post(withImage(pngDataUrl({ width: 64, height: 64 }), "moonshot-v1-8k"))).json.error?.message).toBe(
      "Invalid request: model moonshot-v1-8k does not support image input",
    );
    expect((await post(withImage(pngDataUrl({ width: 8, height: 64 })))).json.error?.message).toMatch(/larger than 10 px/);
  });

  it("explains a bad [[sim ...]] directive", async () => {
    expect((await post(ask("hi [[sim speed=9]]"))).json.error?.message).toMatch(/Invalid simulator directive "speed"; known directives:/);
  });
});

describe("simulator answers", () => {
  it("is deterministic for the same input", async () => {
    const first = await streamThroughGateway({ adapter: moonshot(), request: ask(`Explain closures in JavaScript ${fast}`) });
    const second = await streamThroughGateway({ adapter: moonshot(), request: ask(`Explain closures in JavaScript ${fast}`) });
    if (!first.ok || !second.ok) throw new Error("simulator failed");
    const a = assembleAnswer(first.events);
    const b = assembleAnswer(second.events);
    expect(a.reasoning.length).toBeGreaterThan(0);
    expect(a.content.length).toBeGreaterThan(0);
    expect(b.reasoning).toBe(a.reasoning);
    expect(b.content).toBe(a.content);
  });

  it("streams reasoning first when thinking is on, and none when it is off", async () => {
    const on = await streamThroughGateway({ adapter: moonshot(), request: ask(`Sort a list ${fast}`) });
    const off = await streamThroughGateway({ adapter: moonshot(), request: ask(`Sort a list ${fast}`, { thinking: { type: "disabled" } }) });
    if (!on.ok || !off.ok) throw new Error("simulator failed");
    const deltas = assembleAnswer(on.events).chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta));
    const firstContent = deltas.findIndex((delta) => delta.content);
    const lastReasoning = deltas.map((delta) => Boolean(delta.reasoning_content)).lastIndexOf(true);
    expect(lastReasoning).toBeGreaterThan(-1);
    expect(lastReasoning).toBeLessThan(firstContent);
    expect(assembleAnswer(off.events).reasoning).toBe("");
    expect(assembleAnswer(off.events).usage[0]!.completion_tokens_details).toBeUndefined();
  });

  it("reports usage that matches what it streamed, including reasoning_tokens", async () => {
    const result = await streamThroughGateway({ adapter: moonshot(), request: ask(`Tell me about Rust [[sim answer_tokens=37 reasoning_tokens=23 tokens_per_second=100000 first_token_ms=0]]`) });
    if (!result.ok) throw new Error("simulator failed");
    const answer = assembleAnswer(result.events);
    const tokenizer = await loadTextTokenizer();
    const usage = answer.usage[0]!;
    expect(usage.completion_tokens_details?.reasoning_tokens).toBe(23);
    expect(usage.completion_tokens).toBe(60);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + 60);
    const contentDeltas = answer.chunks.flatMap((chunk) => chunk.choices.filter((choice) => choice.delta.content).map((choice) => choice.delta.content));
    expect(contentDeltas).toHaveLength(37);
    expect(tokenizer.count(answer.content)).toBeLessThanOrEqual(38);
  });

  it("reports cached_tokens for a repeated prefix", async () => {
    const base = `A question about caching number ${Math.random()} ${fast}`;
    const first = await post(ask(base));
    const again = await post(ask(base));
    const firstUsage = first.json.usage as { prompt_tokens: number; cached_tokens: number };
    const againUsage = again.json.usage as { prompt_tokens: number; cached_tokens: number };
    expect(firstUsage.cached_tokens).toBe(0);
    expect(againUsage.cached_tokens).toBe(againUsage.prompt_tokens - 3);
    const answer = (first.json.choices as Array<{ message: { content: string; reasoning_content: string } }>)[0]!.message;
    const followUp = await post({
      model: "kimi-k2.6",
      messages: [
        { role: "user", content: base },
        { role: "assistant", content: answer.content },
        { role: "user", content: `And more? ${fast}` },
      ],
    });
    const followUsage = followUp.json.usage as { prompt_tokens: number; cached_tokens: number };
    expect(followUsage.cached_tokens).toBe(firstUsage.prompt_tokens - 3);
    expect(followUsage.cached_tokens).toBeLessThan(followUsage.prompt_tokens);
  });

  it("stops at max_tokens with finish_reason length (reasoning counts against it)", async () => {
    const result = await streamThroughGateway({ adapter: moonshot(), request: ask(`Long answer please ${fast}`, { max_tokens: 12 }) });
    if (!result.ok) throw new Error("simulator failed");
    const answer = assembleAnswer(result.events);
    expect(answer.finishReason).toBe("length");
    expect(answer.usage[0]!.completion_tokens).toBe(12);
  });

  it("cuts the answer before a stop sequence", async () => {
    const full = await post(ask(`Explain testing ${fast}`, { thinking: { type: "disabled" } }));
    const content = (full.json.choices as Array<{ message: { content: string } }>)[0]!.message.content;
    const stopAt = content.indexOf("Overview");
    expect(stopAt).toBeGreaterThan(0);
    const stopped = await post(ask(`Explain testing ${fast}`, { thinking: { type: "disabled" }, stop: ["Overview"] }));
    const choice = (stopped.json.choices as Array<{ message: { content: string }; finish_reason: string }>)[0]!;
    expect(choice.message.content).toBe(content.slice(0, stopAt));
    expect(choice.finish_reason).toBe("stop");
  });

  it("calls a tool with schema-shaped arguments, then answers from the tool result", async () => {
    const tools = [
      {
        type: "function",
        function: {
          name: "get_weather",
          description: "Weather for a city",
          parameters: { type: "object", properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } }, required: ["city", "unit"] },
        },
      },
    ];
    const first = await streamThroughGateway({ adapter: moonshot(), request: ask(`What is the weather in Paris? ${fast}`, { tools }) });
    if (!first.ok) throw new Error("simulator failed");
    const call = assembleAnswer(first.events);
    expect(call.finishReason).toBe("tool_calls");
    expect(call.toolCalls).toHaveLength(1);
    const args = JSON.parse(call.toolCalls[0]!.arguments) as { city: string; unit: string };
    expect(args.city).toBe("Paris");
    expect(["celsius", "fahrenheit"]).toContain(args.unit);
    const second = await streamThroughGateway({
      adapter: moonshot(),
      request: {
        model: "kimi-k2.6",
        tools,
        messages: [
          { role: "user", content: "What is the weather in Paris?" },
          {
            role: "assistant",
            content: "",
            reasoning_content: call.reasoning,
            tool_calls: [{ id: call.toolCalls[0]!.id!, type: "function", function: { name: "get_weather", arguments: call.toolCalls[0]!.arguments } }],
          },
          { role: "tool", tool_call_id: call.toolCalls[0]!.id!, name: "get_weather", content: `{"temperature": 21} ${fast}` },
        ],
      },
    });
    if (!second.ok) throw new Error("simulator failed");
    const final = assembleAnswer(second.events);
    expect(final.finishReason).toBe("stop");
    expect(final.content).toContain('"temperature": 21');
  });

  it("answers with JSON for response_format json_object and json_schema", async () => {
    const object = await post(ask(`List facts about Go ${fast}`, { response_format: { type: "json_object" } }));
    expect(() => JSON.parse((object.json.choices as Array<{ message: { content: string } }>)[0]!.message.content)).not.toThrow();
    const schema = { type: "object", properties: { name: { type: "string" }, year: { type: "integer", minimum: 2000, maximum: 2030 } }, required: ["name", "year"] };
    const shaped = await post(ask(`Describe Go ${fast}`, { response_format: { type: "json_schema", json_schema: { name: "lang", schema } } }));
    const value = JSON.parse((shaped.json.choices as Array<{ message: { content: string } }>)[0]!.message.content) as { name: string; year: number };
    expect(typeof value.name).toBe("string");
    expect(Number.isInteger(value.year) && value.year >= 2000 && value.year <= 2030).toBe(true);
  });

  it("returns n choices where n is free", async () => {
    const result = await post(ask(`Name a color ${fast}`, { model: "moonshot-v1-8k", n: 2 }));
    expect((result.json.choices as unknown[]).length).toBe(2);
  });

  it("puts usage in the finishing choice, and adds a choices:[] chunk only with include_usage", async () => {
    const stream = async (includeUsage: boolean) => {
      const response = await fetch(`${simulator.url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...ask(`hi [[sim answer_tokens=3 reasoning_tokens=2 tokens_per_second=100000 first_token_ms=0]]`), stream: true, ...(includeUsage ? { stream_options: { include_usage: true } } : {}) }),
      });
      return parseSsePayloads(await response.text());
    };
    const without = await stream(false);
    expect(without[without.length - 1]).toBe("[DONE]");
    const finishing = JSON.parse(without[without.length - 2]!) as { choices: Array<{ finish_reason: string; usage: unknown }> };
    expect(finishing.choices[0]!.finish_reason).toBe("stop");
    expect(finishing.choices[0]!.usage).toBeDefined();
    const withUsage = await stream(true);
    const extra = JSON.parse(withUsage[withUsage.length - 2]!) as { choices: unknown[]; usage: unknown };
    const finishingToo = JSON.parse(withUsage[withUsage.length - 3]!) as { choices: Array<{ usage: unknown }> };
    expect(extra.choices).toEqual([]);
    // The same numbers twice, as Moonshot does; the gateway keeps one.
    expect(extra.usage).toEqual(finishingToo.choices[0]!.usage);
    expect(withUsage).toHaveLength(without.length + 1);
  });

  it("bills an image by the MoonViT rule and agrees with its own token estimate", async () => {
    const text = { type: "text", text: "Describe the picture" };
    const image = { type: "image_url", image_url: { url: pngDataUrl({ width: 1920, height: 1080 }) } };
    const withImage = { model: "kimi-k2.6", messages: [{ role: "user", content: [image, text] }] };
    const without = { model: "kimi-k2.6", messages: [{ role: "user", content: [text] }] };
    const estimateWith = await post(withImage, "/v1/tokenizers/estimate-token-count");
    const estimateWithout = await post(without, "/v1/tokenizers/estimate-token-count");
    const withTotal = (estimateWith.json.data as { total_tokens: number }).total_tokens;
    expect(withTotal - (estimateWithout.json.data as { total_tokens: number }).total_tokens).toBe(2691 + 4);
    const answered = await post({ ...withImage, messages: [{ role: "user", content: [image, { type: "text", text: `Describe the picture ${fast}` }] }] });
    const estimateSame = await post({ ...withImage, messages: [{ role: "user", content: [image, { type: "text", text: `Describe the picture ${fast}` }] }] }, "/v1/tokenizers/estimate-token-count");
    expect((answered.json.usage as { prompt_tokens: number }).prompt_tokens).toBe((estimateSame.json.data as { total_tokens: number }).total_tokens);
  });

  it("bills a video file per chunk of four frames sampled at fps, and agrees with its estimate", async () => {
    // A 3 s 320×240 clip: 6 frames at 2 fps (2 chunks), 30 frames at 10 fps (8 chunks).
    const clip = `data:video/mp4;base64,${readFileSync(join(__dirname, "../../media/__fixtures__/clip-3s-320x240.mp4")).toString("base64")}`;
    const video = (fps?: number, extra: Record<string, unknown> = {}) => ({
      model: "kimi-k2.6",
      messages: [{ role: "user", content: [{ type: "video_url", video_url: { url: clip }, ...(fps === undefined ? {} : { fps }), ...extra }, { type: "text", text: `What happens? ${fast}` }] }],
    });
    const count = async (body: unknown) => ((await post(body, "/v1/tokenizers/estimate-token-count")).json.data as { total_tokens: number }).total_tokens;
    const chunk = 12 * 9 + 4 + 6; // 320×240 → 12×9 merged patches, plus markers and a timestamp
    expect((await count(video(10))) - (await count(video()))).toBe(6 * chunk);
    expect(await count(video(2))).toBe(await count(video()));
    // Moonshot takes no max_frames: it changes nothing.
    expect(await count(video(10, { max_frames: 4 }))).toBe(await count(video(10)));
    const answered = await post(video(10));
    expect((answered.json.usage as { prompt_tokens: number }).prompt_tokens).toBe(await count(video(10)));
    expect((await post(video(12))).json.error?.message).toBe("Invalid request: fps must be between 0.1 and 10, got 12");
  });

  it("bills a frame list by its first frame per chunk, and needs 4 to 2000 frames", async () => {
    const frame = pngDataUrl({ width: 320, height: 240 });
    const frames = (count: number) => ({
      model: "kimi-k2.6",
      messages: [{ role: "user", content: [{ type: "video", video: Array.from({ length: count }, () => frame), fps: 2 }, { type: "text", text: "hi" }] }],
    });
    const count = async (body: unknown) => ((await post(body, "/v1/tokenizers/estimate-token-count")).json.data as { total_tokens: number }).total_tokens;
    expect((await count(frames(8))) - (await count(frames(4)))).toBe(12 * 9 + 4 + 6);
    expect((await post(frames(3))).json.error?.message).toBe("Invalid request: a video sent as frames needs 4 to 2000 images, got 3");
  });

  it("refuses a video shorter than 2 s and a file it cannot read", async () => {
    const asVideo = (url: string) => ({ model: "kimi-k2.6", messages: [{ role: "user", content: [{ type: "video_url", video_url: { url } }, { type: "text", text: "hi" }] }] });
    const short = Buffer.from(readFileSync(join(__dirname, "../../media/__fixtures__/clip-3s-320x240.mp4")));
    // Rewrite the movie header's duration (mvhd, version 0) to 1 s.
    const mvhd = short.indexOf("mvhd");
    short.writeUInt32BE(short.readUInt32BE(mvhd + 16), mvhd + 20);
    expect((await post(asVideo(`data:video/mp4;base64,${short.toString("base64")}`))).json.error?.message).toBe(
      "Invalid request: video duration 1.0s is out of range, it must be between 2s and 1h",
    );
    expect((await post(asVideo("data:video/x-msvideo;base64,UklGRgAAAABBVkkgTElTVA=="))).json.error?.message).toMatch(/^Invalid request: unsupported video format: video\/x-msvideo/);
  });

  it("stores uploads, lists, extracts and deletes them, and serves ms:// media from them", async () => {
    const upload = async (name: string, type: string, bytes: Uint8Array<ArrayBuffer>, purpose: string) => {
      const form = new FormData();
      form.set("purpose", purpose);
      form.set("file", new File([bytes], name, { type }));
      const response = await fetch(`${simulator.url}/v1/files`, { method: "POST", body: form });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> & { error?: { message: string } } };
    };
    const notes = await upload("notes.md", "text/markdown", new TextEncoder().encode("# Plan\nShip on Friday."), "file-extract");
    expect(notes).toMatchObject({ status: 200, json: { object: "file", filename: "notes.md", purpose: "file-extract", status: "ok", bytes: 22 } });
    const id = notes.json.id as string;
    const content = await fetch(`${simulator.url}/v1/files/${id}/content`);
    expect(JSON.parse(await content.text())).toEqual({ content: "# Plan\nShip on Friday.", file_type: "text/markdown", filename: "notes.md", title: "", type: "file" });
    const listed = (await (await fetch(`${simulator.url}/v1/files`)).json()) as { data: Array<{ id: string }> };
    expect(listed.data.map((file) => file.id)).toContain(id);

    const picture = await upload("pic.png", "image/png", new Uint8Array(Buffer.from(pngDataUrl({ width: 1920, height: 1080 }).split(",")[1]!, "base64")), "image");
    const withUpload = { model: "kimi-k2.6", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: `ms://${picture.json.id as string}` } }, { type: "text", text: "hi" }] }] };
    const withInline = { model: "kimi-k2.6", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: pngDataUrl({ width: 1920, height: 1080 }) } }, { type: "text", text: "hi" }] }] };
    expect((await post(withUpload, "/v1/tokenizers/estimate-token-count")).json.data).toEqual((await post(withInline, "/v1/tokenizers/estimate-token-count")).json.data);

    expect((await upload("x.txt", "text/plain", new TextEncoder().encode("x"), "batch")).json.error?.message).toBe("Invalid purpose: batch; use one of file-extract, image, video");
    expect((await upload("empty.txt", "text/plain", new Uint8Array(0), "file-extract")).json.error?.message).toBe("File size is zero, please confirm and re-upload the file");

    const deleted = await fetch(`${simulator.url}/v1/files/${id}`, { method: "DELETE" });
    expect(await deleted.json()).toEqual({ id, object: "file", deleted: true });
    expect((await fetch(`${simulator.url}/v1/files/${id}`)).status).toBe(404);
    expect((await post({ ...withUpload, messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: `ms://${id}` } }] }] })).json.error).toEqual({
      type: "resource_not_found_error",
      message: `Not found the file ${id} or Permission denied`,
    });
  });

  it("lists exactly the catalog's current Moonshot models with their capabilities, and refuses retired ones", async () => {
    const response = await fetch(`${simulator.url}/v1/models`);
    const body = (await response.json()) as { data: Array<{ id: string; context_length: number; supports_image_in: boolean }> };
    expect(body.data.map((model) => model.id)).toEqual(listCatalogModels("moonshot").filter((model) => !model.retired).map((model) => model.id));
    expect((await post(ask("hi", { model: "kimi-k2-thinking" }))).json.error).toEqual({ type: "resource_not_found_error", message: "Not found the model kimi-k2-thinking or Permission denied" });
    expect(body.data.find((model) => model.id === "kimi-k2.6")).toMatchObject({ context_length: 262144, supports_image_in: true });
  });
});

describe("the simulator follows K3's rules", () => {
  it("answers with reasoning whose length follows reasoning_effort (default max)", async () => {
    const lengths: Record<string, number> = {};
    for (const effort of ["low", "high", "max", undefined]) {
      const { json } = await post({ ...ask(`Plan a trip ${fast}`, { model: "kimi-k3", ...(effort ? { reasoning_effort: effort } : {}) }), stream: false });
      lengths[effort ?? "default"] = (json as { usage: { completion_tokens_details: { reasoning_tokens: number } } }).usage.completion_tokens_details.reasoning_tokens;
    }
    expect(lengths.low).toBeLessThanOrEqual(60);
    expect(lengths.max).toBeGreaterThanOrEqual(150);
    expect(lengths.default).toBe(lengths.max);
  });

  it("refuses a thinking field, and any temperature but 1, in the service's words; takes tool_choice required", async () => {
    expect((await post(ask("hi", { model: "kimi-k3", thinking: { type: "enabled" }, reasoning_effort: "high" }))).json.error?.message).toBe("invalid request: thinking is not supported for this model, use reasoning_effort");
    expect((await post(ask("hi", { model: "kimi-k3", temperature: 0.6 }))).json.error?.message).toBe("invalid temperature: only 1 is allowed for this model");
    const tools = [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }];
    const { json } = await post({ ...ask(`weather? ${fast}`, { model: "kimi-k3", tools, tool_choice: "required" }), stream: false });
    expect((json as { choices: Array<{ finish_reason: string }> }).choices[0]!.finish_reason).toBe("tool_calls");
  });
});

describe("the simulator in tool loops and structured output", () => {
  type Completion = { choices: Array<{ finish_reason: string; message: { content: string | null; reasoning_content?: string; tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }> } }> };
  const tools = [
    { type: "function", function: { name: "search_flights", description: "Find flights", parameters: { type: "object", properties: { destination: { type: "string" } }, required: ["destination"] } } },
    { type: "function", function: { name: "book_hotel", description: "Book a hotel", parameters: { type: "object", properties: { city: { type: "string" }, nights: { type: "integer", minimum: 1, maximum: 3 } }, required: ["city", "nights"] } } },
  ];
  const run = async (request: Record<string, unknown>) => (await post({ ...request, stream: false })).json as unknown as Completion;
  /** Runs the loop as a client would: answer every call, send everything back, until the model answers. */
  async function loop(request: Record<string, unknown>, limit = 6) {
    const messages = [...(request.messages as unknown[])];
    const rounds: Completion["choices"][number]["message"][] = [];
    for (let step = 0; step < limit; step += 1) {
      const completion = await run({ ...request, messages });
      const message = completion.choices[0]!.message;
      if (!message.tool_calls?.length) return { rounds, answer: message };
      rounds.push(message);
      messages.push({ role: "assistant", content: message.content ?? "", reasoning_content: message.reasoning_content, tool_calls: message.tool_calls });
      for (const call of message.tool_calls) messages.push({ role: "tool", tool_call_id: call.id, name: call.function.name, content: '{"ok": true}' });
    }
    return { rounds, answer: undefined };
  }

  it("makes as many tool rounds as [[sim tool_rounds=N]] asks, with a new id for every call", async () => {
    const { rounds, answer } = await loop({ model: "kimi-k2.6", tools, messages: [{ role: "user", content: `Plan a weekend in Lisbon [[sim tool_rounds=3 tokens_per_second=100000 first_token_ms=0]]` }] });
    expect(rounds).toHaveLength(3);
    const ids = rounds.flatMap((round) => round.tool_calls!.map((call) => call.id));
    expect(new Set(ids).size).toBe(ids.length);
    // A later round uses the tool the first did not.
    expect(new Set(rounds.map((round) => round.tool_calls![0]!.function.name))).toEqual(new Set(["search_flights", "book_hotel"]));
    expect(answer?.content).toMatch(/tool results/);
    const single = await loop({ model: "kimi-k2.6", tools, messages: [{ role: "user", content: `Plan a weekend in Lisbon ${fast}` }] });
    expect(single.rounds).toHaveLength(1);
  });

  it("keeps calling after tool results while tool_choice is required or names a function", async () => {
    const required = await loop({ model: "kimi-k3", tools, tool_choice: "required", messages: [{ role: "user", content: `Plan a weekend in Lisbon ${fast}` }] }, 3);
    expect(required.answer).toBeUndefined();
    expect(required.rounds).toHaveLength(3);
    const named = await loop({ model: "kimi-k2.6", thinking: { type: "disabled" }, temperature: 0.6, tools, tool_choice: { type: "function", function: { name: "book_hotel" } }, messages: [{ role: "user", content: `Plan a weekend in Lisbon ${fast}` }] }, 2);
    expect(named.rounds.map((round) => round.tool_calls!.map((call) => call.function.name))).toEqual([["book_hotel"], ["book_hotel"]]);
    const nights = named.rounds.map((round) => (JSON.parse(round.tool_calls![0]!.function.arguments) as { nights: number }).nights);
    expect(nights.every((value) => Number.isInteger(value) && value >= 1 && value <= 3)).toBe(true);
  });

  it("answers json_object in the shape the prompt asks for", async () => {
    const prompt = `Describe Go. Reply only with JSON like {"name": "…", "year": 2009, "typed": true, "tags": ["x"], "creator": {"name": "…"}} ${fast}`;
    const { choices } = await run(ask(prompt, { response_format: { type: "json_object" } }));
    const value = JSON.parse(choices[0]!.message.content!) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["name", "year", "typed", "tags", "creator"]);
    expect([typeof value.name, typeof value.year, typeof value.typed, Array.isArray(value.tags), typeof (value.creator as { name: unknown }).name]).toEqual(["string", "number", "boolean", true, "string"]);
  });

  it("keeps integers and numbers inside their bounds, exclusive and one-sided ones too", async () => {
    const schema = {
      type: "object",
      properties: {
        only_maximum: { type: "integer", maximum: -5 },
        exclusive: { type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 3 },
        draft4: { type: "number", minimum: 0, maximum: 1, exclusiveMaximum: true },
        step: { type: "integer", minimum: 1, maximum: 100, multipleOf: 25 },
        word: { type: "string", minLength: 12, maxLength: 14 },
        list: { type: "array", items: { type: "string" }, minItems: 2, maxItems: 2 },
      },
      required: ["only_maximum", "exclusive", "draft4", "step", "word", "list"],
    };
    for (const topic of ["Go", "Rust", "Zig", "OCaml", "Kotlin"]) {
      const { choices } = await run(ask(`Describe ${topic} ${fast}`, { response_format: { type: "json_schema", json_schema: { name: "bounds", schema } } }));
      const value = JSON.parse(choices[0]!.message.content!) as { only_maximum: number; exclusive: number; draft4: number; step: number; word: string; list: string[] };
      expect(Number.isInteger(value.only_maximum) && value.only_maximum <= -5).toBe(true);
      expect([1, 2]).toContain(value.exclusive);
      expect(value.draft4 >= 0 && value.draft4 < 1).toBe(true);
      expect([25, 50, 75, 100]).toContain(value.step);
      expect(value.word.length >= 12 && value.word.length <= 14).toBe(true);
      expect(value.list).toHaveLength(2);
    }
  });

  it("refuses schemas outside Moonshot's dialect, naming the path", async () => {
    const schema = { type: "object", properties: { pair: { type: "array", items: [{ type: "number" }, { type: "number" }] } } };
    const { status, json } = await post(ask("hi", { response_format: { type: "json_schema", json_schema: { name: "pair", schema } } }));
    expect(status).toBe(400);
    expect(json.error?.message).toBe("Invalid request: response_format.json_schema is not a valid moonshot flavored json schema, details: <At path 'properties.pair.items': items must be an object>");
  });

  it("continues a partial assistant prefix without repeating it", async () => {
    const partial = (content: string) =>
      run({ model: "kimi-k2.6", thinking: { type: "disabled" }, temperature: 0.6, messages: [{ role: "user", content: `Describe Go as JSON with a name ${fast}` }, { role: "assistant", content, partial: true }] });
    const json = await partial("{");
    const continuation = json.choices[0]!.message.content!;
    expect(continuation.startsWith("{")).toBe(false);
    expect(() => JSON.parse(`{${continuation}`)).not.toThrow();
    const prose = (await partial("Go is")).choices[0]!.message.content!;
    expect(prose.startsWith("Go is")).toBe(false);
    expect(prose.length).toBeGreaterThan(20);
  });
});

describe("simulator directives", () => {
  it("fails the first N identical attempts with a 429 and a retry hint, then answers", async () => {
    const request = ask(`Retry me ${Math.random()} [[sim error=429 fail_attempts=1 tokens_per_second=100000 first_token_ms=0]]`);
    const first = await fetch(`${simulator.url}/v1/chat/completions`, { method: "POST", body: JSON.stringify(request) });
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("1");
    expect(((await first.json()) as { error: { message: string } }).error.message).toMatch(/please try again after 1 seconds/);
    expect((await post(request)).status).toBe(200);
  });

  it("drops the connection mid-stream with drop_after", async () => {
    const result = await streamThroughGateway({ adapter: moonshot(), request: ask(`Drop me [[sim drop_after=5 reasoning_tokens=20 tokens_per_second=100000 first_token_ms=0]]`) });
    if (!result.ok) throw new Error("simulator failed");
    const answer = assembleAnswer(result.events);
    expect(answer.error).toMatchObject({ type: "upstream_connection_error" });
    expect(answer.done).toBe(false);
  });

  it("paces the stream at tokens_per_second", async () => {
    const startedAt = performance.now();
    await streamThroughGateway({ adapter: moonshot(), request: ask(`Pace [[sim answer_tokens=30 reasoning_tokens=0 tokens_per_second=100 first_token_ms=0]]`, { thinking: { type: "disabled" } }) });
    // 30 tokens at 100/s cannot arrive in less than ~290 ms.
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(280);
  });
});
