import "server-only";
import { Redis } from "ioredis";
import { getServerEnv } from "@/lib/env";
import { describeErrorForLog, logEvent } from "@/lib/log/server-log";

const clientKey = Symbol.for("kimi-workbench.redis-client");

/**
 * The process's Redis connection when REDIS_URL is set (shared rate limits and sessions across
 * instances), or undefined. Commands fail fast while it is down instead of queueing.
 */
export function getRedis(): Redis | undefined {
  const url = getServerEnv().REDIS_URL;
  if (!url) return undefined;
  const holder = globalThis as unknown as Record<symbol, Redis | undefined>;
  if (!holder[clientKey]) {
    const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000, lazyConnect: false });
    let reported = false;
    client.on("error", (error) => {
      // One line per outage, not one per reconnect attempt.
      if (reported) return;
      reported = true;
      logEvent({ level: "error", event: "redis_unavailable", fields: describeErrorForLog(error) });
    });
    client.on("ready", () => {
      reported = false;
    });
    holder[clientKey] = client;
  }
  return holder[clientKey];
}

/** Waits (briefly) for the Redis connection, so the first requests after start-up use it. */
export async function redisReady(redis: Redis, timeoutMs = 2_000): Promise<boolean> {
  if (redis.status === "ready") return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off("ready", onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    redis.on("ready", onReady);
  });
}
