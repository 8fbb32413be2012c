import "server-only";
import type { Redis } from "ioredis";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import { findModelSpec } from "@/lib/catalog/model-catalog";
import { getServerEnv, runLimitName } from "@/lib/env";

// How fast runs may call each provider: requests and tokens per minute, over a sliding 60-second
// window (a fixed window lets twice the limit through around its edge). The limits are the
// provider's, from RUN_RPM_<PROVIDER> / RUN_TPM_<PROVIDER>, and the model's, from the catalog's
// published rate limits. With Redis the window is shared by every instance (one Lua script checks
// and records atomically, on Redis's clock); without it, it is this process's.

/** One budget a request draws on: its key, the most it holds per window, and what the request costs. */
export interface BudgetLimit {
  key: string;
  limit: number;
  cost: number;
}

/**
 * The window limits are held over: a minute, plus a second so that requests admitted a minute apart
 * cannot reach the provider less than a minute apart when the earlier one took longer to arrive.
 */
export const budgetWindowMs = 61_000;

/** Draws on request budgets: 0 when granted (and recorded), otherwise how long to wait before trying again. */
export interface RequestBudget {
  reserve(limits: readonly BudgetLimit[]): Promise<number>;
  /** Records tokens spent after the fact (an answer's completion tokens count toward TPM). */
  record(limits: readonly BudgetLimit[]): Promise<void>;
}

/** The budgets one request to a provider's model draws on: requests and prompt tokens, provider-wide and per model. */
export function requestLimits({ providerId, model, promptTokens }: { providerId: ProviderId; model: string; promptTokens: number }): BudgetLimit[] {
  const env = getServerEnv() as unknown as Record<string, number>;
  const published = findModelSpec({ providerId, modelId: model })?.rateLimits;
  const limits: BudgetLimit[] = [];
  const providerRpm = env[runLimitName("RPM", providerId)] ?? 0;
  const providerTpm = env[runLimitName("TPM", providerId)] ?? 0;
  if (providerRpm > 0) limits.push({ key: `rpm:${providerId}`, limit: providerRpm, cost: 1 });
  if (providerTpm > 0) limits.push({ key: `tpm:${providerId}`, limit: providerTpm, cost: promptTokens });
  if (published) {
    limits.push({ key: `rpm:${providerId}:${model}`, limit: published.requestsPerMinute, cost: 1 });
    limits.push({ key: `tpm:${providerId}:${model}`, limit: published.tokensPerMinute, cost: promptTokens });
  }
  return limits;
}

/** The token budgets an answer's completion tokens are recorded on. */
export function completionLimits({ providerId, model, completionTokens }: { providerId: ProviderId; model: string; completionTokens: number }): BudgetLimit[] {
  return requestLimits({ providerId, model, promptTokens: completionTokens }).filter((limit) => limit.key.startsWith("tpm:"));
}

/** Time to wait until `cost` fits under `limit`, given the window's entries (oldest first); 0 when it fits now. */
function waitFor({ entries, limit, cost, now }: { entries: ReadonlyArray<{ at: number; cost: number }>; limit: number; cost: number; now: number }): number {
  const used = entries.reduce((sum, entry) => sum + entry.cost, 0);
  // An empty window admits even a request larger than the whole limit (it could never fit otherwise).
  if (used === 0 || used + cost <= limit) return 0;
  let freed = 0;
  for (const entry of entries) {
    freed += entry.cost;
    if (used - freed + cost <= limit) return Math.max(1, entry.at + budgetWindowMs - now + 1);
  }
  return budgetWindowMs;
}

/** Budgets kept in this process (one instance). */
export function createMemoryBudget({ clock = Date.now }: { clock?: () => number } = {}): RequestBudget {
  const windows = new Map<string, Array<{ at: number; cost: number }>>();
  const entriesOf = (key: string, now: number) => {
    const kept = (windows.get(key) ?? []).filter((entry) => entry.at > now - budgetWindowMs);
    windows.set(key, kept);
    return kept;
  };
  return {
    reserve: async (limits) => {
      const now = clock();
      const wait = Math.max(0, ...limits.map((limit) => waitFor({ entries: entriesOf(limit.key, now), limit: limit.limit, cost: limit.cost, now })));
      if (wait > 0) return wait;
      for (const limit of limits) entriesOf(limit.key, now).push({ at: now, cost: limit.cost });
      return 0;
    },
    record: async (limits) => {
      const now = clock();
      for (const limit of limits) entriesOf(limit.key, now).push({ at: now, cost: limit.cost });
    },
  };
}

// KEYS: the budgets' sorted sets (score: ms, member: "<cost>:<unique id>").
// ARGV: window ms, unique id, "check" or "record", then limit and cost per key.
const reserveScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window = tonumber(ARGV[1])
local wait = 0
if ARGV[3] == 'check' then
  for index, key in ipairs(KEYS) do
    local limit = tonumber(ARGV[2 + index * 2])
    local cost = tonumber(ARGV[3 + index * 2])
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
    local entries = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
    local used = 0
    for position = 1, #entries, 2 do used = used + tonumber(string.match(entries[position], '^(%d+):')) end
    if used > 0 and used + cost > limit then
      local freed = 0
      local until_free = window
      for position = 1, #entries, 2 do
        freed = freed + tonumber(string.match(entries[position], '^(%d+):'))
        if used - freed + cost <= limit then
          until_free = tonumber(entries[position + 1]) + window - now + 1
          break
        end
      end
      if until_free > wait then wait = until_free end
    end
  end
end
if wait > 0 then return wait end
for index, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[3 + index * 2] .. ':' .. ARGV[2])
  redis.call('PEXPIRE', key, window)
end
return 0
`;

/** Budgets in Redis, shared by every instance. */
export function createRedisBudget({ redis, prefix }: { redis: Redis; prefix: string }): RequestBudget {
  let sequence = 0;
  const call = async (limits: readonly BudgetLimit[], mode: "check" | "record"): Promise<number> => {
    if (limits.length === 0) return 0;
    sequence += 1;
    const unique = `${process.pid}.${Date.now()}.${sequence}.${Math.random().toString(36).slice(2, 8)}`;
    const result = await redis.eval(reserveScript, limits.length, ...limits.map((limit) => `${prefix}:run-budget:${limit.key}`), budgetWindowMs, unique, mode, ...limits.flatMap((limit) => [limit.limit, Math.max(0, Math.round(limit.cost))]));
    return Number(result);
  };
  return {
    reserve: (limits) => call(limits, "check"),
    record: async (limits) => void (await call(limits, "record")),
  };
}
