import "server-only";
import { join, resolve } from "node:path";
import { getServerEnv } from "@/lib/env";
import { openSqliteRunStore, type RunStore } from "@/lib/store/run-store";
import { startRunWorker, type PastedKeys } from "./run-worker";

// One run store and one worker per process (the API bundle and Next's server share them), started
// with the server so unfinished runs resume after a restart.

interface RunService {
  store: RunStore;
  pastedKeys: PastedKeys;
}

const serviceKey = Symbol.for("kimi-workbench.run-service");

/** The file the run store uses: `$DATA_DIR/runs.sqlite`. */
export function runStorePath(): string {
  return join(resolve(/*turbopackIgnore: true*/ getServerEnv().DATA_DIR ?? ".data"), "runs.sqlite");
}

/** The process's run store and worker (started on first use). */
export function getRunService(): RunService {
  const holder = globalThis as unknown as Record<symbol, RunService | undefined>;
  if (!holder[serviceKey]) {
    const store = openSqliteRunStore({ path: runStorePath() });
    const pastedKeys: PastedKeys = new Map();
    startRunWorker({ store, concurrency: getServerEnv().RUN_CONCURRENCY, pastedKeys });
    holder[serviceKey] = { store, pastedKeys };
  }
  return holder[serviceKey];
}
