import type { LenientChunk, LenientToolCallDelta, StreamPart } from "@/lib/wire/upstream-chunk";
import { mapFinishReason } from "@/lib/wire/finish-reason";
import { serverMessage } from "@/lib/i18n/server-message";
import type { ChatCompletionChunk, ToolCallDelta, Usage } from "@/lib/wire/chat-response";
import { normalizeUsage } from "@/lib/wire/usage";
import type { UpstreamFailure } from "@/lib/wire/failure";
import type { RetryNoticeData } from "@/lib/wire/retry-notice";

/** What the gateway sends downstream, in order: chunks, then `done` or a final `error`. */
export type GatewayEvent =
  | { type: "chunk"; chunk: ChatCompletionChunk }
  /** The gateway is about to retry (only on streams whose client asked to be told). */
  | { type: "retry"; notice: RetryNoticeData }
  | { type: "error"; failure: UpstreamFailure }
  | { type: "done" };

interface ToolIndexState {
  indexById: Map<string, number>;
  nextIndex: number;
  lastIndex: number | undefined;
}

// Some upstreams omit `index` on tool-call deltas (parallel calls without index have been recorded);
// fall back to the id, then to the position of the fragment.
function assignToolCallIndexes({ state, deltas }: { state: ToolIndexState; deltas: LenientToolCallDelta[] }): ToolCallDelta[] {
  return deltas.map((delta, position) => {
    const id = delta.id ? delta.id : undefined;
    let index: number;
    if (delta.index !== null && delta.index !== undefined) {
      index = delta.index;
    } else if (id !== undefined) {
      index = state.indexById.get(id) ?? state.nextIndex;
    } else if (deltas.length === 1 && state.lastIndex !== undefined) {
      index = state.lastIndex;
    } else {
      index = position;
    }
    if (id !== undefined) state.indexById.set(id, index);
    state.nextIndex = Math.max(state.nextIndex, index + 1);
    state.lastIndex = index;
    const { index: _index, id: _id, type, function: fn, ...rest } = delta;
    const normalized: ToolCallDelta = { ...rest, index };
    if (id !== undefined) normalized.id = id;
    if (type) normalized.type = type;
    if (fn) {
      const { name, arguments: argumentsText, ...fnRest } = fn;
      normalized.function = { ...fnRest };
      if (name) normalized.function.name = name;
      if (argumentsText !== null && argumentsText !== undefined) normalized.function.arguments = argumentsText;
    }
    return normalized;
  });
}

/**
 * Turns an adapter's parts into the gateway's contract: reasoning always in `reasoning_content`,
 * tool-call deltas always with `index`, finish reasons mapped, an error (never a silent end) when
 * the stream stops early, and usage as OpenAI's contract says: when the caller asked for
 * `stream_options.include_usage`, once, in a final chunk with `choices: []`; otherwise on the
 * finishing chunk (at the top level, and inside the finishing choice where the upstream put it
 * there, as Moonshot does), so the `chunk.choices[0].delta` loop of every tutorial keeps working.
 */
export async function* normalizeStream({
  parts,
  requestedModel,
  includeUsage,
}: {
  parts: AsyncIterable<StreamPart>;
  requestedModel: string;
  /** The caller asked for `stream_options.include_usage`. */
  includeUsage: boolean;
}): AsyncGenerator<GatewayEvent> {
  let id: string | undefined;
  let created: number | undefined;
  let model: string | undefined;
  let usage: Usage | undefined;
  let finished = false;
  const toolStates = new Map<number, ToolIndexState>();
  // Without include_usage, the last finishing chunk waits for the usage, which upstreams asked for
  // it send right after (DashScope, vLLM) or inside it (Moonshot).
  let held: { chunk: ChatCompletionChunk; usageChoice?: number } | undefined;

  const stamp = () => ({
    id: id ?? "chatcmpl-gateway",
    object: "chat.completion.chunk" as const,
    created: created ?? Math.floor(Date.now() / 1000),
    model: model ?? requestedModel,
  });
  const release = (): GatewayEvent | undefined => {
    if (!held) return undefined;
    const { chunk, usageChoice } = held;
    held = undefined;
    if (!usage) return { type: "chunk", chunk };
    const choices = usageChoice === undefined ? chunk.choices : chunk.choices.map((choice) => (choice.index === usageChoice ? { ...choice, usage } : choice));
    return { type: "chunk", chunk: { ...chunk, choices, usage } };
  };

  for await (const part of parts) {
    if (part.type === "error") {
      const released = release();
      if (released) yield released;
      yield { type: "error", failure: part.failure };
      return;
    }
    if (part.type === "end") {
      if (!part.complete && !finished) {
        yield {
          type: "error",
          failure: {
            status: 502,
            type: "upstream_stream_incomplete",
            ...serverMessage({ code: "streamIncomplete" }),
            retryable: false,
          },
        };
        return;
      }
      const released = release();
      if (released) yield released;
      if (includeUsage && usage) yield { type: "chunk", chunk: { ...stamp(), choices: [], usage } };
      yield { type: "done" };
      return;
    }
    const normalized = normalizeChunk({ chunk: part.chunk, toolStates });
    id ??= part.chunk.id ?? undefined;
    created ??= part.chunk.created ?? undefined;
    model ??= part.chunk.model ?? undefined;
    if (normalized.usage) usage = normalized.usage;
    if (normalized.finished) finished = true;
    if (normalized.chunk.choices.length === 0) continue;
    const chunk: ChatCompletionChunk = { ...normalized.chunk.extra, ...stamp(), choices: normalized.chunk.choices };
    const released = release();
    if (released) yield released;
    if (!includeUsage && normalized.finished) held = { chunk, usageChoice: normalized.usageChoice };
    else yield { type: "chunk", chunk };
  }
  // The adapter always ends with an `end` part; reaching here means it stopped without one.
  yield {
    type: "error",
    failure: { status: 502, type: "upstream_stream_incomplete", ...serverMessage({ code: "streamEndedUnexpectedly" }), retryable: false },
  };
}

function normalizeChunk({
  chunk,
  toolStates,
}: {
  chunk: LenientChunk;
  toolStates: Map<number, ToolIndexState>;
}): { chunk: { choices: ChatCompletionChunk["choices"]; extra: Record<string, unknown> }; usage?: Usage; usageChoice?: number; finished: boolean } {
  const { choices, usage: topUsage, id: _id, object: _object, created: _created, model: _model, ...rest } = chunk;
  let usage = topUsage ? normalizeUsage(topUsage) : undefined;
  let finished = false;
  let usageChoice: number | undefined;
  const normalizedChoices: ChatCompletionChunk["choices"] = (choices ?? []).map((choice, position) => {
    const { index, delta, finish_reason: finishReason, usage: choiceUsage, ...choiceRest } = choice;
    const choiceIndex = index ?? position;
    if (choiceUsage) {
      usage = normalizeUsage(choiceUsage);
      usageChoice = choiceIndex;
    }
    const mappedFinish = mapFinishReason(finishReason);
    if (mappedFinish !== null) finished = true;
    const outDelta: ChatCompletionChunk["choices"][number]["delta"] & Record<string, unknown> = {};
    if (delta) {
      const { role, content, reasoning_content: reasoningContent, reasoning, tool_calls: toolCalls, ...deltaRest } = delta;
      Object.assign(outDelta, deltaRest);
      if (role === "assistant") outDelta.role = "assistant";
      if (content !== undefined) outDelta.content = content;
      const reasoningText = reasoningContent ?? reasoning;
      if (reasoningText !== undefined && reasoningText !== null) outDelta.reasoning_content = reasoningText;
      else if (reasoningContent === null) outDelta.reasoning_content = null;
      if (toolCalls && toolCalls.length > 0) {
        let state = toolStates.get(choiceIndex);
        if (!state) {
          state = { indexById: new Map(), nextIndex: 0, lastIndex: undefined };
          toolStates.set(choiceIndex, state);
        }
        outDelta.tool_calls = assignToolCallIndexes({ state, deltas: toolCalls });
      }
    }
    return { ...choiceRest, index: choiceIndex, delta: outDelta, finish_reason: mappedFinish };
  });
  return { chunk: { extra: rest, choices: normalizedChoices }, usage, ...(usageChoice !== undefined ? { usageChoice } : {}), finished };
}
