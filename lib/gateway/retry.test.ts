import { describe, expect, it } from "vitest";
import { retryDelayMs, runWithRetry, type RetryPolicy } from "./retry";
import type { UpstreamFailure } from "@/lib/wire/failure";

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 10, maxTotalWaitMs: 1_000 };
const failure = (overrides: Partial<UpstreamFailure> = {}): UpstreamFailure => ({ status: 503, type: "server_error", message: "busy", retryable: true, ...overrides });
const signal = () => new AbortController().signal;

describe("runWithRetry", () => {
  it("retries retryable failures until one succeeds", async () => {
    const seen: number[] = [];
    const report = await runWithRetry({
      attempt: async (attempt) => {
        seen.push(attempt);
        return attempt < 3 ? { ok: false as const, failure: failure() } : { ok: true as const };
      },
      policy,
      signal: signal(),
    });
    expect(seen).toEqual([1, 2, 3]);
    expect(report.attempts).toBe(3);
    expect(report.result.ok).toBe(true);
  });

  it("does not retry a non-retryable failure", async () => {
    let calls = 0;
    const report = await runWithRetry({
      attempt: async () => {
        calls += 1;
        return { ok: false as const, failure: failure({ status: 400, retryable: false }) };
      },
      policy,
      signal: signal(),
    });
    expect(calls).toBe(1);
    expect(report.result.ok).toBe(false);
  });

  it("stops at maxAttempts and returns the last failure", async () => {
    let calls = 0;
    const report = await runWithRetry({
      attempt: async () => {
        calls += 1;
        return { ok: false as const, failure: failure({ message: `failure ${calls}` }) };
      },
      policy,
      signal: signal(),
    });
    expect(calls).toBe(4);
    expect(!report.result.ok && report.result.failure.message).toBe("failure 4");
  });

  it("gives up at once when the upstream asks for a wait beyond the budget", async () => {
    let calls = 0;
    const startedAt = performance.now();
    const report = await runWithRetry({
      attempt: async () => {
        calls += 1;
        return { ok: false as const, failure: failure({ status: 429, retryAfterMs: 60_000 }) };
      },
      policy,
      signal: signal(),
    });
    expect(calls).toBe(1);
    expect(report.waitedMs).toBe(0);
    expect(performance.now() - startedAt).toBeLessThan(500);
  });

  it("stops waiting when the client goes away", async () => {
    const controller = new AbortController();
    const pending = runWithRetry({
      attempt: async () => ({ ok: false as const, failure: failure({ retryAfterMs: 800 }) }),
      policy,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("client closed")), 20);
    await expect(pending).rejects.toThrow("client closed");
  });
});

describe("retryDelayMs", () => {
  it("honours the upstream's hint, with at most a little jitter on top", () => {
    expect(retryDelayMs({ failure: failure({ retryAfterMs: 2000 }), attempt: 1, policy, random: () => 0 })).toBe(2000);
    expect(retryDelayMs({ failure: failure({ retryAfterMs: 2000 }), attempt: 1, policy, random: () => 1 })).toBe(2005);
  });

  it("backs off exponentially with jitter between half and the whole step", () => {
    const step = (attempt: number, random: number) => retryDelayMs({ failure: failure(), attempt, policy: { ...policy, baseDelayMs: 100 }, random: () => random });
    expect([step(1, 0), step(1, 1)]).toEqual([50, 100]);
    expect([step(2, 0), step(2, 1)]).toEqual([100, 200]);
    expect([step(3, 0), step(3, 1)]).toEqual([200, 400]);
  });
});
