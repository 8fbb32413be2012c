import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "@/lib/i18n/messages";
import { describeModel, findModelSpec } from "@/lib/catalog/model-catalog";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import { adaptParameters as adapt, type ParameterChange } from "./adapt-parameters";
import { loadPreset, switchThinking } from "./parameter-changes";

// Every change these tests produce is also checked against the catalog's wording (the last describe).
const seen: ParameterChange[] = [];
const adaptParameters = (input: Parameters<typeof adapt>[0]) => {
  const result = adapt(input);
  seen.push(...result.changes);
  return result;
};

const spec = (providerId: ProviderId, model: string) => findModelSpec({ providerId, modelId: model }) ?? describeModel({ providerId, modelId: model });

describe("adaptParameters (switching provider or model)", () => {
  it("drops sampling the new model pins, and says why", () => {
    const result = adaptParameters({ parameters: { temperature: 0.3, max_completion_tokens: 1000 }, from: "moonshot", to: "moonshot", spec: spec("moonshot", "kimi-k2.6") });
    expect(result.parameters).toEqual({ max_completion_tokens: 1000 });
    expect(result.changes).toMatchObject([{ field: "temperature", code: "pinned", description: "temperature 0.3 removed: kimi-k2.6 fixes it at 1 while thinking." }]);
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
    expect(result.parameters).toEqual({ temperature: 1, max_completion_tokens: 8192, tool_choice: "required", tools: [] });
    const thinking = adaptParameters({ parameters: { tool_choice: "required" }, from: "moonshot", to: "moonshot", spec: spec("moonshot", "kimi-k2.7-code") });
    expect(thinking.parameters).toEqual({ tool_choice: "auto" });
    expect(thinking.changes[0]!.description).toMatch(/not allowed while thinking/);
  });

  it("sends the answer's cap by each provider's name for it: max_completion_tokens on Moonshot, max_tokens elsewhere", () => {
    const toMoonshot = adaptParameters({ parameters: { max_tokens: 4000 }, from: "dashscope", to: "moonshot", spec: spec("moonshot", "kimi-k2.6") });
    expect(toMoonshot.parameters).toEqual({ max_completion_tokens: 4000 });
    expect(toMoonshot.changes).toMatchObject([{ field: "max_tokens", code: "cap-renamed", description: "max_tokens 4000 sent as max_completion_tokens, Moonshot's documented name (max_tokens is deprecated there)." }]);
    const toDashscope = adaptParameters({ parameters: toMoonshot.parameters, from: "moonshot", to: "dashscope", spec: spec("dashscope", "kimi-k2.6") });
    expect(toDashscope.parameters).toEqual({ max_tokens: 4000 });
  });

  it("translates between K2.x's thinking switch and K3's reasoning_effort, saying what changed", () => {
    const toK3 = adaptParameters({ parameters: { thinking: { type: "enabled", keep: "all" }, temperature: 0.6 }, from: "moonshot", to: "moonshot", spec: spec("moonshot", "kimi-k3") });
    expect(toK3.parameters).toEqual({});
    expect(toK3.changes.map((change) => change.description)).toEqual([
      "Thinking switch removed: kimi-k3 always thinks, as deeply as reasoning_effort says (default max).",
      "temperature 0.6 removed: kimi-k3 fixes it at 1 while thinking.",
    ]);
    const effort = adaptParameters({ parameters: { reasoning_effort: "low", tool_choice: "required" }, from: "moonshot", to: "moonshot", spec: spec("moonshot", "kimi-k3") });
    // K3 keeps its effort, and takes "required" while thinking.
    expect(effort).toEqual({ parameters: { reasoning_effort: "low", tool_choice: "required" }, changes: [] });
    const toK26 = adaptParameters({ parameters: { reasoning_effort: "low", tool_choice: "required" }, from: "moonshot", to: "moonshot", spec: spec("moonshot", "kimi-k2.6") });
    expect(toK26.parameters).toEqual({ tool_choice: "auto" });
    expect(toK26.changes[0]!.description).toBe("reasoning_effort removed: kimi-k2.6 takes none (K3 models do); its thinking switch decides instead.");
  });
});

describe("more fits, each said", () => {
  it("drops a thinking switch a model lacks, preserved thinking it refuses, an effort it does not take, and a second cap", () => {
    const toV1 = adaptParameters({ parameters: { thinking: { type: "enabled", keep: "all" }, max_tokens: 500, max_completion_tokens: 400 }, from: "moonshot", to: "moonshot", spec: spec("moonshot", "moonshot-v1-8k") });
    expect(toV1.parameters).toEqual({ max_completion_tokens: 400 });
    expect(toV1.changes.map((change) => change.code)).toEqual(["thinking-none", "preserve-unsupported", "cap-duplicate"]);
    const toK3 = adaptParameters({ parameters: { reasoning_effort: "extreme" }, from: "moonshot", to: "moonshot", spec: spec("moonshot", "kimi-k3") });
    expect(toK3.parameters).toEqual({});
    expect(toK3.changes[0]?.description).toMatch(/^reasoning_effort "extreme" removed: kimi-k3 takes /);
  });
});

describe("parameter changes in the catalogs", () => {
  it("words every change these tests produce, in English word for word", () => {
    const english = createTranslator({ locale: "en", messages: messagesFor("en") }) as unknown as (key: string, values: Record<string, string | number>) => string;
    expect(seen.length).toBeGreaterThan(8);
    for (const change of seen) expect(english(`parameterChanges.${change.code}`, change.values), change.code).toBe(change.description);
    // Codes the page words, all produced somewhere here (titles and the web-search switch come from the store).
    const produced = new Set(seen.map((change) => change.code));
    const missing = Object.keys(messagesFor("en").parameterChanges).filter((code) => !produced.has(code) && !code.startsWith("title-") && code !== "web-search-thinking-off");
    expect(missing).toEqual([]);
  });

  it("words the notices' titles as the English says them", () => {
    const english = createTranslator({ locale: "en", messages: messagesFor("en") }) as unknown as (key: string, values: Record<string, string>) => string;
    const settings = { providerId: "moonshot" as const, model: "moonshot-v1-8k", parameters: { temperature: 0.3 } };
    const titles = [
      switchThinking({ settings: { ...settings, model: "kimi-k2.6" }, spec: spec("moonshot", "kimi-k2.6"), thinking: true }).notice!.title,
      switchThinking({ settings: { ...settings, model: "kimi-k2.6" }, spec: spec("moonshot", "kimi-k2.6"), thinking: undefined }).notice!.title,
      loadPreset({ settings, spec: spec("moonshot", "kimi-k2.6"), preset: { name: "Terse", providerId: "moonshot", parameters: { temperature: 0.3 } } }).notice.title,
    ];
    expect(titles.map((title) => title.text)).toEqual(["Thinking on", "Thinking reset to the model's default", 'Loaded preset "Terse"']);
    for (const title of titles) expect(english(`parameterChanges.title-${title.code}`, title.values)).toBe(title.text);
    expect(english("parameterChanges.title-switched", { name: "kimi-k2.6" })).toBe("Switched to kimi-k2.6");
  });
});
