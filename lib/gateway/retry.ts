import { sleep } from "@/lib/async/sleep";
import type { UpstreamFailure } from "@/lib/wire/failure";

/** Bounds on retrying an upstream call before anything reached the client. */
export interface RetryPolicy {
  /** Total attempts, including the first. */
  maxAttempts: number;
  /** First backoff step; doubles per attempt. */
  baseDelayMs: number;
  /** Longest total time spent waiting between attempts. */
  maxTotalWaitMs: number;
}

/** How the retries went, for headers and logs. */
export interface RetryReport<T> {
  result: T;
  attempts: number;
  waitedMs: number;
}

/** A retry about to happen: which attempt comes next, after what, and how long the gateway waits first. */
export interface RetryNotice {
  nextAttempt: number;
  maxAttempts: number;
  failure: UpstreamFailure;
  waitMs: number;
}

/** The wait before the next attempt: the upstream's hint if it gave one, else exponential backoff with jitter. */
export function retryDelayMs({
  failure,
  attempt,
  policy,
  random,
}: {
  failure: UpstreamFailure;
  attempt: number;
  policy: RetryPolicy;
  random: () => number;
}): number {
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  if (failure.retryAfterMs !== undefined) {
    // Honour the hint; a little jitter keeps many clients from returning at the same instant.
    return failure.retryAfterMs + random() * Math.min(policy.baseDelayMs, 1000) * 0.5;
  }
  // "Equal jitter": half the step is fixed, half random.
  return exponential / 2 + (random() * exponential) / 2;
}

/**
 * Runs `attempt` until it succeeds, fails for good, or the policy's bounds are reached. Only
 * failures marked retryable (429, 5xx, connection errors) are retried; a wait that would exceed
 * the remaining budget ends the retries at once, returning the last failure.
 */
export async function runWithRetry<T extends { ok: true } | { ok: false; failure: UpstreamFailure }>({
  attempt,
  policy,
  signal,
  random = Math.random,
  onRetry,
}: {
  attempt: (attemptNumber: number) => Promise<T>;
  policy: RetryPolicy;
  signal: AbortSignal;
  random?: () => number;
  /** Told before each wait, so a client can be shown that the gateway is retrying. */
  onRetry?: (notice: RetryNotice) => void;
}): Promise<RetryReport<T>> {
  let waitedMs = 0;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    const result = await attempt(attemptNumber);
    if (result.ok || !result.failure.retryable || attemptNumber >= policy.maxAttempts) {
      return { result, attempts: attemptNumber, waitedMs };
    }
    const delay = retryDelayMs({ failure: result.failure, attempt: attemptNumber, policy, random });
    if (waitedMs + delay > policy.maxTotalWaitMs) return { result, attempts: attemptNumber, waitedMs };
    onRetry?.({ nextAttempt: attemptNumber + 1, maxAttempts: policy.maxAttempts, failure: result.failure, waitMs: delay });
    await sleep({ ms: delay, signal, rejectOnAbort: true });
    waitedMs += delay;
  }
}
