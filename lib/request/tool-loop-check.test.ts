import { describe, expect, it } from "vitest";
import { findModelSpec } from "@/lib/catalog/model-catalog";
import { checkToolLoop } from "./tool-loop-check";

const spec = (modelId: string) => findModelSpec({ providerId: "moonshot", modelId })!;
const weather = { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } };
const call = (id: string) => ({ id, type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } });

/** A conversation as another client exported it: reasoning dropped, ids rewritten, one result for a call that never happened. */
const imported = {
  model: "kimi-k2.6",
  tools: [weather],
  messages: [
    { role: "user", content: "Weather in Paris and Rome?" },
    { role: "assistant", content: "", tool_calls: [call("call_8f3a2b"), call("get_weather_1")] },
    { role: "tool", tool_call_id: "call_8f3a2b", content: "18" },
    { role: "tool", tool_call_id: "get_weather_1", content: "21" },
    { role: "tool", tool_call_id: "call_gone", content: "?" },
  ],
};

describe("the tool-loop checker", () => {
  it("finds each problem of a crafted conversation, at its message, with its fixes", () => {
    const findings = checkToolLoop({ request: imported, spec: spec("kimi-k2.6"), providerId: "moonshot" });
    expect(findings.map((finding) => [finding.rule, finding.severity, finding.path.join("."), finding.fixes.map((fix) => fix.fix)])).toEqual([
      ["tool-call-reasoning", "error", "messages.1", [{ kind: "restore-reasoning", toolCallIds: ["call_8f3a2b", "get_weather_1"] }, { kind: "thinking-off" }]],
      ["tool-result-id", "error", "messages.4.tool_call_id", [{ kind: "drop-tool-result", toolCallId: "call_gone" }]],
      ["tool-call-id-format", "warning", "messages.1.tool_calls", [{ kind: "kimi-tool-call-ids" }]],
    ]);
    expect(findings[2]!.message).toContain('"call_8f3a2b" is not in the format Kimi writes');
  });

  it("offers no thinking-off on models that always think, and names tool_choice and dialect problems", () => {
    const request = {
      ...imported,
      model: "kimi-k2.7-code",
      messages: imported.messages.slice(0, 4),
      tool_choice: { type: "function", function: { name: "get_weather" } },
      tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { pair: { type: "array", items: [{ type: "number" }] } } } } }],
    };
    const findings = checkToolLoop({ request, spec: spec("kimi-k2.7-code"), providerId: "moonshot" });
    const byRule = Object.fromEntries(findings.map((finding) => [finding.rule, finding]));
    expect(byRule["tool-call-reasoning"]!.fixes.map((fix) => fix.fix.kind)).toEqual(["restore-reasoning"]);
    expect(byRule["tool-choice"]!.fixes[0]!.fix).toEqual({ kind: "tool-choice-auto" });
    expect(byRule["tool-schema-dialect"]).toMatchObject({ path: ["tools", 0, "function", "parameters", "properties", "pair", "items"], fixes: [{ fix: { kind: "rewrite-schema", tool: 0 } }] });
  });

  it("leaves DashScope's own call_ ids alone, and a clean loop without findings", () => {
    const dashscope = checkToolLoop({ request: { ...imported, messages: imported.messages.slice(0, 4) }, spec: spec("kimi-k2.6"), providerId: "dashscope" });
    expect(dashscope.some((finding) => finding.rule === "tool-call-id-format")).toBe(false);
    const clean = {
      model: "kimi-k2.6",
      tools: [weather],
      messages: [
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", content: "", reasoning_content: "Call it.", tool_calls: [call("functions.get_weather:0")] },
        { role: "tool", tool_call_id: "functions.get_weather:0", content: "18" },
      ],
    };
    expect(checkToolLoop({ request: clean, spec: spec("kimi-k2.6"), providerId: "moonshot" })).toEqual([]);
  });
});
