import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit";

describe("rate limiter", () => {
  it("allows `limit` attempts per window per client, then says when to retry", () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000 });
    expect(limiter.take("a", 0)).toEqual({ ok: true });
    expect(limiter.take("a", 1_000)).toEqual({ ok: true });
    expect(limiter.take("a", 2_000)).toEqual({ ok: false, retryAfterSeconds: 58 });
    expect(limiter.take("b", 2_000)).toEqual({ ok: true });
    expect(limiter.take("a", 60_001)).toEqual({ ok: true });
  });
});
