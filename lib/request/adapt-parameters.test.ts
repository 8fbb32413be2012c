import { describe, expect, it } from "vitest";
import { describeModel, findModelSpec } from "@/lib/catalog/model-catalog";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import { adaptParameters } from "./adapt-parameters";

const spec = (providerId: ProviderId, model: string) => findModelSpec({ providerId, modelId: model }) ?? describeModel({ providerId, modelId: model });

describe("adaptParameters (switching provider or model)", () => {
  it("drops sampling the new model pins, and says why", () => {
    const result = adaptParameters({ parameters: { temperature: 0.3, max_tokens: 1000 }, from: "moonshot", to: "moonshot", spec: spec("moonshot", "kimi-k2.6") });
    expect(result.parameters).toEqual({ max_tokens: 1000 });
    expect(result.changes).toEqual([{ field: "temperature", description: "temperature 0.3 removed: kimi-k2.6 fixes it at 1 while thinking." }]);
  });

  it("moves the thinking switch to the new provider's field names", () => {
    const toDashscope = adaptParameters({ parameters: { thinking: { type: "enabled", keep: "all" } }, from: "moonshot", to: "dashscope", spec: spec("dashscope", "kimi-k2.6") });
    expect(toDashscope).toEqual({ parameters: { enable_thinking: true, preserve_thinking: true }, changes: [] });
    const toVllm = adaptParameters({ parameters: { enable_thinking: false }, from: "dashscope", to: "openai-compatible", spec: spec("openai-compatible", "moonshotai/Kimi-K2.5") });
    expect(toVllm.parameters).toEqual({ chat_template_kwargs: { thinking: false } });
    const back = adaptParameters({ parameters: toVllm.parameters, from: "openai-compatible", to: "moonshot", spec: spec("moonshot", "kimi-k2.5") });
    expect(back.parameters).toEqual({ thinking: { type: "disabled" } });
  });

  it("removes what the new provider does not accept and locks it rules out", () => {
    const result = adaptParameters({ parameters: { prompt_cache_key: "s1", n: 2, thinking: { type: "disabled" }, my_extra: true }, from: "moonshot", to: "dashscope", spec: spec("dashscope", "kimi-k2.7-code") });
    expect(result.parameters).toEqual({ my_extra: true });
    expect(result.changes.map((change) => change.field)).toEqual(["thinking", "prompt_cache_key", "n"]);
  });

  it("brings numbers into range, max_tokens under the model's limit, and tool_choice to auto while thinking", () => {
    const result = adaptParameters({ parameters: { temperature: 1.6, max_tokens: 100_000, tool_choice: "required", tools: [] }, from: "dashscope", to: "moonshot", spec: spec("moonshot", "moonshot-v1-8k") });
    expect(result.parameters).toEqual({ temperature: 1, max_tokens: 8192, tool_choice: "required", tools: [] });
    const thinking = adaptParameters({ parameters: { tool_choice: "required" }, from: "moonshot", to: "moonshot", spec: spec("moonshot", "kimi-k2.7-code") });
    expect(thinking.parameters).toEqual({ tool_choice: "auto" });
    expect(thinking.changes[0]!.description).toMatch(/not allowed while thinking/);
  });
});
