import { describe, expect, it } from "vitest";
import type { ChatStreamEvent } from "@/lib/wire/chat-stream-events";
import { answerPhase, applyStreamEvent, finishAnswer, reduceStream, startAnswerProgress } from "./answer-reducer";

/** Events with arrival times: `[ms, event]` pairs. */
const timed = (...pairs: Array<[number, ChatStreamEvent]>) => pairs.map(([at, event]) => ({ at, event }));
const usage = { prompt_tokens: 12, completion_tokens: 90, total_tokens: 102, completion_tokens_details: { reasoning_tokens: 40 } };

describe("the answer reducer", () => {
  it("adds reasoning and answer, timing the first token, the thinking and the speed", () => {
    const events = timed(
      [350, { type: "reasoning", text: "The user asks ", choice: 0 }],
      [900, { type: "reasoning", text: "about closures.", choice: 0 }],
      [1350, { type: "content", text: "A closure ", choice: 0 }],
      [2000, { type: "content", text: "keeps its scope.", choice: 0 }],
      [2100, { type: "finish", reason: "stop", choice: 0 }],
      [2100, { type: "usage", usage }],
      [2100, { type: "done" }],
    );
    const progress = reduceStream({ events, startedAt: 100 });
    expect(answerPhase(progress)).toBe("answering");
    expect(finishAnswer({ progress, ending: { kind: "ended" }, endedAt: 2150 })).toEqual({
      content: "A closure keeps its scope.",
      reasoning: "The user asks about closures.",
      status: "done",
      finishReason: "stop",
      usage,
      // 90 completion tokens over the 1.8 s from the first token to the end.
      timings: { totalMs: 2050, firstTokenMs: 250, thinkingMs: 1000, tokensPerSecond: 50 },
    });
  });

  it("reports the phase as the stream goes: waiting, reasoning, answering", () => {
    let progress = startAnswerProgress({ at: 0 });
    expect(answerPhase(progress)).toBe("waiting");
    progress = applyStreamEvent(progress, { event: { type: "reasoning", text: "…", choice: 0 }, at: 10 });
    expect(answerPhase(progress)).toBe("reasoning");
    progress = applyStreamEvent(progress, { event: { type: "content", text: "Hi", choice: 0 }, at: 20 });
    expect(answerPhase(progress)).toBe("answering");
  });

  it("merges tool-call fragments by index, keeping ids and names from their first fragment", () => {
    const events = timed(
      [10, { type: "tool-call", delta: { index: 0, id: "call_a", type: "function", function: { name: "get_weather", arguments: "" } }, choice: 0 }],
      [11, { type: "tool-call", delta: { index: 1, id: "call_b", type: "function", function: { name: "get_time", arguments: '{"tz":' } }, choice: 0 }],
      [12, { type: "tool-call", delta: { index: 0, function: { arguments: '{"city":"杭州"}' } }, choice: 0 }],
      [13, { type: "tool-call", delta: { index: 1, id: "", function: { arguments: '"UTC"}' } }, choice: 0 }],
      [14, { type: "finish", reason: "tool_calls", choice: 0 }],
      [14, { type: "done" }],
    );
    const finished = finishAnswer({ progress: reduceStream({ events, startedAt: 0 }), ending: { kind: "ended" }, endedAt: 20 });
    expect(finished.toolCalls).toEqual([
      { id: "call_a", type: "function", function: { name: "get_weather", arguments: '{"city":"杭州"}' } },
      { id: "call_b", type: "function", function: { name: "get_time", arguments: '{"tz":"UTC"}' } },
    ]);
    expect(finished.finishReason).toBe("tool_calls");
    expect(finished.status).toBe("done");
    // A tool-call turn has no text, so no answer token was timed.
    expect(finished.timings).toEqual({ totalMs: 20 });
  });

  it("keeps further choices (n > 1) beside the first, which is the answer shown", () => {
    const events = timed(
      [10, { type: "content", text: "First", choice: 0 }],
      [11, { type: "reasoning", text: "think 3", choice: 2 }],
      [12, { type: "content", text: "Second", choice: 1 }],
      [13, { type: "content", text: "Third", choice: 2 }],
      [14, { type: "tool-call", delta: { index: 0, id: "ignored", function: { name: "f", arguments: "{}" } }, choice: 1 }],
      [15, { type: "finish", reason: "stop", choice: 1 }],
      [15, { type: "finish", reason: "length", choice: 2 }],
      [15, { type: "finish", reason: "stop", choice: 0 }],
      [15, { type: "done" }],
    );
    const finished = finishAnswer({ progress: reduceStream({ events, startedAt: 0 }), ending: { kind: "ended" }, endedAt: 16 });
    expect(finished.content).toBe("First");
    expect(finished.otherChoices).toEqual([
      { content: "Second", reasoning: "", finishReason: "stop" },
      { content: "Third", reasoning: "think 3", finishReason: "length" },
    ]);
    // Only the first choice's tool calls can be answered.
    expect(finished.toolCalls).toBeUndefined();
  });

  it("keeps what arrived before the gateway's error event and reports the error", () => {
    const error = { status: 502, type: "upstream_connection_error", message: "The connection to the upstream dropped mid-stream (other side closed)." };
    const events = timed([10, { type: "content", text: "Part of", choice: 0 }], [20, { type: "error", error }]);
    expect(finishAnswer({ progress: reduceStream({ events, startedAt: 0 }), ending: { kind: "ended" }, endedAt: 25 })).toMatchObject({ status: "error", content: "Part of", error });
  });

  it("ends as stopped when the user stops it, keeping the text", () => {
    const progress = reduceStream({ events: timed([10, { type: "content", text: "Overview", choice: 0 }]), startedAt: 0 });
    expect(finishAnswer({ progress, ending: { kind: "stopped" }, endedAt: 30 })).toMatchObject({ status: "stopped", content: "Overview" });
    expect(finishAnswer({ progress, ending: { kind: "stopped" }, endedAt: 30 })).not.toHaveProperty("error");
  });

  it("ends as interrupted when the page went away while it streamed", () => {
    const progress = reduceStream({ events: timed([10, { type: "reasoning", text: "Half a thought", choice: 0 }]), startedAt: 0 });
    expect(finishAnswer({ progress, ending: { kind: "interrupted" }, endedAt: 30 })).toMatchObject({ status: "interrupted", reasoning: "Half a thought", timings: { thinkingMs: 20 } });
  });

  it("reports a failure on the client's side (the request never reached the gateway)", () => {
    const error = { type: "network_error", message: "Could not reach the workbench server. Is it still running?" };
    expect(finishAnswer({ progress: startAnswerProgress({ at: 0 }), ending: { kind: "failed", error }, endedAt: 5 })).toEqual({ content: "", reasoning: "", status: "error", finishReason: null, error, timings: { totalMs: 5 } });
  });

  it("is an error, not done, when the events end without [DONE]", () => {
    const progress = reduceStream({ events: timed([10, { type: "content", text: "Hi", choice: 0 }], [11, { type: "finish", reason: "stop", choice: 0 }]), startedAt: 0 });
    expect(finishAnswer({ progress, ending: { kind: "ended" }, endedAt: 12 }).status).toBe("error");
  });

  it("never changes the progress it is given", () => {
    const before = startAnswerProgress({ at: 0 });
    const snapshot = JSON.stringify(before);
    applyStreamEvent(before, { event: { type: "tool-call", delta: { index: 0, id: "x", function: { name: "f" } }, choice: 0 }, at: 1 });
    applyStreamEvent(before, { event: { type: "content", text: "y", choice: 1 }, at: 1 });
    expect(JSON.stringify(before)).toBe(snapshot);
  });
});
