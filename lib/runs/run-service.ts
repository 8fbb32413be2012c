import "server-only";
import { join, resolve } from "node:path";
import { getServerEnv } from "@/lib/env";
import { getRedis } from "@/lib/guard/redis-client";
import { openPostgresRunStore } from "@/lib/store/postgres-run-store";
import { openSqliteRunStore, type RunStore } from "@/lib/store/run-store";
import { createMemoryBudget, createRedisBudget } from "./request-budget";
import { startQueueWorkers } from "./run-queue";
import type { PastedKeys, RunDefinition } from "./run-types";
import { startRunWorker } from "./run-worker";

// One run store and one set of workers per process (the API bundle and Next's server share them),
// started with the server so unfinished runs resume after a restart: BullMQ queues when REDIS_URL
// is set (every instance works every run, under provider limits shared in Redis), otherwise a
// poller over the store in this process.

interface RunService {
  store: RunStore;
  pastedKeys: PastedKeys;
  /** Hands cells just queued in the store to the workers (a run's queued cells when none are named). */
  schedule(input: { runId: string; definition: RunDefinition; cellIds?: readonly string[] }): Promise<void>;
  /** Which worker runs the cells. */
  mode: "queue" | "in-process";
}

const serviceKey = Symbol.for("kimi-workbench.run-service");

/** The file the run store uses: `$DATA_DIR/runs.sqlite`. */
export function runStorePath(): string {
  return join(resolve(/*turbopackIgnore: true*/ getServerEnv().DATA_DIR ?? ".data"), "runs.sqlite");
}

/**
 * The process's run store and workers (started on first use): the store in PostgreSQL when
 * DATABASE_URL is set (every instance then sees the same runs), otherwise SQLite under DATA_DIR.
 */
export function getRunService(): Promise<RunService> {
  const holder = globalThis as unknown as Record<symbol, Promise<RunService> | undefined>;
  if (!holder[serviceKey]) {
    const { DATABASE_URL, RUN_CONCURRENCY, RUN_LEASE_MS, REDIS_URL, REDIS_PREFIX } = getServerEnv();
    const opening = (DATABASE_URL ? openPostgresRunStore({ connectionString: DATABASE_URL }) : Promise.resolve(openSqliteRunStore({ path: runStorePath() }))).then((store): RunService => {
      const pastedKeys: PastedKeys = new Map();
      const redis = getRedis();
      if (REDIS_URL && redis) {
        const queue = startQueueWorkers({ store, redisUrl: REDIS_URL, prefix: REDIS_PREFIX, concurrency: RUN_CONCURRENCY, leaseMs: RUN_LEASE_MS, pastedKeys, budget: createRedisBudget({ redis, prefix: REDIS_PREFIX }) });
        return { store, pastedKeys, schedule: (input) => queue.enqueue(input), mode: "queue" };
      }
      startRunWorker({ store, concurrency: RUN_CONCURRENCY, leaseMs: RUN_LEASE_MS, pastedKeys, budget: createMemoryBudget() });
      // The poller finds queued cells in the store by itself.
      return { store, pastedKeys, schedule: async () => undefined, mode: "in-process" };
    });
    holder[serviceKey] = opening;
    // A failed start (PostgreSQL down) is not kept: the next request tries again.
    opening.catch(() => {
      if (holder[serviceKey] === opening) holder[serviceKey] = undefined;
    });
  }
  return holder[serviceKey];
}
