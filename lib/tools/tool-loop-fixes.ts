import type { AssistantTurn, Conversation, Turn } from "@/lib/conversation/conversation-types";
import { rewriteIntoDialect } from "@/lib/request/moonshot-json-schema";
import { kimiIdPattern, type ToolLoopFix } from "@/lib/request/tool-loop-check";
import { canonicalArguments } from "@/lib/wire/canonical-arguments";
import type { ToolCall } from "@/lib/wire/chat-request";

// The tool-loop checker's fixes, as edits of the conversation (the request is rebuilt from it).
// Thinking off and restoring reasoning need more than the conversation (the model's rules, the
// saved history) and are done by the store with the helpers below.

function isAssistant(turn: Turn): turn is AssistantTurn {
  return turn.role === "assistant";
}

/** Renames every tool-call id not in Kimi's format to `functions.<name>:<n>` (n counting all calls), in the calls and their results. */
export function withKimiToolCallIds(turns: readonly Turn[]): Turn[] {
  const renamed = new Map<string, string>();
  let count = 0;
  const withCalls = turns.map((turn) => {
    if (!isAssistant(turn) || !turn.toolCalls?.length) return turn;
    const toolCalls = turn.toolCalls.map((call): ToolCall => {
      const index = count++;
      if (kimiIdPattern.test(call.id)) return call;
      const id = `functions.${call.function.name}:${index}`;
      renamed.set(call.id, id);
      return { ...call, id };
    });
    return { ...turn, toolCalls };
  });
  return withCalls.map((turn) => (turn.role === "tool" && renamed.has(turn.toolCallId) ? { ...turn, toolCallId: renamed.get(turn.toolCallId)! } : turn));
}

/** The conversation with a fix applied, for the fixes that need nothing beyond it. */
export function applyConversationFix({ conversation, fix }: { conversation: Conversation; fix: Exclude<ToolLoopFix, { kind: "restore-reasoning" } | { kind: "thinking-off" }> }): Conversation {
  switch (fix.kind) {
    case "drop-tool-result":
      return { ...conversation, turns: conversation.turns.filter((turn) => turn.role !== "tool" || turn.toolCallId !== fix.toolCallId) };
    case "kimi-tool-call-ids":
      return { ...conversation, turns: withKimiToolCallIds(conversation.turns) };
    case "tool-choice-auto":
      return { ...conversation, parameters: { ...conversation.parameters, tool_choice: "auto" } };
    case "rewrite-schema": {
      const parameters = { ...conversation.parameters };
      if (fix.tool !== undefined && Array.isArray(parameters.tools)) {
        parameters.tools = (parameters.tools as Array<{ function?: { parameters?: unknown } }>).map((tool, index) =>
          index === fix.tool && tool.function ? { ...tool, function: { ...tool.function, parameters: rewriteIntoDialect(tool.function.parameters, { use: "tool-parameters" }) } } : tool,
        );
      } else if (fix.tool === undefined) {
        const format = parameters.response_format as { json_schema?: { schema?: unknown } } | undefined;
        if (format?.json_schema) parameters.response_format = { ...format, json_schema: { ...format.json_schema, schema: rewriteIntoDialect(format.json_schema.schema, { use: "response-format" }) } };
      }
      return { ...conversation, parameters };
    }
  }
}

/**
 * Puts back the reasoning of the turn that made `toolCallIds`, taken from another saved conversation
 * with the same calls (the same answer, e.g. before an export dropped its reasoning); undefined when
 * none has it.
 */
export function withRestoredReasoning({ conversation, toolCallIds, saved }: { conversation: Conversation; toolCallIds: readonly string[]; saved: readonly Conversation[] }): Conversation | undefined {
  // The same calls: by id, or (when an export rewrote the ids) by name and arguments.
  const byId = (calls: readonly ToolCall[] | undefined) => JSON.stringify((calls ?? []).map((call) => [call.id, call.function.name]).sort());
  const byContent = (calls: readonly ToolCall[] | undefined) => JSON.stringify((calls ?? []).map((call) => [call.function.name, canonicalArguments(call.function.arguments)]).sort());
  const target = conversation.turns.find((turn): turn is AssistantTurn => isAssistant(turn) && (turn.toolCalls ?? []).some((call) => toolCallIds.includes(call.id)));
  if (!target) return undefined;
  for (const key of [byId, byContent]) {
    const wanted = key(target.toolCalls);
    for (const other of saved) {
      const source = other.turns.find((turn): turn is AssistantTurn => isAssistant(turn) && Boolean(turn.reasoning) && key(turn.toolCalls) === wanted);
      if (source) return { ...conversation, turns: conversation.turns.map((turn) => (turn === target ? { ...target, reasoning: source.reasoning } : turn)) };
    }
  }
  return undefined;
}
