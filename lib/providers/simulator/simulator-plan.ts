import type { TextTokenizer } from "@/lib/tokens/text-tokenizer";
import type { ComposedTurn } from "./simulator-compose";

/** One choice, cut into the token-sized pieces it will be streamed as. */
export interface PlannedChoice {
  index: number;
  reasoningPieces: string[];
  contentPieces: string[];
  toolCalls: Array<{ id: string; type: string; name: string; argumentPieces: string[] }>;
  finishReason: "stop" | "length" | "tool_calls";
  completionTokens: number;
  reasoningTokens: number;
}

function cutAtStop({ text, stops }: { text: string; stops: readonly string[] }): { text: string; stopped: boolean } {
  let cut = -1;
  for (const stop of stops) {
    const at = stop === "" ? -1 : text.indexOf(stop);
    if (at !== -1 && (cut === -1 || at < cut)) cut = at;
  }
  return cut === -1 ? { text, stopped: false } : { text: text.slice(0, cut), stopped: true };
}

/**
 * Cuts a composed turn into streamable pieces, applying `stop` sequences to the answer and
 * `max_tokens` to everything generated (reasoning counts against it, as on Moonshot).
 */
export function planChoice({
  turn,
  index,
  maxTokens,
  stops,
  tokenizer,
  exactLengths = {},
}: {
  turn: ComposedTurn;
  index: number;
  maxTokens: number;
  stops: readonly string[];
  tokenizer: TextTokenizer;
  /** Exact reasoning / answer lengths a `[[sim ...]]` directive asked for. */
  exactLengths?: { reasoningTokens?: number; answerTokens?: number };
}): PlannedChoice {
  let budget = maxTokens;
  let truncated = false;
  const take = (pieces: string[]): string[] => {
    if (pieces.length <= budget) {
      budget -= pieces.length;
      return pieces;
    }
    truncated = true;
    const kept = pieces.slice(0, Math.max(0, budget));
    budget = 0;
    return kept;
  };
  const exact = (pieces: string[], length: number | undefined) => (length === undefined ? pieces : pieces.slice(0, length));
  const reasoningPieces = take(exact(tokenizer.split(turn.reasoning), exactLengths.reasoningTokens));
  const content = cutAtStop({ text: turn.content, stops });
  const contentPieces = take(turn.toolCalls.length > 0 ? [] : exact(tokenizer.split(content.text), exactLengths.answerTokens));
  const toolCalls = turn.toolCalls.map((call) => ({
    id: call.id,
    type: call.type,
    name: call.name,
    argumentPieces: take(tokenizer.split(call.arguments)),
  }));
  const toolTokens = toolCalls.reduce((sum, call) => sum + call.argumentPieces.length, 0);
  return {
    index,
    reasoningPieces,
    contentPieces,
    toolCalls: truncated ? [] : toolCalls,
    finishReason: truncated ? "length" : toolCalls.length > 0 ? "tool_calls" : "stop",
    completionTokens: reasoningPieces.length + contentPieces.length + (truncated ? 0 : toolTokens),
    reasoningTokens: reasoningPieces.length,
  };
}
