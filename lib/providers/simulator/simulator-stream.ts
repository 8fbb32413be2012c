import { sleep } from "@/lib/async/sleep";
import type { PlannedChoice } from "./simulator-plan";

/** Moonshot-style usage as the simulator reports it. */
export interface SimulatorUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cached_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

/** Pace of a simulated stream. */
export interface StreamPace {
  tokensPerSecond: number;
  firstTokenMs: number;
}

interface Stamp {
  id: string;
  created: number;
  model: string;
}

type Delta = Record<string, unknown>;

/** The chunks of one simulated stream in order; `token` marks chunks that carry one generated token. */
function* streamEvents({
  choices,
  usage,
  stamp,
  includeUsage,
}: {
  choices: PlannedChoice[];
  usage: SimulatorUsage;
  stamp: Stamp;
  includeUsage: boolean;
}): Generator<{ payload: string; token: boolean }> {
  const chunk = (index: number, delta: Delta, finishReason: string | null = null, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      id: stamp.id,
      object: "chat.completion.chunk",
      created: stamp.created,
      model: stamp.model,
      choices: [{ index, delta, finish_reason: finishReason, ...extra }],
    });
  for (const [position, choice] of choices.entries()) {
    yield { payload: chunk(choice.index, { role: "assistant", content: "" }), token: false };
    for (const piece of choice.reasoningPieces) yield { payload: chunk(choice.index, { reasoning_content: piece }), token: true };
    for (const piece of choice.contentPieces) yield { payload: chunk(choice.index, { content: piece }), token: true };
    for (const [callIndex, call] of choice.toolCalls.entries()) {
      yield {
        payload: chunk(choice.index, { tool_calls: [{ index: callIndex, id: call.id, type: call.type, function: { name: call.name, arguments: "" } }] }),
        token: false,
      };
      for (const piece of call.argumentPieces) {
        yield { payload: chunk(choice.index, { tool_calls: [{ index: callIndex, function: { arguments: piece } }] }), token: true };
      }
    }
    // Moonshot reports usage inside the finishing choice (documented and recorded).
    const last = position === choices.length - 1;
    yield { payload: chunk(choice.index, {}, choice.finishReason, last ? { usage } : {}), token: false };
  }
  if (includeUsage) {
    yield { payload: JSON.stringify({ id: stamp.id, object: "chat.completion.chunk", created: stamp.created, model: stamp.model, choices: [], usage }), token: false };
  }
  yield { payload: "[DONE]", token: false };
}

/**
 * An SSE body in Moonshot's format, paced at `tokensPerSecond` after `firstTokenMs`. Each chunk is
 * enqueued on its own (the consumer pulls one at a time), so nothing is coalesced. With
 * `dropAfterTokens` the body errors after that many tokens, like a dropped connection.
 */
export function createSimulatorStream({
  choices,
  usage,
  stamp,
  includeUsage,
  pace,
  dropAfterTokens,
  signal,
}: {
  choices: PlannedChoice[];
  usage: SimulatorUsage;
  stamp: Stamp;
  includeUsage: boolean;
  pace: StreamPace;
  dropAfterTokens?: number;
  signal: AbortSignal;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const events = streamEvents({ choices, usage, stamp, includeUsage });
  const cancel = new AbortController();
  const stop = AbortSignal.any([signal, cancel.signal]);
  const startedAt = performance.now();
  let tokens = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = events.next();
      if (next.done || stop.aborted) {
        controller.close();
        return;
      }
      const { payload, token } = next.value;
      if (token) {
        if (dropAfterTokens !== undefined && tokens >= dropAfterTokens) {
          controller.error(new Error("simulated connection drop"));
          return;
        }
        const dueAt = pace.firstTokenMs + (tokens * 1000) / pace.tokensPerSecond;
        tokens += 1;
        await sleep({ ms: dueAt - (performance.now() - startedAt), signal: stop });
      } else if (tokens === 0) {
        await sleep({ ms: pace.firstTokenMs - (performance.now() - startedAt), signal: stop });
      }
      if (stop.aborted) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(`data: ${payload}\n\n`));
    },
    cancel() {
      cancel.abort();
    },
  });
}

/** How long a non-streamed answer of `tokens` tokens takes at this pace. */
export function generationTimeMs({ tokens, pace }: { tokens: number; pace: StreamPace }): number {
  return pace.firstTokenMs + (tokens * 1000) / pace.tokensPerSecond;
}
