import "server-only";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getServerEnv } from "@/lib/env";
import { getRedis, redisReady } from "./redis-client";

/** The outcome of counting one attempt. */
export type LimitVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A named limit: at most `points` attempts per client within `durationSeconds`. */
export interface LimitRule {
  name: string;
  points: number;
  durationSeconds: number;
}

const limitersKey = Symbol.for("kimi-workbench.rate-limiters");

function limiterFor(rule: LimitRule): RateLimiterAbstract {
  const holder = globalThis as unknown as Record<symbol, Map<string, RateLimiterAbstract> | undefined>;
  const limiters = (holder[limitersKey] ??= new Map());
  const cacheKey = `${rule.name}:${rule.points}:${rule.durationSeconds}`;
  let limiter = limiters.get(cacheKey);
  if (!limiter) {
    const options = { keyPrefix: `${getServerEnv().REDIS_PREFIX}:limit:${rule.name}`, points: rule.points, duration: rule.durationSeconds };
    const redis = getRedis();
    // With Redis every instance counts against the same numbers; while Redis is down each instance
    // keeps counting in memory (the insurance limiter) rather than letting everything through.
    limiter = redis ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) }) : new RateLimiterMemory(options);
    limiters.set(cacheKey, limiter);
  }
  return limiter;
}

/** Counts one attempt of `client` against `rule`; says when to retry once over the limit. */
export async function takeLimit({ rule, client }: { rule: LimitRule; client: string }): Promise<LimitVerdict> {
  // The first requests after start-up wait (briefly) for Redis, so they count with every instance.
  const redis = getRedis();
  if (redis) await redisReady(redis);
  try {
    await limiterFor(rule).consume(client, 1);
    return { ok: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    throw rejection;
  }
}

/** Forgets a client's attempts (e.g. after a successful sign-in). */
export async function resetLimit({ rule, client }: { rule: LimitRule; client: string }): Promise<void> {
  await limiterFor(rule).delete(client).catch(() => false);
}
