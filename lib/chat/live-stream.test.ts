import { describe, expect, it } from "vitest";
import { measureTimings } from "./conversation-store";
import { LiveStream } from "./live-stream";

function manualFrames() {
  const pending: Array<() => void> = [];
  return { schedule: (callback: () => void) => pending.push(callback), runFrame: () => pending.splice(0).forEach((callback) => callback()) };
}

describe("LiveStream", () => {
  it("tells subscribers once per frame however many tokens arrived", () => {
    const frames = manualFrames();
    const live = new LiveStream(frames.schedule, () => 0);
    let notified = 0;
    live.subscribe(() => (notified += 1));
    for (let index = 0; index < 500; index += 1) live.append({ content: "x" });
    expect(notified).toBe(0);
    frames.runFrame();
    expect(notified).toBe(1);
    expect(live.content).toHaveLength(500);
    live.append({ content: "y" });
    frames.runFrame();
    expect(notified).toBe(2);
  });

  it("tracks the phase and when reasoning and the answer started", () => {
    let now = 100;
    const live = new LiveStream(() => undefined, () => now);
    expect(live.phase).toBe("waiting");
    now = 400;
    live.append({ reasoning: "hmm" });
    expect(live.phase).toBe("reasoning");
    now = 2400;
    live.append({ content: "Answer" });
    expect(live.phase).toBe("answering");
    expect(live.thinkingMs).toBe(2000);
    expect(measureTimings({ live, endedAt: 4400, usage: { prompt_tokens: 10, completion_tokens: 80, total_tokens: 90 } })).toEqual({
      totalMs: 4300,
      firstTokenMs: 300,
      thinkingMs: 2000,
      tokensPerSecond: 20,
    });
  });
});
