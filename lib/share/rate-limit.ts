import "server-only";

/** A sliding-window limit per client, kept in this process's memory. */
export interface RateLimiter {
  /** Counts an attempt; says when to retry if the client is over the limit. */
  take(client: string, now: number): { ok: true } | { ok: false; retryAfterSeconds: number };
}

/** At most `limit` attempts per client within any `windowMs`. */
export function createRateLimiter({ limit, windowMs }: { limit: number; windowMs: number }): RateLimiter {
  const attempts = new Map<string, number[]>();
  return {
    take(client, now) {
      const recent = (attempts.get(client) ?? []).filter((time) => time > now - windowMs);
      if (recent.length >= limit) {
        attempts.set(client, recent);
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! + windowMs - now) / 1000)) };
      }
      recent.push(now);
      attempts.set(client, recent);
      // Forget clients that went quiet, so the map does not grow without bound.
      if (attempts.size > 10_000) for (const [key, times] of attempts) if (times.every((time) => time <= now - windowMs)) attempts.delete(key);
      return { ok: true };
    },
  };
}
