import { describe, expect, it } from "vitest";
import { LiveStream } from "./live-stream";

function manualFrames() {
  const pending: Array<() => void> = [];
  return { schedule: (callback: () => void) => pending.push(callback), runFrame: () => pending.splice(0).forEach((callback) => callback()) };
}

const content = (text: string, choice = 0) => ({ type: "content" as const, text, choice });

describe("LiveStream", () => {
  it("tells subscribers once per frame however many tokens arrived", () => {
    const frames = manualFrames();
    const live = new LiveStream(frames.schedule, () => 0);
    let notified = 0;
    live.subscribe(() => (notified += 1));
    for (let index = 0; index < 500; index += 1) live.apply(content("x"));
    expect(notified).toBe(0);
    frames.runFrame();
    expect(notified).toBe(1);
    expect(live.content).toHaveLength(500);
    live.apply(content("y"));
    frames.runFrame();
    expect(notified).toBe(2);
  });

  it("does not re-render for what is not on screen (other choices, usage)", () => {
    const frames = manualFrames();
    const live = new LiveStream(frames.schedule, () => 0);
    let notified = 0;
    live.subscribe(() => (notified += 1));
    live.apply(content("second choice", 1));
    live.apply({ type: "usage", usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } });
    frames.runFrame();
    expect(notified).toBe(0);
    expect(live.progress.otherChoices[0]?.content).toBe("second choice");
  });

  it("tracks the phase and how long the model thought", () => {
    let now = 100;
    const live = new LiveStream(() => undefined, () => now);
    expect(live.phase).toBe("waiting");
    now = 400;
    live.apply({ type: "reasoning", text: "hmm", choice: 0 });
    expect(live.phase).toBe("reasoning");
    now = 2400;
    live.apply(content("Answer"));
    expect(live.phase).toBe("answering");
    expect(live.thinkingMs).toBe(2000);
  });
});
