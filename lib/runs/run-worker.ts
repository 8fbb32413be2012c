import "server-only";
import { randomBytes } from "node:crypto";
import { describeErrorForLog, logEvent } from "@/lib/log/server-log";
import type { RunStore, StoredCell } from "@/lib/store/run-store";
import { createCellExecutor } from "./cell-executor";
import { createMemoryBudget, type RequestBudget } from "./request-budget";
import { cellIdOf, type PastedKeys, type RunDefinition } from "./run-types";
import { serverMessage } from "@/lib/i18n/server-message";
import { cellError } from "./cell-error";

// The in-process worker: takes cells from the run store under a lease, runs them (a few at a time),
// renews its leases while they stream, and writes each result once. Runs survive the tab closing
// (they are the server's) and a server restart (leases of a killed worker run out; its cells are
// taken again; finished cells are never run again).

/** Stores a new run with every cell queued; returns its id. */
export async function createRun({ store, definition, now }: { store: RunStore; definition: RunDefinition; now: number }): Promise<string> {
  const id = randomBytes(12).toString("base64url");
  const cellIds = definition.versions.flatMap((version) => definition.rows.flatMap((row) => definition.columns.map((column) => cellIdOf({ version: version.number, rowId: row.id, columnId: column.id }))));
  await store.createRun({ run: { id, definition: JSON.stringify(definition), status: "running", createdAt: now }, cellIds });
  return id;
}

/** Starts a worker; `stop` waits for its cells to be released (not finished). */
export function startRunWorker({
  store,
  concurrency,
  leaseMs = 30_000,
  pollMs = 200,
  pastedKeys = new Map(),
  budget = createMemoryBudget(),
  rateLimitBackoffMs,
  workerId = randomBytes(8).toString("hex"),
}: {
  store: RunStore;
  concurrency: number;
  leaseMs?: number;
  pollMs?: number;
  pastedKeys?: PastedKeys;
  /** Providers' request budgets (this process's by default). */
  budget?: RequestBudget;
  /** The first pause after a final 429 (5 s by default), doubled by attempt. */
  rateLimitBackoffMs?: number;
  workerId?: string;
}): { workerId: string; stop(): Promise<void> } {
  const active = new Map<string, { cell: StoredCell; controller: AbortController; done: Promise<void> }>();
  let stopped = false;
  const executor = createCellExecutor({ store, workerId, pastedKeys, budget, isStopping: () => stopped, ...(rateLimitBackoffMs !== undefined ? { rateLimitBackoffMs } : {}) });
  // Cells handed back for a provider's budget wait here (the poller has no queue to delay them in).
  const pausedUntil = { at: 0 };

  const work = async (cell: StoredCell, controller: AbortController): Promise<void> => {
    const outcome = await executor.execute(cell, controller);
    if (outcome.kind === "limited") pausedUntil.at = Math.max(pausedUntil.at, Date.now() + outcome.waitMs);
  };

  let renewedAt = 0;
  // `full`: renew leases (every third of a lease) and stop cells of cancelled runs, then fill free
  // slots; a finished cell asks only for the filling, so a free slot is taken at once.
  const tickOnce = async (full: boolean) => {
    const now = Date.now();
    if (full && active.size > 0 && now - renewedAt >= leaseMs / 3) {
      await store.renewLeases({ workerId, cellIds: [...active.values()].map(({ cell }) => cell), leaseMs, now });
      renewedAt = now;
    }
    if (full) {
      // Cells of a run cancelled meanwhile stop at once (their upstream requests are aborted).
      const runIds = new Set([...active.values()].map(({ cell }) => cell.runId));
      for (const runId of runIds) {
        if ((await store.getRun(runId))?.status !== "cancelled") continue;
        for (const { cell, controller } of active.values()) if (cell.runId === runId) controller.abort();
      }
    }
    const free = concurrency - active.size;
    if (free <= 0 || stopped || now < pausedUntil.at) return;
    for (const cell of await store.claimCells({ workerId, limit: free, leaseMs, now })) {
      const controller = new AbortController();
      const key = `${cell.runId}|${cell.cellId}`;
      const done = work(cell, controller)
        .catch(() => store.completeCell({ workerId, runId: cell.runId, cellId: cell.cellId, status: "failed", record: JSON.stringify(cellError(serverMessage({ code: "cellWorkerFailed" }))), now: Date.now() }))
        .then(() => {
          active.delete(key);
          // A free slot is filled at once, not at the next poll.
          tick(false);
        });
      active.set(key, { cell, controller, done });
    }
  };
  // One tick at a time (a store call may take longer than the interval); one asked for meanwhile runs
  // right after; a failing store is retried next tick.
  let ticking: Promise<void> | undefined;
  let again = false;
  const tick = (full: boolean) => {
    if (stopped) return;
    if (ticking) {
      again = true;
      return;
    }
    ticking = tickOnce(full)
      .catch((error: unknown) => logEvent({ level: "warn", event: "run_worker_tick_failed", fields: describeErrorForLog(error) }))
      .finally(() => {
        ticking = undefined;
        if (again) {
          again = false;
          tick(false);
        }
      });
  };
  const timer = setInterval(() => tick(true), pollMs);
  tick(true);
  return {
    workerId,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await ticking;
      for (const { controller } of active.values()) controller.abort();
      await Promise.all([...active.values()].map(({ done }) => done));
    },
  };
}
