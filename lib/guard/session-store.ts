import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { getServerEnv } from "@/lib/env";
import { getRedis, redisReady } from "./redis-client";

// Sessions are random ids; only their SHA-256 is stored (in Redis when REDIS_URL is set, so every
// instance knows them, otherwise in this process). Each remembers a fingerprint of the access token
// it was opened with, so changing WORKBENCH_ACCESS_TOKEN ends every session.

const memoryKey = Symbol.for("kimi-workbench.sessions");
const redisKey = (id: string) => `${getServerEnv().REDIS_PREFIX}:session:${sha256(id)}`;

function memorySessions(): Map<string, { expiresAt: number; token: string }> {
  const holder = globalThis as unknown as Record<symbol, Map<string, { expiresAt: number; token: string }> | undefined>;
  return (holder[memoryKey] ??= new Map());
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function tokenFingerprint(): string {
  return sha256(`kimi-workbench-token:${getServerEnv().WORKBENCH_ACCESS_TOKEN ?? ""}`).slice(0, 32);
}

/** Opens a session; returns the id for the cookie (never stored) and how long it lasts. */
export async function createSession({ now }: { now: number }): Promise<{ id: string; maxAgeSeconds: number }> {
  const id = randomBytes(32).toString("base64url");
  const maxAgeSeconds = getServerEnv().SESSION_DAYS * 86_400;
  const record = { expiresAt: now + maxAgeSeconds * 1000, token: tokenFingerprint() };
  const redis = getRedis();
  if (redis) {
    await redisReady(redis);
    await redis.set(redisKey(id), JSON.stringify(record), "EX", maxAgeSeconds);
  } else {
    const sessions = memorySessions();
    sessions.set(sha256(id), record);
    // Expired sessions are dropped as new ones open, so the map stays bounded by live sessions.
    if (sessions.size % 100 === 0) for (const [key, session] of sessions) if (session.expiresAt <= now) sessions.delete(key);
  }
  return { id, maxAgeSeconds };
}

/** Whether `id` names a live session opened with the current access token. */
export async function isLiveSession({ id, now }: { id: string; now: number }): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return false;
  const redis = getRedis();
  if (redis) await redisReady(redis);
  let record: { expiresAt: number; token: string } | undefined;
  if (redis) {
    const stored = await redis.get(redisKey(id)).catch(() => null);
    record = stored ? (JSON.parse(stored) as { expiresAt: number; token: string }) : undefined;
  } else record = memorySessions().get(sha256(id));
  return record !== undefined && record.expiresAt > now && record.token === tokenFingerprint();
}

/** Ends a session (signing out); unknown ids are ignored. */
export async function deleteSession({ id }: { id: string }): Promise<void> {
  const redis = getRedis();
  if (redis) await redis.del(redisKey(id)).catch(() => 0);
  else memorySessions().delete(sha256(id));
}
