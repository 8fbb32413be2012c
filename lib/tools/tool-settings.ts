import type { Conversation, OfficialTool, RequestParameters } from "@/lib/conversation/conversation-types";
import type { ToolDefinition } from "@/lib/wire/chat-request";

// Tool settings as edits of the conversation: the request's `tools` stay the one truth (the JSON
// view shows and edits them), and what the workbench remembers beside them (which tools came from
// which official tool, which run by themselves, mocks) follows.

/** Kimi's built-in web search, as `tools` declares it. */
const webSearchTool: ToolDefinition = { type: "builtin_function", function: { name: "$web_search" } };

function toolsOf(parameters: RequestParameters): ToolDefinition[] {
  return Array.isArray(parameters.tools) ? (parameters.tools as ToolDefinition[]) : [];
}

function withTools(parameters: RequestParameters, tools: ToolDefinition[]): RequestParameters {
  const { tools: _tools, ...rest } = parameters;
  return tools.length > 0 ? { ...rest, tools } : rest;
}

/** Whether the request declares $web_search. */
export function hasWebSearch(parameters: RequestParameters): boolean {
  return toolsOf(parameters).some((tool) => tool.function?.name === "$web_search");
}

/** The parameters with $web_search added (at the end of `tools`) or removed. */
export function withWebSearch({ parameters, on }: { parameters: RequestParameters; on: boolean }): RequestParameters {
  const others = toolsOf(parameters).filter((tool) => tool.function?.name !== "$web_search");
  return withTools(parameters, on ? [...others, webSearchTool] : others);
}

/** The names of the function tools the request declares (built-ins left out). */
export function functionToolNames(parameters: RequestParameters): string[] {
  return toolsOf(parameters)
    .filter((tool) => tool.type !== "builtin_function" && typeof tool.function?.name === "string")
    .map((tool) => tool.function.name);
}

/** Adds an official tool's functions to `tools`; refuses names `tools` already has (the model could not tell them apart). */
export function withOfficialTool({ conversation, uri, tools }: { conversation: Pick<Conversation, "parameters" | "officialTools">; uri: string; tools: ToolDefinition[] }): { ok: true; parameters: RequestParameters; officialTools: OfficialTool[] } | { ok: false; message: string; code: string; values: Record<string, string> } {
  if (conversation.officialTools?.some((tool) => tool.uri === uri)) return { ok: false, message: `${uri} is already added.`, code: "already-added", values: { uri } };
  const existing = new Set(toolsOf(conversation.parameters).map((tool) => tool.function?.name));
  const clash = tools.find((tool) => existing.has(tool.function.name));
  if (clash) return { ok: false, message: `tools already has a function named "${clash.function.name}"; remove it first (the model could not tell the two apart).`, code: "name-clash", values: { name: clash.function.name } };
  return {
    ok: true,
    parameters: withTools(conversation.parameters, [...toolsOf(conversation.parameters), ...tools]),
    officialTools: [...(conversation.officialTools ?? []), { uri, toolNames: tools.map((tool) => tool.function.name), autoRun: [] }],
  };
}

/** Removes an official tool and its functions from `tools`. */
export function withoutOfficialTool({ conversation, uri }: { conversation: Pick<Conversation, "parameters" | "officialTools">; uri: string }): { parameters: RequestParameters; officialTools: OfficialTool[] } {
  const removed = conversation.officialTools?.find((tool) => tool.uri === uri);
  const names = new Set(removed?.toolNames ?? []);
  return {
    parameters: withTools(conversation.parameters, toolsOf(conversation.parameters).filter((tool) => !names.has(tool.function?.name))),
    officialTools: (conversation.officialTools ?? []).filter((tool) => tool.uri !== uri),
  };
}

/** Lets one function of an official tool run without asking, or not. */
export function withAutoRun({ officialTools, uri, name, on }: { officialTools: readonly OfficialTool[]; uri: string; name: string; on: boolean }): OfficialTool[] {
  return officialTools.map((tool) => (tool.uri !== uri ? tool : { ...tool, autoRun: on ? [...new Set([...tool.autoRun, name])] : tool.autoRun.filter((candidate) => candidate !== name) }));
}

/** Official tools whose functions are still all in `tools` (a JSON edit may have removed them). */
export function presentOfficialTools(conversation: Pick<Conversation, "parameters" | "officialTools">): OfficialTool[] {
  const names = new Set(toolsOf(conversation.parameters).map((tool) => tool.function?.name));
  return (conversation.officialTools ?? []).filter((tool) => tool.toolNames.some((name) => names.has(name)));
}
