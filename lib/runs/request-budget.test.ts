import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgetWindowMs, createMemoryBudget, createRedisBudget, requestLimits } from "./request-budget";

// Sliding-window budgets: in memory for one instance, in Redis (a Lua script on Redis's clock) for several.
let redis: Redis;
const prefix = `kimi-budget-test-${process.pid}-${Date.now()}`;

beforeAll(() => {
  redis = new Redis(process.env.REDIS_URL_TEST ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe("request budgets", () => {
  it("hold a limit over a sliding window, not a fixed one (memory)", async () => {
    let now = 1_000_000;
    const budget = createMemoryBudget({ clock: () => now });
    const limit = [{ key: "rpm:x", limit: 3, cost: 1 }];
    expect(await budget.reserve(limit)).toBe(0);
    now += 40_000;
    expect(await budget.reserve(limit)).toBe(0);
    expect(await budget.reserve(limit)).toBe(0);
    // The fourth waits for the first to leave the window (a minute and a second after it), not for a clock minute to turn.
    expect(await budget.reserve(limit)).toBe(budgetWindowMs - 40_000 + 1);
    now += budgetWindowMs - 40_000 + 1;
    expect(await budget.reserve(limit)).toBe(0);
    // Two requests at +40 s are still inside: a fifth waits for them.
    expect(await budget.reserve(limit)).toBe(40_000);
  });

  it("weighs tokens, and checks every budget before recording any (memory)", async () => {
    const now = 5_000_000;
    const budget = createMemoryBudget({ clock: () => now });
    const request = (tokens: number) => [{ key: "rpm:p", limit: 10, cost: 1 }, { key: "tpm:p", limit: 1_000, cost: tokens }];
    expect(await budget.reserve(request(700))).toBe(0);
    expect(await budget.reserve(request(400))).toBeGreaterThan(0);
    // The refused request recorded nothing: the request budget still has 9 left.
    for (let index = 0; index < 9; index += 1) expect(await budget.reserve([{ key: "rpm:p", limit: 10, cost: 1 }])).toBe(0);
    expect(await budget.reserve([{ key: "rpm:p", limit: 10, cost: 1 }])).toBeGreaterThan(0);
    // An empty window admits a request larger than the whole limit.
    expect(await budget.reserve([{ key: "tpm:q", limit: 100, cost: 500 }])).toBe(0);
  });

  it("holds across clients sharing one Redis, granting exactly the limit to concurrent callers", async () => {
    const second = new Redis(process.env.REDIS_URL_TEST ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
    try {
      const budgets = [createRedisBudget({ redis, prefix }), createRedisBudget({ redis: second, prefix })];
      const limit = [{ key: "rpm:shared", limit: 7, cost: 1 }];
      const waits = await Promise.all(Array.from({ length: 20 }, (_, index) => budgets[index % 2]!.reserve(limit)));
      expect(waits.filter((wait) => wait === 0)).toHaveLength(7);
      for (const wait of waits.filter((wait) => wait > 0)) {
        expect(wait).toBeGreaterThan(budgetWindowMs - 5_000);
        expect(wait).toBeLessThanOrEqual(budgetWindowMs + 1);
      }
      // Completion tokens recorded later count toward the token budget.
      await budgets[0]!.record([{ key: "tpm:shared", limit: 1_000, cost: 900 }]);
      expect(await budgets[1]!.reserve([{ key: "tpm:shared", limit: 1_000, cost: 200 }])).toBeGreaterThan(0);
      expect(await budgets[1]!.reserve([{ key: "tpm:shared", limit: 1_000, cost: 100 }])).toBe(0);
    } finally {
      second.disconnect();
    }
  });

  it("takes provider limits from RUN_RPM_/RUN_TPM_ and model limits from the catalog", () => {
    process.env.RUN_RPM_OPENAI_COMPATIBLE = "30";
    try {
      expect(requestLimits({ providerId: "openai-compatible", model: "kimi-k2.6", promptTokens: 120 })).toEqual([{ key: "rpm:openai-compatible", limit: 30, cost: 1 }]);
    } finally {
      delete process.env.RUN_RPM_OPENAI_COMPATIBLE;
    }
    expect(requestLimits({ providerId: "moonshot", model: "moonshot-v1-8k", promptTokens: 50 })).toEqual([
      { key: "rpm:moonshot:moonshot-v1-8k", limit: 30, cost: 1 },
      { key: "tpm:moonshot:moonshot-v1-8k", limit: 300_000, cost: 50 },
    ]);
    expect(requestLimits({ providerId: "simulator", model: "kimi-k2.6", promptTokens: 50 })).toEqual([]);
  });
});
