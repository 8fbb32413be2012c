import "server-only";
import { join, resolve } from "node:path";
import { getServerEnv } from "@/lib/env";
import { openPostgresRunStore } from "@/lib/store/postgres-run-store";
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

/**
 * The process's run store and worker (started on first use): PostgreSQL when DATABASE_URL is set
 * (every instance then works the same runs), otherwise SQLite under DATA_DIR.
 */
export function getRunService(): Promise<RunService> {
  const holder = globalThis as unknown as Record<symbol, Promise<RunService> | undefined>;
  if (!holder[serviceKey]) {
    const { DATABASE_URL, RUN_CONCURRENCY } = getServerEnv();
    const opening = (DATABASE_URL ? openPostgresRunStore({ connectionString: DATABASE_URL }) : Promise.resolve(openSqliteRunStore({ path: runStorePath() }))).then((store) => {
      const pastedKeys: PastedKeys = new Map();
      startRunWorker({ store, concurrency: RUN_CONCURRENCY, pastedKeys });
      return { store, pastedKeys };
    });
    holder[serviceKey] = opening;
    // A failed start (PostgreSQL down) is not kept: the next request tries again.
    opening.catch(() => {
      if (holder[serviceKey] === opening) holder[serviceKey] = undefined;
    });
  }
  return holder[serviceKey];
}
