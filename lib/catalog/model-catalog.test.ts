import { describe, expect, it } from "vitest";
import { describeModel, findModelSpec, isRetired, listCatalogModels, reasoningControlOf, resolveThinkingEnabled, retirementWhen, samplingFor } from "./model-catalog";

describe("model catalog", () => {
  it("pins K2.5 / K2.6 sampling per thinking mode on Moonshot", () => {
    for (const id of ["kimi-k2.5", "kimi-k2.6"]) {
      const spec = findModelSpec({ providerId: "moonshot", modelId: id })!;
      expect(spec.sampling?.pinned).toBe(true);
      expect(samplingFor({ spec, thinkingEnabled: true })).toEqual({ temperature: 1, top_p: 0.95, n: 1, presence_penalty: 0, frequency_penalty: 0 });
      expect(samplingFor({ spec, thinkingEnabled: false })).toEqual({ temperature: 0.6, top_p: 0.95, n: 1, presence_penalty: 0, frequency_penalty: 0 });
    }
  });

  it("keeps K2.7 Code always thinking with preserved reasoning", () => {
    const spec = findModelSpec({ providerId: "moonshot", modelId: "kimi-k2.7-code" })!;
    expect(spec.thinking).toEqual({ mode: "always" });
    expect(spec.preservedThinking).toBe("always");
    expect(resolveThinkingEnabled({ spec, requested: false })).toBe(true);
  });

  it("defaults thinking on at Moonshot and off at DashScope for K2.5 / K2.6", () => {
    for (const id of ["kimi-k2.5", "kimi-k2.6"]) {
      expect(resolveThinkingEnabled({ spec: findModelSpec({ providerId: "moonshot", modelId: id })!, requested: undefined })).toBe(true);
      expect(resolveThinkingEnabled({ spec: findModelSpec({ providerId: "dashscope", modelId: id })!, requested: undefined })).toBe(false);
      expect(resolveThinkingEnabled({ spec: findModelSpec({ providerId: "dashscope-native", modelId: id })!, requested: true })).toBe(true);
    }
  });

  it("accepts preserved thinking on K2.6 and K2.7 Code (and its high-speed variant) only", () => {
    const preserved = listCatalogModels("moonshot").filter((model) => model.preservedThinking !== "none").map((model) => model.id);
    expect(preserved.sort()).toEqual(["kimi-k2.6", "kimi-k2.7-code", "kimi-k2.7-code-highspeed"]);
  });

  it("knows K3: 1M context, images, always thinking, depth by reasoning_effort, temperature pinned at 1, required tool choice", () => {
    const k3 = findModelSpec({ providerId: "moonshot", modelId: "kimi-k3" })!;
    expect(k3).toMatchObject({ contextWindow: 1_048_576, input: ["text", "image"], thinking: { mode: "always" }, reasoningControl: { kind: "effort", efforts: ["low", "high", "max"], defaultEffort: "max" } });
    expect(samplingFor({ spec: k3, thinkingEnabled: true })).toEqual({ temperature: 1 });
    expect(k3.toolChoiceWhileThinking).toContain("required");
    // Facts from client libraries and gateways, not Moonshot's own pages, say who reports them.
    expect(k3.reportedBy).toMatch(/Vercel AI SDK/);
    expect(reasoningControlOf(findModelSpec({ providerId: "moonshot", modelId: "kimi-k2.6" })!)).toEqual({ kind: "thinking" });
  });

  it("marks the K2 ids Moonshot discontinued in 2026 as retired, pointing to kimi-k2.6, and keeps current models first", () => {
    const models = listCatalogModels("moonshot");
    const retired = models.filter((model) => isRetired({ spec: model, today: new Date("2026-11-30") })).map((model) => model.id);
    expect(retired).toEqual(["kimi-k2-0905-preview", "kimi-k2-turbo-preview", "kimi-k2-0711-preview", "kimi-k2-thinking", "kimi-k2-thinking-turbo", "kimi-latest"]);
    expect(models.find((model) => model.id === "kimi-k2-thinking")?.retired).toMatchObject({ during: "2026", replacement: "kimi-k2.6" });
    expect(retirementWhen(models.find((model) => model.id === "kimi-latest")!.retired!)).toBe("in 2026");
    expect(models.findIndex((model) => model.retired)).toBe(models.length - retired.length);
    expect(models[0]!.id).toBe("kimi-k3");
  });

  it("shows DashScope's retirements of 2026-07-09 instead of hiding them", () => {
    const retired = listCatalogModels("dashscope").filter((model) => model.retired);
    expect(retired.map((model) => model.id).sort()).toEqual(["Moonshot-Kimi-K2-Instruct", "kimi-k2-thinking"]);
    const spec = retired[0]!;
    expect(isRetired({ spec, today: new Date("2026-07-08T12:00:00Z") })).toBe(false);
    expect(isRetired({ spec, today: new Date("2026-07-09T00:00:00Z") })).toBe(true);
  });

  it("uses the documented kimi-k2.5 prices", () => {
    expect(findModelSpec({ providerId: "moonshot", modelId: "kimi-k2.5" })!.prices).toMatchObject({ currency: "CNY", inputCacheHit: 0.7, inputCacheMiss: 4, output: 21 });
  });

  it("routes DashScope models to the right native endpoint", () => {
    expect(findModelSpec({ providerId: "dashscope-native", modelId: "kimi-k2.6" })!.nativeEndpoint).toBe("multimodal-generation");
    expect(findModelSpec({ providerId: "dashscope-native", modelId: "kimi-k2-thinking" })!.nativeEndpoint).toBe("text-generation");
  });

  it("makes unknown models usable, with capabilities from /v1/models or conservative defaults", () => {
    expect(describeModel({ providerId: "moonshot", modelId: "kimi-k4-preview", discovered: { id: "kimi-k4-preview", contextWindow: 262144, supportsImage: true, supportsReasoning: true } })).toMatchObject({
      known: false,
      contextWindow: 262144,
      input: ["text", "image"],
      thinking: { mode: "optional", defaultEnabled: true },
    });
    expect(describeModel({ providerId: "moonshot", modelId: "kimi-mystery" })).toMatchObject({ known: false, input: ["text"], thinking: { mode: "none" } });
  });

  it("recognizes self-hosted Kimi by its Hugging Face name, without Moonshot's pins", () => {
    const spec = describeModel({ providerId: "openai-compatible", modelId: "moonshotai/Kimi-K2.5", discovered: { id: "moonshotai/Kimi-K2.5", contextWindow: 131072 } });
    expect(spec).toMatchObject({ known: false, contextWindow: 131072, input: ["text", "image", "video"], thinking: { mode: "optional" } });
    expect(spec.sampling?.pinned).toBe(false);
  });
});
