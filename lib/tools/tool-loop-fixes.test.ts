import { describe, expect, it } from "vitest";
import type { Conversation, Turn } from "@/lib/conversation/conversation-types";
import { findDialectProblem } from "@/lib/request/moonshot-json-schema";
import { applyConversationFix, withKimiToolCallIds, withRestoredReasoning } from "./tool-loop-fixes";

const call = (id: string, city = "Paris") => ({ id, type: "function", function: { name: "get_weather", arguments: JSON.stringify({ city }) } });
const assistant = (id: string, calls: ReturnType<typeof call>[], reasoning = ""): Turn => ({ id, role: "assistant", providerId: "moonshot", model: "kimi-k2.6", content: "", reasoning, status: "done", toolCalls: calls, createdAt: 0 });
const result = (toolCallId: string): Turn => ({ id: `r-${toolCallId}`, role: "tool", toolCallId, content: "18", createdAt: 0 });
const conversation = (turns: Turn[], parameters: Record<string, unknown> = {}): Conversation => ({ id: "c", providerId: "moonshot", model: "kimi-k2.6", systemPrompt: "", parameters, draft: "", draftAttachments: [], turns, updatedAt: 0 });

describe("tool-loop fixes", () => {
  it("renames rewritten ids to Kimi's, in calls and results, keeping ids already in Kimi's format", () => {
    const turns = withKimiToolCallIds([assistant("a1", [call("call_x"), call("get_weather_1")]), result("call_x"), result("get_weather_1"), assistant("a2", [call("call_y")]), result("call_y")]);
    expect(turns.flatMap((turn) => (turn.role === "assistant" ? turn.toolCalls!.map((c) => c.id) : turn.role === "tool" ? [turn.toolCallId] : []))).toEqual([
      "functions.get_weather:0",
      "get_weather_1",
      "functions.get_weather:0",
      "get_weather_1",
      "functions.get_weather:2",
      "functions.get_weather:2",
    ]);
  });

  it("drops an orphan result, sets tool_choice auto, and rewrites schemas into the dialect", () => {
    const base = conversation([assistant("a", [call("get_weather_0")]), result("get_weather_0"), result("call_gone")], {
      tool_choice: "required",
      tools: [{ type: "function", function: { name: "t", parameters: { type: "object", properties: { pair: { type: "array", items: [{ type: "number" }, { type: "string" }] }, unit: { type: "string", anyOf: [{ const: "c" }, { const: "f" }] } } } } }],
      response_format: { type: "json_schema", json_schema: { name: "x", schema: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties: {} } } },
    });
    expect(applyConversationFix({ conversation: base, fix: { kind: "drop-tool-result", toolCallId: "call_gone" } }).turns.map((turn) => turn.id)).toEqual(["a", "r-get_weather_0"]);
    expect(applyConversationFix({ conversation: base, fix: { kind: "tool-choice-auto" } }).parameters.tool_choice).toBe("auto");
    const tool = applyConversationFix({ conversation: base, fix: { kind: "rewrite-schema", tool: 0 } }).parameters.tools as Array<{ function: { parameters: unknown } }>;
    expect(tool[0]!.function.parameters).toEqual({
      type: "object",
      properties: { pair: { type: "array", prefixItems: [{ type: "number" }, { type: "string" }] }, unit: { anyOf: [{ type: "string", const: "c" }, { type: "string", const: "f" }] } },
    });
    expect(findDialectProblem(tool[0]!.function.parameters, { use: "tool-parameters" })).toBeUndefined();
    const format = applyConversationFix({ conversation: base, fix: { kind: "rewrite-schema" } }).parameters.response_format as { json_schema: { schema: unknown } };
    expect(format.json_schema.schema).toEqual({ type: "object", properties: {} });
  });

  it("restores reasoning from a saved conversation with the same calls, by id or by name and arguments", () => {
    const current = conversation([assistant("a", [call("call_x")]), result("call_x")]);
    const original = conversation([assistant("o", [call("get_weather_0")], "I need the weather.")]);
    const restored = withRestoredReasoning({ conversation: current, toolCallIds: ["call_x"], saved: [original] });
    expect(restored?.turns[0]).toMatchObject({ reasoning: "I need the weather." });
    const otherCity = conversation([assistant("o", [call("get_weather_0", "Rome")], "Rome.")]);
    expect(withRestoredReasoning({ conversation: current, toolCallIds: ["call_x"], saved: [otherCity] })).toBeUndefined();
  });
});
