import { describe, expect, it } from "vitest";
import { expectWordedAsEnglish } from "@/testing/catalog-wording";
import type { Conversation } from "@/lib/conversation/conversation-types";
import { fillMockTemplate, isAutomatic, planToolAnswers, readWebSearch, toolResultPlaceholder, toolRoundsSinceUser } from "./tool-answers";
import { functionToolNames, hasWebSearch, presentOfficialTools, withAutoRun, withOfficialTool, withoutOfficialTool, withWebSearch } from "./tool-settings";

const call = (name: string, args = "{}") => ({ id: `${name}_0`, type: "function", function: { name, arguments: args } });

describe("tool answers", () => {
  it("plans each call: web search echoes, mocks fill, allowed official tools run, the rest waits", () => {
    const conversation = { officialTools: [{ uri: "moonshot/convert:latest", toolNames: ["convert", "units"], autoRun: ["convert"] }], toolMocks: { get_weather: '{"t": 1}' } };
    const plans = planToolAnswers({ toolCalls: [call("$web_search"), call("get_weather"), call("convert"), call("units"), call("lookup")], conversation });
    expect(plans).toEqual([
      { kind: "web-search" },
      { kind: "mock", template: '{"t": 1}' },
      { kind: "official-tool", uri: "moonshot/convert:latest" },
      { kind: "official-tool-manual", uri: "moonshot/convert:latest" },
      { kind: "manual" },
    ]);
    expect(plans.map(isAutomatic)).toEqual([true, true, true, false, false]);
  });

  it("fills a mock template with the call's arguments, escaped inside strings and as JSON outside", () => {
    const args = JSON.stringify({ city: 'Pa"ris', days: 3, where: { lat: 1 } });
    expect(fillMockTemplate({ template: '{"city": "{{city}}", "days": {{days}}, "at": {{where}}, "lat": {{where.lat}}, "missing": {{nope}}}', argumentsText: args })).toBe(
      '{"city": "Pa\\"ris", "days": 3, "at": {"lat":1}, "lat": 1, "missing": null}',
    );
    expect(JSON.parse(fillMockTemplate({ template: '{"echo": {{arguments}}, "note": "days={{days}}"}', argumentsText: args }))).toEqual({ echo: { city: 'Pa"ris', days: 3, where: { lat: 1 } }, note: "days=3" });
    expect(fillMockTemplate({ template: "plain text, no JSON", argumentsText: "not json" })).toBe("plain text, no JSON");
  });

  it("reads what a $web_search call says about its search", () => {
    expect(readWebSearch('{"search_result":{"search_id":"abc","query":"kimi"},"usage":{"total_tokens":2345}}')).toEqual({ query: "kimi", tokens: 2345, searchId: "abc" });
    expect(readWebSearch('{"search_result":{"search_id":"abc"}}')).toEqual({ searchId: "abc" });
    expect(readWebSearch("garbage")).toEqual({});
  });

  it("hints at a tool's result from its declaration and the call's arguments, not with a weather example", () => {
    const tools = [{ type: "function", function: { name: "lookup_order", description: "Finds an order by its number.", parameters: {} } }];
    expect(toolResultPlaceholder({ call: { id: "lookup_order:0", type: "function", function: { name: "lookup_order", arguments: '{"number":"A-17"}' } }, tools })).toBe('What lookup_order returns for {"number":"A-17"} (Finds an order by its number), as JSON or text');
    expect(toolResultPlaceholder({ call: { id: "x", type: "function", function: { name: "undeclared", arguments: "" } }, tools: undefined })).toBe("What undeclared returns for {}, as JSON or text");
  });

  it("counts tool rounds since the last user message", () => {
    const turns = [
      { id: "u", role: "user", content: "x", createdAt: 0 },
      { id: "a1", role: "assistant", providerId: "simulator", model: "m", content: "", reasoning: "", status: "done", toolCalls: [call("a")], createdAt: 0 },
      { id: "t1", role: "tool", toolCallId: "a_0", content: "1", createdAt: 0 },
      { id: "a2", role: "assistant", providerId: "simulator", model: "m", content: "", reasoning: "", status: "done", toolCalls: [call("a")], createdAt: 0 },
    ] as Conversation["turns"];
    expect(toolRoundsSinceUser(turns)).toBe(2);
    expect(toolRoundsSinceUser([...turns, { id: "u2", role: "user", content: "y", createdAt: 0 }])).toBe(0);
  });
});

describe("tool settings", () => {
  const weather = { type: "function", function: { name: "get_weather", parameters: { type: "object" } } };
  it("adds and removes $web_search without touching other tools", () => {
    const on = withWebSearch({ parameters: { tools: [weather], temperature: 1 }, on: true });
    expect(on).toEqual({ temperature: 1, tools: [weather, { type: "builtin_function", function: { name: "$web_search" } }] });
    expect(hasWebSearch(on)).toBe(true);
    expect(functionToolNames(on)).toEqual(["get_weather"]);
    expect(withWebSearch({ parameters: withWebSearch({ parameters: {}, on: true }), on: false })).toEqual({});
  });

  it("adds an official tool's functions, refuses clashing names, and removes them again", () => {
    const convert = { type: "function", function: { name: "convert" } };
    const added = withOfficialTool({ conversation: { parameters: { tools: [weather] } }, uri: "moonshot/convert:latest", tools: [convert] });
    if (!added.ok) throw new Error(added.message);
    expect(added.parameters.tools).toEqual([weather, convert]);
    expect(withOfficialTool({ conversation: { parameters: added.parameters }, uri: "other/convert:1", tools: [convert] })).toMatchObject({ ok: false, code: "name-clash", message: expect.stringContaining('already has a function named "convert"') });
    const refused = withOfficialTool({ conversation: { parameters: added.parameters }, uri: "other/convert:1", tools: [convert] });
    if (!refused.ok) expectWordedAsEnglish({ namespace: "officialToolProblems", items: [{ code: refused.code, values: refused.values, english: refused.message }] });
    const allowed = withAutoRun({ officialTools: added.officialTools, uri: "moonshot/convert:latest", name: "convert", on: true });
    expect(allowed[0]!.autoRun).toEqual(["convert"]);
    expect(presentOfficialTools({ parameters: { tools: [weather] }, officialTools: allowed })).toEqual([]);
    const removed = withoutOfficialTool({ conversation: { parameters: added.parameters, officialTools: allowed }, uri: "moonshot/convert:latest" });
    expect(removed).toEqual({ parameters: { tools: [weather] }, officialTools: [] });
  });
});
