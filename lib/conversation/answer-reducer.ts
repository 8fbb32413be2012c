import type { ToolCall } from "@/lib/wire/chat-request";
import type { Usage } from "@/lib/wire/chat-response";
import type { ChatStreamEvent, ReportedError } from "@/lib/wire/chat-stream-events";
import type { RetryNoticeData } from "@/lib/wire/retry-notice";
import type { AssistantTurn, TurnTimings } from "./conversation-types";

// The stream loop as a pure function: the events of a gateway stream, each with the moment it
// arrived, add up to an answer. The page, a run of many cells, or a test can drive it alike.

/** Another choice of an `n` > 1 request (the first choice is the answer itself). */
export interface OtherChoice {
  content: string;
  reasoning: string;
  finishReason: string | null;
}

/** What the events of one answer add up to so far. */
export interface AnswerProgress {
  /** The first choice's text and reasoning (what streams on screen). */
  content: string;
  reasoning: string;
  /** The first choice's tool calls, merged from their deltas by index (only those can be answered). */
  toolCalls: ToolCall[];
  /** Choices 1…n-1, kept beside the first. */
  otherChoices: OtherChoice[];
  finishReason: string | null;
  usage?: Usage;
  /** The gateway's final error event, or a stream that stopped early. */
  error?: ReportedError;
  /** `[DONE]` arrived. */
  completed: boolean;
  /** The gateway's latest retry notice (the attempt it is waiting to make), until the answer starts. */
  retry?: RetryNoticeData;
  /** When the request was sent, and when the first reasoning and answer tokens arrived (performance.now()). */
  startedAt: number;
  reasoningStartedAt?: number;
  answerStartedAt?: number;
}

/** Where a streaming answer is, for its label. */
export type AnswerPhase = "waiting" | "reasoning" | "answering";

/** How the stream ended, as far as the reader of it knows. */
export type StreamEnding =
  /** The events ended (with `done`, an error event, or a body that stopped early). */
  | { kind: "ended" }
  /** The user pressed Stop (or left): the request was aborted. */
  | { kind: "stopped" }
  /** The page went away while it streamed (found on the next load). */
  | { kind: "interrupted" }
  /** Reading failed in the client (the connection broke without an error event). */
  | { kind: "failed"; error: ReportedError };

/** An answer before its first event. */
export function startAnswerProgress({ at }: { at: number }): AnswerProgress {
  return { content: "", reasoning: "", toolCalls: [], otherChoices: [], finishReason: null, completed: false, startedAt: at };
}

/** The phase an answer is in. */
export function answerPhase(progress: Pick<AnswerProgress, "reasoningStartedAt" | "answerStartedAt">): AnswerPhase {
  return progress.answerStartedAt !== undefined ? "answering" : progress.reasoningStartedAt !== undefined ? "reasoning" : "waiting";
}

function otherChoice(choices: readonly OtherChoice[], index: number): OtherChoice {
  return choices[index] ?? { content: "", reasoning: "", finishReason: null };
}

function withOtherChoice(progress: AnswerProgress, choice: number, update: (current: OtherChoice) => OtherChoice): AnswerProgress {
  const otherChoices = [...progress.otherChoices];
  // Choices arrive in any order; fill the gaps so the list stays positional.
  for (let index = otherChoices.length; index < choice - 1; index += 1) otherChoices[index] = otherChoice(otherChoices, index);
  otherChoices[choice - 1] = update(otherChoice(otherChoices, choice - 1));
  return { ...progress, otherChoices };
}

/**
 * Adds one event, arrived at `at`, to an answer. Further choices (`n` > 1) are kept beside the first;
 * tool-call fragments are merged by index; the first reasoning and answer tokens are timed.
 */
export function applyStreamEvent(progress: AnswerProgress, { event, at }: { event: ChatStreamEvent; at: number }): AnswerProgress {
  switch (event.type) {
    case "reasoning":
      if (event.choice > 0) return withOtherChoice(progress, event.choice, (choice) => ({ ...choice, reasoning: choice.reasoning + event.text }));
      return { ...progress, reasoning: progress.reasoning + event.text, reasoningStartedAt: progress.reasoningStartedAt ?? at };
    case "content":
      if (event.choice > 0) return withOtherChoice(progress, event.choice, (choice) => ({ ...choice, content: choice.content + event.text }));
      return { ...progress, content: progress.content + event.text, answerStartedAt: progress.answerStartedAt ?? at };
    case "tool-call": {
      if (event.choice > 0) return progress;
      const { delta } = event;
      const toolCalls = [...progress.toolCalls];
      for (let index = toolCalls.length; index < delta.index; index += 1) toolCalls[index] ??= { id: "", type: "function", function: { name: "", arguments: "" } };
      const current = toolCalls[delta.index] ?? { id: "", type: "function", function: { name: "", arguments: "" } };
      toolCalls[delta.index] = {
        id: delta.id || current.id,
        type: delta.type || current.type,
        function: { name: current.function.name + (delta.function?.name ?? ""), arguments: current.function.arguments + (delta.function?.arguments ?? "") },
      };
      return { ...progress, toolCalls };
    }
    case "finish":
      if (event.choice > 0) return withOtherChoice(progress, event.choice, (choice) => ({ ...choice, finishReason: event.reason }));
      return { ...progress, finishReason: event.reason };
    case "usage":
      return { ...progress, usage: event.usage };
    case "error":
      return { ...progress, error: event.error };
    case "retry":
      return { ...progress, retry: event.notice };
    case "done":
      return { ...progress, completed: true };
  }
}

/** Timings of an answer: first token, thinking time, total, and tokens per second from the usage. */
export function measureTimings({ progress, endedAt }: { progress: Pick<AnswerProgress, "startedAt" | "reasoningStartedAt" | "answerStartedAt" | "usage">; endedAt: number }): TurnTimings {
  const firstTokenAt = Math.min(progress.reasoningStartedAt ?? Infinity, progress.answerStartedAt ?? Infinity);
  const timings: TurnTimings = { totalMs: endedAt - progress.startedAt };
  if (Number.isFinite(firstTokenAt)) {
    timings.firstTokenMs = firstTokenAt - progress.startedAt;
    const generationSeconds = (endedAt - firstTokenAt) / 1000;
    if (progress.usage && generationSeconds > 0) timings.tokensPerSecond = progress.usage.completion_tokens / generationSeconds;
  }
  if (progress.reasoningStartedAt !== undefined) timings.thinkingMs = (progress.answerStartedAt ?? endedAt) - progress.reasoningStartedAt;
  return timings;
}

/** The fields of an assistant turn once its stream has ended. */
export type FinishedAnswer = Pick<AssistantTurn, "content" | "reasoning" | "status" | "finishReason" | "toolCalls" | "otherChoices" | "usage" | "error" | "timings">;

/**
 * What an answer becomes when its stream ends: done only with `[DONE]` and no error; stopped when
 * the user stopped it; interrupted when the page went away; an error otherwise (with what arrived
 * kept). Timings are measured up to `endedAt`.
 */
export function finishAnswer({ progress, ending, endedAt }: { progress: AnswerProgress; ending: StreamEnding; endedAt: number }): FinishedAnswer {
  const error = ending.kind === "failed" ? ending.error : ending.kind === "ended" ? progress.error : undefined;
  const status: AssistantTurn["status"] =
    ending.kind === "stopped" ? "stopped" : ending.kind === "interrupted" ? "interrupted" : error ? "error" : progress.completed ? "done" : "error";
  return {
    content: progress.content,
    reasoning: progress.reasoning,
    status,
    finishReason: progress.finishReason,
    ...(progress.toolCalls.length > 0 ? { toolCalls: progress.toolCalls } : {}),
    ...(progress.otherChoices.length > 0 ? { otherChoices: progress.otherChoices } : {}),
    ...(progress.usage ? { usage: progress.usage } : {}),
    ...(error ? { error } : {}),
    timings: measureTimings({ progress, endedAt }),
  };
}

/** Runs a whole stream through the reducer (for tests and for answers read without a screen). */
export function reduceStream({ events, startedAt }: { events: ReadonlyArray<{ event: ChatStreamEvent; at: number }>; startedAt: number }): AnswerProgress {
  return events.reduce(applyStreamEvent, startAnswerProgress({ at: startedAt }));
}
