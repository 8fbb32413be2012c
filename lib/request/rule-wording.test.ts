import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import { describeModel, findModelSpec } from "@/lib/catalog/model-catalog";
import { messagesFor } from "@/lib/i18n/messages";
import { checkRequest, requestWarnings, type RuleIssue, type RuleWarning } from "./request-rules";
import { checkToolLoop, type ToolLoopFinding } from "./tool-loop-check";

// The page words a rule's message from the catalog (rules.<rule> with the issue's values); the
// gateway and the simulator send the engine's English. The two must say the same thing: every rule
// is produced here, and the English catalog, given the issue's values, must give its message exactly.

const spec = (providerId: ProviderId, model: string) => findModelSpec({ providerId, modelId: model }) ?? describeModel({ providerId, modelId: model });
const user = { role: "user", content: "hi" };
const weather = { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } };

const cases: Array<{ providerId: ProviderId; request: Record<string, unknown> }> = [
  { providerId: "moonshot", request: { model: "kimi-k3", messages: [user], thinking: { type: "enabled" }, reasoning_effort: "extreme" } },
  { providerId: "moonshot", request: { model: "kimi-k2.6", messages: [user], reasoning_effort: "high", temperature: 0.3, top_p: 3, max_completion_tokens: 0 } },
  { providerId: "moonshot", request: { model: "kimi-k2.6", messages: [user], thinking: { type: "disabled" }, temperature: 0.3, max_tokens: 10_000_000 } },
  { providerId: "moonshot", request: { model: "kimi-k2-thinking", messages: [user], thinking: { type: "disabled", keep: "all" } } },
  { providerId: "dashscope", request: { model: "kimi-k2-thinking", messages: [user], enable_thinking: false, preserve_thinking: true } },
  { providerId: "moonshot", request: { model: "kimi-k2.6", messages: [user], stop: ["", "a".repeat(40), "b", "c", "d", "e"] } },
  {
    providerId: "moonshot",
    request: {
      model: "kimi-k2.6",
      messages: [user],
      tools: [
        "not a tool",
        { type: "builtin_function", function: { name: "web_search" } },
        { type: "builtin_function", function: { name: "$web_search" } },
        { type: "tool", function: { name: "9bad name" } },
        { type: "function", function: { name: "broken", parameters: { type: "array" } } },
        { type: "function", function: { name: "tuple", parameters: { type: "object", properties: { pair: { type: "array", items: [{ type: "string" }] } } } } },
      ],
      tool_choice: "required",
    },
  },
  { providerId: "moonshot", request: { model: "kimi-k2.6", messages: [user], tools: Array.from({ length: 130 }, () => weather), tool_choice: { type: "function", function: { name: "missing" } }, thinking: { type: "disabled" } } },
  { providerId: "dashscope", request: { model: "kimi-k2.6", messages: [user], tools: [weather], tool_choice: "required", enable_thinking: false } },
  { providerId: "moonshot", request: { model: "kimi-k2.6", messages: [user], tool_choice: "sometimes" } },
  {
    providerId: "moonshot",
    request: {
      model: "kimi-k2.6",
      messages: [
        { role: "user", content: [{ type: "video_url", video_url: { url: "ms://v" } }], partial: true },
        { role: "assistant", content: "", tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "call_9", content: "{}" },
        { role: "assistant", content: "{", partial: true },
      ],
      response_format: { type: "json_object" },
    },
  },
  { providerId: "moonshot", request: { model: "moonshot-v1-8k", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AA" } }] }], response_format: { type: "xml" } } },
  { providerId: "moonshot", request: { model: "kimi-k2.6", messages: [user], response_format: { type: "json_schema", json_schema: { schema: {} } } } },
  { providerId: "moonshot", request: { model: "kimi-k2.6", messages: [user], response_format: { type: "json_schema", json_schema: { name: "answer", schema: "object" } } } },
  { providerId: "moonshot", request: { model: "kimi-k2.6", messages: [user], response_format: { type: "json_schema", json_schema: { name: "answer", schema: { type: "object", properties: { pair: { type: "array", items: [{ type: "string" }] } } } } } } },
  { providerId: "moonshot", request: { model: "kimi-k2.6", messages: [user], response_format: { type: "json_schema", json_schema: { name: "answer", schema: { type: "array", items: [{ type: "string" }] } } } } },
];

const english = createTranslator({ locale: "en", messages: messagesFor("en") }) as unknown as { (key: string, values: Record<string, string | number>): string; has(key: string): boolean };
const problems: string[] = [];
const chinese = createTranslator({ locale: "zh-CN", messages: messagesFor("zh-CN"), onError: (error) => problems.push(error.message) }) as unknown as (key: string, values: Record<string, string | number>) => string;

function produced(): { issues: RuleIssue[]; warnings: RuleWarning[]; findings: ToolLoopFinding[] } {
  const issues: RuleIssue[] = [];
  const warnings: RuleWarning[] = [];
  const findings: ToolLoopFinding[] = [];
  for (const { providerId, request } of cases) {
    issues.push(...checkRequest({ request, spec: spec(providerId, String(request.model)), providerId }));
    warnings.push(...requestWarnings({ request, spec: spec(providerId, String(request.model)), providerId }));
    findings.push(...checkToolLoop({ request, spec: spec(providerId, String(request.model)), providerId }));
  }
  const rewritten = { role: "assistant", content: "", reasoning_content: "…", tool_calls: [{ id: "call_abc", type: "function", function: { name: "get_weather", arguments: "{}" } }] };
  findings.push(...checkToolLoop({ request: { model: "kimi-k2.6", messages: [user, rewritten, { role: "tool", tool_call_id: "call_abc", content: "{}" }] }, spec: spec("moonshot", "kimi-k2.6"), providerId: "moonshot" }));
  warnings.push(...requestWarnings({ request: { model: "kimi-k2.6", messages: [user], max_completion_tokens: 800 }, spec: spec("moonshot", "kimi-k2.6"), providerId: "moonshot" }));
  return { issues, warnings, findings };
}

describe("rule messages in the catalogs", () => {
  const { issues, warnings, findings } = produced();

  it("produces every rule the catalog words, and the catalog words every rule produced", () => {
    expect([...new Set(issues.map((issue) => issue.rule))].sort()).toEqual(Object.keys(messagesFor("en").rules).sort());
    expect([...new Set(warnings.map((warning) => warning.rule))].sort()).toEqual(Object.keys(messagesFor("en").ruleWarnings).sort());
  });

  it("says in English exactly what the engine says, and formats in Chinese", () => {
    for (const issue of issues) {
      expect(english(`rules.${issue.rule}`, issue.values), issue.rule).toBe(issue.message);
      expect(chinese(`rules.${issue.rule}`, issue.values)).not.toMatch(/\{[a-zA-Z]\w*\}|^$/);
    }
    for (const warning of warnings) {
      expect(english(`ruleWarnings.${warning.rule}`, warning.values), warning.rule).toBe(warning.message);
      expect(chinese(`ruleWarnings.${warning.rule}`, warning.values)).not.toBe("");
    }
    expect(problems).toEqual([]);
  });

  it("words the tool-loop checker's own findings and every fix the same way", () => {
    const own = findings.filter((finding) => !messagesFor("en").rules[finding.rule as keyof ReturnType<typeof messagesFor>["rules"]]);
    expect([...new Set(own.map((finding) => finding.rule))]).toEqual(Object.keys(messagesFor("en").toolLoopRules));
    for (const finding of own) expect(english(`toolLoopRules.${finding.rule}`, finding.values)).toBe(finding.message);
    const fixes = findings.flatMap((finding) => finding.fixes);
    expect([...new Set(fixes.map((fix) => fix.fix.kind))].sort()).toEqual(Object.keys(messagesFor("en").toolLoopFixes).sort());
    for (const fix of fixes) expect(english(`toolLoopFixes.${fix.fix.kind}`, {})).toBe(fix.label);
    expect(problems).toEqual([]);
  });
});
