import { describe, expect, it } from "vitest";
import { findModelSpec } from "@/lib/catalog/model-catalog";
import type { ChatRequest } from "@/lib/wire/chat-request";
import { toWireRequest } from "./provider-wire";

const body: ChatRequest = { model: "kimi-k2.6", messages: [{ role: "user", content: "hi" }], stream: true, thinking: { type: "enabled", keep: "all" } };

describe("toWireRequest (what the provider receives)", () => {
  it("Moonshot: the body as sent, plus the usage request", () => {
    const wire = toWireRequest({ providerId: "moonshot", baseUrl: "https://api.moonshot.ai/v1/", body, spec: findModelSpec({ providerId: "moonshot", modelId: "kimi-k2.6" }) });
    expect(wire.url).toBe("https://api.moonshot.ai/v1/chat/completions");
    expect(wire.keyEnv).toBe("MOONSHOT_API_KEY");
    expect(wire.body).toEqual({ ...body, stream_options: { include_usage: true } });
    expect(wire.adjustments).toEqual([{ kind: "added", field: "stream_options.include_usage", reason: "The gateway asks for the usage chunk, so usage arrives once, at the end." }]);
  });

  it("DashScope compatible: Moonshot's switch moved to DashScope's names, each move explained", () => {
    const wire = toWireRequest({ providerId: "dashscope", baseUrl: "https://dashscope.aliyuncs.com/compatible-mode/v1", body, spec: undefined });
    expect(wire.body).toEqual({ model: "kimi-k2.6", messages: body.messages, stream: true, enable_thinking: true, preserve_thinking: true, stream_options: { include_usage: true } });
    expect(wire.adjustments.map((adjustment) => `${adjustment.kind} ${adjustment.field}`)).toEqual(["added enable_thinking", "added preserve_thinking", "added stream_options.include_usage", "dropped thinking"]);
  });

  it("Self-hosted: thinking goes to chat_template_kwargs", () => {
    const wire = toWireRequest({ providerId: "openai-compatible", baseUrl: "http://127.0.0.1:8000/v1", body: { ...body, thinking: { type: "disabled" } }, spec: undefined });
    expect(wire.body.chat_template_kwargs).toEqual({ thinking: false });
    expect(wire.adjustments.find((adjustment) => adjustment.field === "chat_template_kwargs")?.reason).toMatch(/chat template/);
  });

  it("DashScope native: the native envelope, endpoint and SSE header", () => {
    const wire = toWireRequest({ providerId: "dashscope-native", baseUrl: "https://dashscope.aliyuncs.com/api/v1", body, spec: findModelSpec({ providerId: "dashscope-native", modelId: "kimi-k2.6" }) });
    expect(wire.url).toBe("https://dashscope.aliyuncs.com/api/v1/services/aigc/multimodal-generation/generation");
    expect(wire.headers).toEqual({ "X-DashScope-SSE": "enable" });
    expect(wire.body).toEqual({
      model: "kimi-k2.6",
      input: { messages: [{ role: "user", content: "hi" }] },
      parameters: { result_format: "message", incremental_output: true, enable_thinking: true, preserve_thinking: true },
    });
  });
});
