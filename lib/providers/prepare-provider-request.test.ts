import { describe, expect, it } from "vitest";
import type { ChatRequest } from "@/lib/wire/chat-request";
import { prepareProviderRequest } from "./prepare-provider-request";
import { expectWordedAsEnglish } from "@/testing/catalog-wording";
import type { RequestAdjustment } from "@/lib/wire/chat-request";
import type { ProviderRequestConfig } from "./prepared-request";

const body: ChatRequest = { model: "kimi-k2.6", messages: [{ role: "user", content: "hi" }], stream: true, thinking: { type: "enabled", keep: "all" } };

function prepare(providerId: Parameters<typeof prepareProviderRequest>[0]["providerId"], config: ProviderRequestConfig, request: ChatRequest = body) {
  const result = prepareProviderRequest({ providerId, request, config });
  if (!result.ok) throw new Error(result.failure.message);
  return result.prepared;
}

describe("prepareProviderRequest (what the provider receives)", () => {
  it("Moonshot: the body as sent, plus the usage request; the key shown as its variable", () => {
    const prepared = prepare("moonshot", { baseUrl: "https://api.moonshot.ai/v1/" });
    expect(prepared.url).toBe("https://api.moonshot.ai/v1/chat/completions");
    expect(prepared.headers).toEqual({ "Content-Type": "application/json", Accept: "text/event-stream", Authorization: "Bearer $MOONSHOT_API_KEY" });
    expect(prepared.body).toEqual({ ...body, stream_options: { include_usage: true } });
    expect(prepared.adjustments).toMatchObject([{ kind: "added", code: "usage-requested", field: "stream_options.include_usage", reason: "The gateway always asks the provider for usage, and hands it on as your request asks (a final chunk with include_usage, else the finishing chunk)." }]);
  });

  it("a non-streamed request goes with stream false and no stream_options", () => {
    const prepared = prepare("moonshot", { baseUrl: "https://api.moonshot.ai/v1" }, { ...body, stream: false, stream_options: { include_usage: true } });
    expect(prepared.body).toEqual({ model: "kimi-k2.6", messages: body.messages, thinking: body.thinking, stream: false });
    expect(prepared.headers.Accept).toBe("application/json");
  });

  it("DashScope compatible: Moonshot's switch moved to DashScope's names, each move explained", () => {
    const prepared = prepare("dashscope", { baseUrl: "https://dashscope.aliyuncs.com/compatible-mode/v1" });
    expect(prepared.body).toEqual({ model: "kimi-k2.6", messages: body.messages, stream: true, enable_thinking: true, preserve_thinking: true, stream_options: { include_usage: true } });
    expect(prepared.adjustments.map((adjustment) => `${adjustment.kind} ${adjustment.field}`)).toEqual(["added enable_thinking", "added preserve_thinking", "added stream_options.include_usage", "dropped thinking"]);
    expect(prepared.headers.Authorization).toBe("Bearer $DASHSCOPE_API_KEY");
  });

  it("Self-hosted: thinking goes to chat_template_kwargs", () => {
    const prepared = prepare("openai-compatible", { baseUrl: "http://127.0.0.1:8000/v1" }, { ...body, thinking: { type: "disabled" } });
    expect(prepared.body.chat_template_kwargs).toEqual({ thinking: false });
    expect(prepared.adjustments.find((adjustment) => adjustment.field === "chat_template_kwargs")?.reason).toMatch(/chat template/);
  });

  it("the simulator takes no key", () => {
    expect(prepare("simulator", { baseUrl: "http://127.0.0.1:3000/api/providers/simulator/v1" }).headers).not.toHaveProperty("Authorization");
  });

  it("DashScope native: the native envelope, endpoint, SSE header and the workspace", () => {
    const prepared = prepare("dashscope-native", { baseUrl: "https://ws-7.eu-central-1.maas.aliyuncs.com/api/v1", workspaceId: "ws-7" });
    expect(prepared.url).toBe("https://ws-7.eu-central-1.maas.aliyuncs.com/api/v1/services/aigc/multimodal-generation/generation");
    expect(prepared.headers).toEqual({
      "Content-Type": "application/json",
      Authorization: "Bearer $DASHSCOPE_API_KEY",
      "X-DashScope-WorkSpace": "ws-7",
      Accept: "text/event-stream",
      "X-DashScope-SSE": "enable",
    });
    expect(prepared.body).toEqual({
      model: "kimi-k2.6",
      input: { messages: [{ role: "user", content: "hi" }] },
      parameters: { result_format: "message", incremental_output: true, enable_thinking: true, preserve_thinking: true },
    });
    expect(prepared.adjustments.map((adjustment) => adjustment.field)).toContain("X-DashScope-WorkSpace");
  });

  it("DashScope native refuses media for a model on the text-generation endpoint, saying why", () => {
    const result = prepareProviderRequest({
      providerId: "dashscope-native",
      request: { model: "Moonshot-Kimi-K2-Instruct", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }] }], stream: true },
      config: { baseUrl: "https://dashscope.aliyuncs.com/api/v1" },
    });
    expect(result).toMatchObject({ ok: false, failure: { status: 400, message: expect.stringContaining("text-generation endpoint") } });
  });
});

describe("adjustments in the catalogs", () => {
  it("words what each provider's request changes, in English word for word", () => {
    const request = { model: "kimi-k2.6", messages: [{ role: "user", content: "hi" }], stream: true, thinking: { type: "enabled", keep: "all" }, thinking_budget: 100 } as unknown as ChatRequest;
    const adjustments: RequestAdjustment[] = [];
    for (const providerId of ["moonshot", "dashscope", "dashscope-native", "openai-compatible"] as const) {
      const result = prepareProviderRequest({ providerId, request, config: { baseUrl: "https://example.test/v1", workspaceId: "ws-1" } as ProviderRequestConfig });
      if (result.ok) adjustments.push(...result.prepared.adjustments);
    }
    expect(new Set(adjustments.map((adjustment) => adjustment.code)).size).toBeGreaterThan(6);
    expectWordedAsEnglish({ namespace: "adjustments", items: adjustments.map((adjustment) => ({ code: adjustment.code, values: adjustment.values, english: adjustment.reason })) });
  });
});
