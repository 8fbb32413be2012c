import type { Conversation, ToolResultSource } from "@/lib/conversation/conversation-types";
import type { ToolCall } from "@/lib/wire/chat-request";

/** How a tool call gets its result. */
export type ToolAnswerPlan =
  /** Kimi's $web_search: the call's own arguments go back; Moonshot runs the search. */
  | { kind: "web-search" }
  /** An official tool the user lets run: the workbench runs the fiber. */
  | { kind: "official-tool"; uri: string }
  /** A mock: its template filled with the call's arguments. */
  | { kind: "mock"; template: string }
  /** An official tool the user has not allowed: it waits, and can be run once by hand. */
  | { kind: "official-tool-manual"; uri: string }
  /** Nothing automatic: the user writes the result. */
  | { kind: "manual" };

/** Whether a plan runs without the user. */
export function isAutomatic(plan: ToolAnswerPlan): boolean {
  return plan.kind === "web-search" || plan.kind === "official-tool" || plan.kind === "mock";
}

/** The source recorded on a result the workbench produced. */
export function sourceOf(plan: ToolAnswerPlan): ToolResultSource | undefined {
  if (plan.kind === "web-search") return "web-search";
  if (plan.kind === "official-tool" || plan.kind === "official-tool-manual") return "official-tool";
  if (plan.kind === "mock") return "mock";
  return undefined;
}

/** How each call of an answer gets its result, from the conversation's tool settings. A mock wins over everything but web search. */
export function planToolAnswers({ toolCalls, conversation }: { toolCalls: readonly ToolCall[]; conversation: Pick<Conversation, "officialTools" | "toolMocks"> }): ToolAnswerPlan[] {
  return toolCalls.map((call) => {
    const name = call.function.name;
    if (name === "$web_search") return { kind: "web-search" };
    const mock = conversation.toolMocks?.[name];
    if (mock !== undefined) return { kind: "mock", template: mock };
    const official = conversation.officialTools?.find((tool) => tool.toolNames.includes(name));
    if (official) return official.autoRun.includes(name) ? { kind: "official-tool", uri: official.uri } : { kind: "official-tool-manual", uri: official.uri };
    return { kind: "manual" };
  });
}

function readArguments(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function lookup(source: Record<string, unknown>, path: string): unknown {
  let value: unknown = source;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * A mock's result for one call: `{{city}}` (or `{{address.city}}`, or `{{arguments}}` for all of
 * them) replaced by the call's arguments. Inside a JSON string a value is escaped for that string;
 * elsewhere it is written as JSON, so `{"n": {{count}}}` stays valid JSON.
 */
export function fillMockTemplate({ template, argumentsText }: { template: string; argumentsText: string }): string {
  const args = readArguments(argumentsText);
  let inString = false;
  let result = "";
  for (let index = 0; index < template.length; index += 1) {
    const character = template[index]!;
    if (character === "{" && template[index + 1] === "{") {
      const end = template.indexOf("}}", index + 2);
      if (end > index) {
        const path = template.slice(index + 2, end).trim();
        const value = path === "arguments" ? args : lookup(args, path);
        if (inString) result += (typeof value === "string" ? JSON.stringify(value).slice(1, -1) : value === undefined ? "" : JSON.stringify(JSON.stringify(value)).slice(1, -1));
        else result += value === undefined ? "null" : JSON.stringify(value);
        index = end + 1;
        continue;
      }
    }
    if (character === '"' && template[index - 1] !== "\\") inString = !inString;
    result += character;
  }
  return result;
}

/** What a $web_search call says about the search: the query (when given) and the tokens its results add to the next prompt. */
export function readWebSearch(argumentsText: string): { query?: string; tokens?: number; searchId?: string } {
  const args = readArguments(argumentsText);
  const result = (typeof args.search_result === "object" && args.search_result !== null ? args.search_result : {}) as Record<string, unknown>;
  const usage = (typeof args.usage === "object" && args.usage !== null ? args.usage : {}) as Record<string, unknown>;
  const query = typeof result.query === "string" ? result.query : typeof args.query === "string" ? args.query : undefined;
  return {
    ...(query ? { query } : {}),
    ...(typeof usage.total_tokens === "number" ? { tokens: usage.total_tokens } : {}),
    ...(typeof result.search_id === "string" ? { searchId: result.search_id } : {}),
  };
}

/** Tool-call rounds since the last user message: the workbench stops answering automatically after a limit. */
export function toolRoundsSinceUser(turns: Conversation["turns"]): number {
  let rounds = 0;
  for (let index = turns.length - 1; index >= 0; index -= 1) {
    const turn = turns[index]!;
    if (turn.role === "user") break;
    if (turn.role === "assistant" && (turn.toolCalls?.length ?? 0) > 0) rounds += 1;
  }
  return rounds;
}

/** Automatic rounds in a row before the workbench stops and asks (a model that never stops calling would loop forever). */
export const maxAutomaticToolRounds = 8;

/**
 * The hint in an empty tool-result box, from what the request declares about the tool: its
 * description and the arguments the model passed (it used to suggest a weather reading for any tool).
 */
export function toolResultPlaceholder({ call, tools }: { call: ToolCall; tools: unknown }): string {
  const declared = Array.isArray(tools) ? (tools as Array<{ function?: { name?: unknown; description?: unknown } }>).find((tool) => tool?.function?.name === call.function.name)?.function : undefined;
  const description = typeof declared?.description === "string" && declared.description.trim() ? declared.description.trim().replace(/\.$/, "") : undefined;
  const argumentsText = call.function.arguments.length > 60 ? `${call.function.arguments.slice(0, 57)}…` : call.function.arguments;
  return `What ${call.function.name} returns for ${argumentsText || "{}"}${description ? ` (${description})` : ""}, as JSON or text`;
}
