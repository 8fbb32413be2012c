import type { ModelSpec, ProviderId } from "@/lib/catalog/catalog-types";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import { checkRequest, type CheckableRequest, type RuleIssue, type RuleValues } from "./request-rules";

// The tool-loop checker: what goes wrong in tool loops with Kimi, found in a request before it is
// sent (and in imported conversations), each finding with the fixes that apply. The documented rules
// come from the rule engine (the same issues hold a request back); the checker adds what the rules
// cannot know is wrong but Kimi reads badly — tool-call ids a client rewrote — and the fixes.

/** A change that repairs a finding, applied to the conversation by the workbench. */
export type ToolLoopFix =
  /** Put back the reasoning of the turn that made these calls, from a saved conversation that has it. */
  | { kind: "restore-reasoning"; toolCallIds: string[] }
  | { kind: "thinking-off" }
  /** Drop the tool result that answers no call. */
  | { kind: "drop-tool-result"; toolCallId: string }
  /** Rename every rewritten id to Kimi's own `functions.<name>:<n>`, in calls and results alike. */
  | { kind: "kimi-tool-call-ids" }
  | { kind: "tool-choice-auto" }
  /** Rewrite a schema into Moonshot's dialect (`tools[index].function.parameters`, or the structured-output schema). */
  | { kind: "rewrite-schema"; tool?: number };

/** Something wrong in a tool loop: where, why, and how to repair it. */
export interface ToolLoopFinding {
  rule: string;
  /** `error`: the service refuses the request (it is held back); `warning`: Kimi reads it badly. */
  severity: "error" | "warning";
  path: Array<string | number>;
  /** Why, in English; the page words it from the catalog by `rule` with `values`. */
  message: string;
  values: RuleValues;
  /** Each fix with its English label (the page words it by `fix.kind`). */
  fixes: Array<{ label: string; fix: ToolLoopFix }>;
}

type Call = { id?: unknown; function?: { name?: unknown } };
type Message = { role?: unknown; tool_calls?: unknown; tool_call_id?: unknown };

/** Ids Kimi itself writes: `get_weather_0` (Moonshot), `search:0` ($web_search), `functions.get_weather:0` (open weights, vLLM/SGLang). */
export const kimiIdPattern = /^(functions\.)?[$A-Za-z0-9_.-]+[_:]\d+$/;

const toolRules = new Set(["tool-call-reasoning", "tool-result-id", "tool-choice", "tool-choice-name", "tool-schema-dialect", "json-schema-dialect", "web-search-thinking"]);

function callsOf(message: Message): Call[] {
  return message.role === "assistant" && Array.isArray(message.tool_calls) ? (message.tool_calls as Call[]) : [];
}

function fixesFor({ issue, request, spec }: { issue: RuleIssue; request: CheckableRequest; spec: ModelSpec }): ToolLoopFinding["fixes"] {
  const messages = (Array.isArray(request.messages) ? request.messages : []) as Message[];
  const canTurnThinkingOff = spec.thinking.mode === "optional" && spec.reasoningControl?.kind !== "effort";
  switch (issue.rule) {
    case "tool-call-reasoning": {
      const ids = callsOf(messages[issue.path[1] as number] ?? {}).flatMap((call) => (typeof call.id === "string" ? [call.id] : []));
      return [
        { label: "Restore the reasoning from history", fix: { kind: "restore-reasoning", toolCallIds: ids } },
        ...(canTurnThinkingOff ? [{ label: "Turn thinking off", fix: { kind: "thinking-off" } as const }] : []),
      ];
    }
    case "web-search-thinking":
      return canTurnThinkingOff ? [{ label: "Turn thinking off", fix: { kind: "thinking-off" } }] : [];
    case "tool-result-id": {
      const id = (messages[issue.path[1] as number] ?? {}).tool_call_id;
      return [{ label: "Drop this tool result", fix: { kind: "drop-tool-result", toolCallId: String(id) } }];
    }
    case "tool-choice":
    case "tool-choice-name":
      return [{ label: 'Set tool_choice to "auto"', fix: { kind: "tool-choice-auto" } }];
    case "tool-schema-dialect":
      return [{ label: "Rewrite the schema into Moonshot's dialect", fix: { kind: "rewrite-schema", tool: issue.path[1] as number } }];
    case "json-schema-dialect":
      return [{ label: "Rewrite the schema into Moonshot's dialect", fix: { kind: "rewrite-schema" } }];
    default:
      return [];
  }
}

/** Every tool-loop problem of a request, with its fixes; `issues` are the rule engine's, when already computed. */
export function checkToolLoop({ request, spec, providerId, issues = checkRequest({ request, spec, providerId }) }: { request: CheckableRequest; spec: ModelSpec; providerId: ProviderId; issues?: readonly RuleIssue[] }): ToolLoopFinding[] {
  const findings: ToolLoopFinding[] = issues
    .filter((issue) => toolRules.has(issue.rule))
    .map((issue) => ({ rule: issue.rule, severity: "error", path: issue.path, message: issue.message, values: issue.values, fixes: fixesFor({ issue, request, spec }) }));
  // DashScope writes its own call_… ids; elsewhere an id in another format was rewritten by a client.
  if (rulesFor(providerId).family === "dashscope") return findings;
  const messages = (Array.isArray(request.messages) ? request.messages : []) as Message[];
  messages.forEach((message, index) => {
    const rewritten = callsOf(message).filter((call) => typeof call.id === "string" && !kimiIdPattern.test(call.id));
    if (rewritten.length === 0) return;
    findings.push({
      rule: "tool-call-id-format",
      severity: "warning",
      path: ["messages", index, "tool_calls"],
      message: `Tool call id${rewritten.length === 1 ? "" : "s"} ${rewritten.map((call) => `"${String(call.id)}"`).join(", ")} ${rewritten.length === 1 ? "is" : "are"} not in the format Kimi writes (functions.get_weather:0, get_weather_0): a client rewrote ${rewritten.length === 1 ? "it" : "them"}. Kimi reads earlier calls by their ids; rewritten ones can make it repeat or mix up calls.`,
      values: { count: rewritten.length, ids: rewritten.map((call) => `"${String(call.id)}"`).join(", ") },
      fixes: [{ label: "Use Kimi's ids", fix: { kind: "kimi-tool-call-ids" } }],
    });
  });
  return findings;
}
