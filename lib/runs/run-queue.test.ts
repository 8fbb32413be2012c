import { Redis } from "ioredis";
import { waitFor } from "@/testing/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteRunStore } from "@/lib/store/run-store";
import { jsonAnswerEvents } from "@/testing/client-gateway";
import { startFixtureUpstream, type FixtureUpstream } from "@/testing/fixture-upstream";
import { createMemoryBudget } from "./request-budget";
import { startQueueWorkers } from "./run-queue";
import type { PastedKeys, RunDefinition } from "./run-types";
import { createRun } from "./run-worker";

// Two instances on one Redis (BullMQ): a key pasted into one of them lives in its memory alone, so
// the cells that spend it go to that instance's own queue; the other instance never takes them.
const redisUrl = process.env.REDIS_URL_TEST ?? "redis://127.0.0.1:6379";
const prefix = `kimi-run-queue-test-${process.pid}-${Date.now()}`;
const pastedKey = "sk-pasted-into-instance-a-0123456789";
let upstream: FixtureUpstream;
let redis: Redis;

beforeAll(async () => {
  upstream = await startFixtureUpstream();
  redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  // Moonshot has no server key here: only the pasted key can pay for its cells. DashScope has one.
  Object.assign(process.env, { MOONSHOT_API_KEY: "", MOONSHOT_BASE_URL: `${upstream.url}/v1`, DASHSCOPE_API_KEY: "sk-server-dashscope-0123456789", DASHSCOPE_BASE_URL: `${upstream.url}/v1`, GATEWAY_RETRY_BASE_DELAY_MS: "1" });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await upstream.close();
});

describe("run queues on BullMQ", () => {
  it("sends the cells of a column with a pasted key only to the instance holding the key; the others go to the provider's queue", async () => {
    upstream.reply(() => ({ kind: "sse", events: jsonAnswerEvents({ json: { ok: true } }), delayMs: 20 }));
    const definition: RunDefinition = {
      versions: [{ number: 1, template: { model: "kimi-k2.6", messages: [{ role: "user", content: "Row {{n}}" }], parameters: {} } }],
      rows: Array.from({ length: 8 }, (_, index) => ({ id: `r${index + 1}`, values: { n: { kind: "text" as const, text: String(index + 1) } } })),
      columns: [
        { id: "pasted", label: "kimi-k2.6 · Moonshot (pasted key)", providerId: "moonshot", model: "kimi-k2.6", overrides: {} },
        { id: "server", label: "kimi-k2.6 · DashScope", providerId: "dashscope", model: "kimi-k2.6", overrides: {} },
      ],
      assertions: [],
      pastedKeyColumns: ["pasted"],
    };
    const store = openSqliteRunStore({ path: ":memory:" });
    const runId = await createRun({ store, definition, now: Date.now() });
    const keysOf = (keys: Array<[string, string]>): PastedKeys => new Map(keys.length > 0 ? [[runId, new Map(keys)]] : []);
    const budget = createMemoryBudget();
    const holder = startQueueWorkers({ store, redisUrl, prefix, concurrency: 2, pastedKeys: keysOf([["pasted", pastedKey]]), budget, workerId: "instance-a" });
    const other = startQueueWorkers({ store, redisUrl, prefix, concurrency: 4, pastedKeys: keysOf([]), budget, workerId: "instance-b" });
    try {
      await holder.enqueue({ runId, definition });
      await waitFor(async () => (await store.listCells(runId)).every((cell) => cell.status !== "queued" && cell.status !== "running"), 15_000);
      const cells = await store.listCells(runId);
      // Instance B (no key, more slots) took none of the pasted-key cells: none waits for its key.
      expect(cells.map((cell) => cell.status)).toEqual(cells.map(() => "done"));
      const moonshot = upstream.requests.filter((request) => request.headers.authorization !== "Bearer sk-server-dashscope-0123456789");
      expect(moonshot).toHaveLength(8);
      expect(new Set(moonshot.map((request) => request.headers.authorization))).toEqual(new Set([`Bearer ${pastedKey}`]));
      expect(upstream.requests).toHaveLength(16);
    } finally {
      await Promise.all([holder.stop(), other.stop()]);
      await store.close();
    }
  });
});
