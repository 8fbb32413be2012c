import { describe, expect, it } from "vitest";
import { sleep } from "./sleep";

describe("sleep", () => {
  it("removes its abort listener when the time is up", async () => {
    const controller = new AbortController();
    let added = 0;
    let removed = 0;
    const signal = controller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<AbortSignal["addEventListener"]>) => {
      added += 1;
      add(...args);
    }) as AbortSignal["addEventListener"];
    signal.removeEventListener = ((...args: Parameters<AbortSignal["removeEventListener"]>) => {
      removed += 1;
      remove(...args);
    }) as AbortSignal["removeEventListener"];
    for (let index = 0; index < 20; index += 1) await sleep({ ms: 1, signal });
    expect(added).toBe(20);
    expect(removed).toBe(20);
  });

  it("ends early on abort, resolving or rejecting as asked", async () => {
    const controller = new AbortController();
    const resolving = sleep({ ms: 10_000, signal: controller.signal });
    const rejecting = sleep({ ms: 10_000, signal: controller.signal, rejectOnAbort: true });
    controller.abort(new Error("gone"));
    await expect(resolving).resolves.toBeUndefined();
    await expect(rejecting).rejects.toThrow("gone");
  });
});
