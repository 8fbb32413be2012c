import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { undoableDeletes } from "./undoable-deletes";

describe("undoable deletes", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function track() {
    const events: string[] = [];
    return { events, hide: () => void events.push("hide"), commit: () => void events.push("commit"), restore: () => void events.push("restore") };
  }

  it("hides at once and deletes for good when the undo window has passed", async () => {
    const calls = track();
    undoableDeletes.schedule({ id: "a", title: "A", scope: "preset", ...calls, windowMs: 5_000 });
    expect(calls.events).toEqual(["hide"]);
    expect(undoableDeletes.isPending({ id: "a", scope: "preset" })).toBe(true);
    expect(undoableDeletes.getSnapshot()).toEqual([{ id: "a", title: "A", scope: "preset" }]);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(calls.events).toEqual(["hide"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.events).toEqual(["hide", "commit"]);
    expect(undoableDeletes.getSnapshot()).toEqual([]);
  });

  it("undo restores and never deletes", async () => {
    const calls = track();
    undoableDeletes.schedule({ id: "b", title: "B", scope: "conversation", ...calls });
    await undoableDeletes.undo({ id: "b", scope: "conversation" });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.events).toEqual(["hide", "restore"]);
    expect(undoableDeletes.isPending({ id: "b", scope: "conversation" })).toBe(false);
  });

  it("commits everything pending at once when asked (leaving the page)", async () => {
    const first = track();
    const second = track();
    undoableDeletes.schedule({ id: "c", title: "C", scope: "share", ...first });
    undoableDeletes.schedule({ id: "d", title: "D", scope: "share", ...second });
    await undoableDeletes.commitAll();
    expect([first.events, second.events]).toEqual([["hide", "commit"], ["hide", "commit"]]);
  });
});
