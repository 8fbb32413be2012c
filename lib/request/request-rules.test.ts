import { describe, expect, it } from "vitest";
import { describeModel, findModelSpec } from "@/lib/catalog/model-catalog";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import { checkRequest, requestWarnings } from "./request-rules";

const spec = (providerId: ProviderId, model: string) => findModelSpec({ providerId, modelId: model }) ?? describeModel({ providerId, modelId: model });
const rules = (providerId: ProviderId, model: string, fields: Record<string, unknown>) =>
  checkRequest({ request: { model, messages: [{ role: "user", content: "hi" }], ...fields }, spec: spec(providerId, model), providerId }).map((issue) => [issue.rule, issue.path.join(".")]);

describe("documented rules, Moonshot", () => {
  it("pins K2.x sampling per thinking mode, naming the value and the fix", () => {
    const [issue] = checkRequest({ request: { model: "kimi-k2.6", messages: [], temperature: 0.3 }, spec: spec("moonshot", "kimi-k2.6"), providerId: "moonshot" });
    expect(issue).toEqual({
      path: ["temperature"],
      rule: "pinned-sampling",
      message: "kimi-k2.6 fixes temperature at 1 in thinking mode; any other value is rejected. Remove temperature (the service uses 1).",
      values: { model: "kimi-k2.6", field: "temperature", pinned: "1", mode: "thinking" },
      serviceMessage: "invalid temperature: only 1 is allowed for this model",
    });
    expect(rules("moonshot", "kimi-k2.6", { thinking: { type: "disabled" }, temperature: 0.6, top_p: 0.95 })).toEqual([]);
    expect(rules("moonshot", "kimi-k2.6", { thinking: { type: "disabled" }, temperature: 1 })).toEqual([["pinned-sampling", "temperature"]]);
  });

  it("keeps thinking on for always-thinking models and preserved thinking to the models that accept it", () => {
    expect(rules("moonshot", "kimi-k2.7-code", { thinking: { type: "disabled" } })).toEqual([["thinking-always-on", "thinking.type"]]);
    expect(rules("moonshot", "kimi-k2.5", { thinking: { type: "enabled", keep: "all" } })).toEqual([["preserved-thinking-unsupported", "thinking.keep"]]);
    expect(rules("moonshot", "kimi-k2.6", { thinking: { type: "enabled", keep: "all" } })).toEqual([]);
  });

  it("allows only auto/none tool_choice while thinking, any kind without", () => {
    const tools = [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: {} } } }];
    expect(rules("moonshot", "kimi-k2.6", { tools, tool_choice: "required" })).toEqual([["tool-choice", "tool_choice"]]);
    expect(rules("moonshot", "kimi-k2.6", { tools, tool_choice: { type: "function", function: { name: "get_weather" } } })).toEqual([["tool-choice", "tool_choice"]]);
    expect(rules("moonshot", "kimi-k2.6", { tools, tool_choice: "required", thinking: { type: "disabled" }, temperature: 0.6 })).toEqual([]);
    expect(rules("moonshot", "kimi-k2-0905-preview", { tools, tool_choice: { type: "function", function: { name: "nope" } } })).toEqual([["tool-choice-name", "tool_choice.function.name"]]);
  });

  it("checks tool names, counts and parameter schemas", () => {
    const tool = (name: string, parameters?: unknown) => ({ type: "function", function: { name, ...(parameters !== undefined ? { parameters } : {}) } });
    expect(rules("moonshot", "kimi-k2.5", { tools: [tool("9starts_with_digit")] })).toEqual([["tool-name", "tools.0.function.name"]]);
    expect(rules("moonshot", "kimi-k2.5", { tools: [tool("ok_name", { type: "array" })] })).toEqual([["tool-parameters", "tools.0.function.parameters"]]);
    expect(rules("moonshot", "kimi-k2.5", { tools: [tool("ok_name", { type: "object", properties: {}, required: ["x"] })] })).toEqual([["tool-parameters", "tools.0.function.parameters"]]);
    expect(rules("moonshot", "kimi-k2.5", { tools: Array.from({ length: 129 }, (_, index) => tool(`tool_${index}`)) })).toEqual([["tool-count", "tools"]]);
    expect(rules("moonshot", "kimi-k2.5", { tools: [{ type: "builtin_function", function: { name: "$web_search" } }] })).toEqual([["web-search-thinking", "tools.0"]]);
  });

  it("limits stop sequences to 5 of at most 32 bytes, and none empty", () => {
    expect(rules("moonshot", "kimi-k2.5", { stop: ["a", "b", "c", "d", "e", "f"] })).toEqual([["stop-count", "stop"]]);
    expect(rules("moonshot", "kimi-k2.5", { stop: ["ok", "€".repeat(11)] })).toEqual([["stop-length", "stop.1"]]);
    expect(rules("moonshot", "kimi-k2.5", { stop: [""] })).toEqual([["stop-empty", "stop.0"]]);
  });

  it("bounds max_tokens by the model and ranges by the provider", () => {
    expect(rules("moonshot", "moonshot-v1-8k", { max_tokens: 9000 })).toEqual([["max-tokens", "max_tokens"]]);
    expect(rules("moonshot", "moonshot-v1-8k", { temperature: 1.2 })).toEqual([["out-of-range", "temperature"]]);
    // Unknown models get no upper bound: the catalog does not know their limit.
    expect(rules("moonshot", "kimi-k9", { max_tokens: 900_000 })).toEqual([]);
  });

  it("requires reasoning_content on tool-call turns while thinking, and matching tool results", () => {
    const messages = [
      { role: "user", content: "weather?" },
      { role: "assistant", content: "", tool_calls: [{ id: "get_weather_0", type: "function", function: { name: "get_weather", arguments: "{}" } }] },
      { role: "tool", tool_call_id: "get_weather_9", content: "sunny" },
    ];
    const issues = checkRequest({ request: { model: "kimi-k2.6", messages }, spec: spec("moonshot", "kimi-k2.6"), providerId: "moonshot" });
    expect(issues.map((issue) => [issue.rule, issue.path.join(".")])).toEqual([
      ["tool-call-reasoning", "messages.1"],
      ["tool-result-id", "messages.2.tool_call_id"],
    ]);
    expect(issues[0]!.serviceMessage).toBe("thinking is enabled but reasoning_content is missing in assistant tool call message");
  });

  it("refuses images on text-only models and checks response_format", () => {
    const image = { role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AA" } }] };
    expect(checkRequest({ request: { model: "kimi-k2-0905-preview", messages: [image] }, spec: spec("moonshot", "kimi-k2-0905-preview"), providerId: "moonshot" })[0]?.rule).toBe("modality");
    expect(rules("moonshot", "kimi-k2.5", { response_format: { type: "json_schema", json_schema: { schema: {} } } })).toEqual([["json-schema-name", "response_format.json_schema"]]);
    expect(rules("moonshot", "kimi-k2.5", { response_format: { type: "yaml" } })).toEqual([["response-format", "response_format"]]);
  });
});

describe("documented rules, DashScope and self-hosted", () => {
  it("uses DashScope's own switch and ranges, and does not pin sampling", () => {
    expect(rules("dashscope", "kimi-k2.7-code", { enable_thinking: false })).toEqual([["thinking-always-on", "enable_thinking"]]);
    expect(rules("dashscope-native", "kimi-k2.5", { preserve_thinking: true })).toEqual([["preserved-thinking-unsupported", "preserve_thinking"]]);
    expect(rules("dashscope", "kimi-k2.6", { temperature: 1.5 })).toEqual([]);
    expect(rules("dashscope", "kimi-k2.6", { temperature: 2 })).toEqual([["out-of-range", "temperature"]]);
    expect(rules("dashscope", "kimi-k2.6", { tools: [{ type: "function", function: { name: "f1x" } }], tool_choice: "required" })).toEqual([["tool-choice", "tool_choice"]]);
  });

  it("gives self-hosted servers the structural checks only", () => {
    expect(rules("openai-compatible", "moonshotai/Kimi-K2.5", { temperature: 0.2, tool_choice: "required", tools: [{ type: "function", function: { name: "f" } }] })).toEqual([]);
    expect(rules("openai-compatible", "moonshotai/Kimi-K2.5", { response_format: { type: "xml" } })).toEqual([["response-format", "response_format"]]);
  });
});

describe("K3: reasoning_effort instead of a thinking switch", () => {
  const tools = [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: {} } } }];

  it("refuses a thinking field, an unknown effort, and a temperature other than 1 in the service's words", () => {
    expect(rules("moonshot", "kimi-k3", { thinking: { type: "enabled" }, reasoning_effort: "medium", temperature: 0.5 })).toEqual([
      ["thinking-with-effort", "thinking"],
      ["reasoning-effort-value", "reasoning_effort"],
      ["pinned-sampling", "temperature"],
    ]);
    const [temperature] = checkRequest({ request: { model: "kimi-k3", messages: [], temperature: 0.5 }, spec: spec("moonshot", "kimi-k3"), providerId: "moonshot" });
    expect(temperature!.serviceMessage).toBe("invalid temperature: only 1 is allowed for this model");
  });

  it("takes an effort and tool_choice required although it always thinks", () => {
    expect(rules("moonshot", "kimi-k3", { reasoning_effort: "low", tools, tool_choice: "required" })).toEqual([]);
    expect(rules("moonshot", "kimi-k2.7-code", { tools, tool_choice: "required" })).toEqual([["tool-choice", "tool_choice"]]);
  });

  it("refuses reasoning_effort on K2.x models", () => {
    expect(rules("moonshot", "kimi-k2.6", { reasoning_effort: "high" })).toEqual([["reasoning-effort-unsupported", "reasoning_effort"]]);
  });

  it("warns, without holding back, when a thinking model's cap is likely spent on reasoning alone", () => {
    const warnings = requestWarnings({ request: { model: "kimi-k2.6", messages: [], max_completion_tokens: 800 }, spec: spec("moonshot", "kimi-k2.6"), providerId: "moonshot" });
    expect(warnings.map((warning) => [warning.rule, warning.path.join(".")])).toEqual([["output-cap-reasoning", "max_completion_tokens"]]);
    expect(checkRequest({ request: { model: "kimi-k2.6", messages: [], max_completion_tokens: 800 }, spec: spec("moonshot", "kimi-k2.6"), providerId: "moonshot" })).toEqual([]);
    expect(requestWarnings({ request: { model: "kimi-k2.6", messages: [], max_completion_tokens: 800, thinking: { type: "disabled" } }, spec: spec("moonshot", "kimi-k2.6"), providerId: "moonshot" })).toEqual([]);
  });
});
