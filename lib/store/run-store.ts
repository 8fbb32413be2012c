import "server-only";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { migrateSqlite } from "./migrations";
import { runMigrations } from "./run-schema-sql";

// Runs of prompt prototyping, durably: a run's definition (versions, rows, columns, checks) and one
// row per cell. Cells are claimed by a worker under a lease; a worker that dies (SIGKILL) stops
// renewing its leases and the cells return to the queue. A cell's result is written once, only by
// the worker holding its lease, so no cell is completed twice.

/** A cell's state. */
export type CellStatus = "queued" | "running" | "done" | "failed" | "cancelled" | "waiting_for_key";

/** A run as stored: its definition is opaque JSON to the store. */
export interface StoredRun {
  id: string;
  definition: string;
  status: "running" | "cancelled" | "finished";
  createdAt: number;
}

/** A cell as stored. */
export interface StoredCell {
  runId: string;
  /** `<version>:<row id>:<column id>`. */
  cellId: string;
  status: CellStatus;
  attempts: number;
  /** How often a result was written (the durability tests assert exactly one). */
  completions: number;
  record?: string;
  /** When its status last changed (ms since the epoch, by the writing instance's clock). */
  updatedAt: number;
}

/** The run store: SQLite in one process, PostgreSQL for several instances (`postgres-run-store.ts`). */
export interface RunStore {
  createRun(input: { run: StoredRun; cellIds: readonly string[] }): Promise<void>;
  getRun(id: string): Promise<StoredRun | undefined>;
  /** The run's cells in order; with `updatedSince`, only those changed at or after that time. */
  listCells(runId: string, options?: { updatedSince?: number }): Promise<StoredCell[]>;
  /** How many of the run's cells are in each status. */
  countCells(runId: string): Promise<Partial<Record<CellStatus, number>>>;
  /** Takes up to `limit` cells that are queued or whose lease ran out, for `workerId`, until `now + leaseMs`. */
  claimCells(input: { workerId: string; limit: number; leaseMs: number; now: number }): Promise<StoredCell[]>;
  /** Takes one given cell for `workerId` if it is queued or its lease ran out (a queue job names the cell); undefined when it is not claimable. */
  claimCell(input: { workerId: string; runId: string; cellId: string; leaseMs: number; now: number }): Promise<StoredCell | undefined>;
  /** Claimable cells of running runs unchanged for `staleMs` (a queue's job for them may be lost), oldest first. */
  findStaleCells(input: { now: number; staleMs: number; limit: number }): Promise<Array<{ runId: string; cellId: string }>>;
  /** Extends the leases of the cells `workerId` holds. */
  renewLeases(input: { workerId: string; cellIds: ReadonlyArray<{ runId: string; cellId: string }>; leaseMs: number; now: number }): Promise<void>;
  /** Writes a cell's result if `workerId` still holds it; false when it no longer does (the result is dropped). */
  completeCell(input: { workerId: string; runId: string; cellId: string; status: "done" | "failed" | "cancelled" | "waiting_for_key"; record: string; now: number }): Promise<boolean>;
  /** Hands a cell `workerId` holds back to the queue, unfinished (a provider said wait); `countAttempt: false` undoes the claim's attempt. */
  releaseCell(input: { workerId: string; runId: string; cellId: string; countAttempt: boolean; now: number }): Promise<boolean>;
  /** Cancels a run: its queued and running cells become cancelled. */
  cancelRun(input: { runId: string; now: number }): Promise<void>;
  /** Puts failed cells (or one row's cells) back in the queue. */
  requeueCells(input: { runId: string; cellIds?: readonly string[]; onlyFailed: boolean }): Promise<number>;
  close(): Promise<void>;
}

/** Opens (creating or migrating) the run store in one SQLite file. */
export function openSqliteRunStore({ path }: { path: string }): RunStore {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  database.pragma("journal_mode = WAL");
  // A result acknowledged is a result kept, through a crash.
  database.pragma("synchronous = FULL");
  database.pragma("busy_timeout = 5000");
  migrateSqlite({ database, migrations: runMigrations, table: "run_schema_migrations" });
  const toCell = (row: { run_id: string; cell_id: string; status: CellStatus; attempts: number; completions: number; record: string | null; updated_at: number }): StoredCell => ({
    runId: row.run_id,
    cellId: row.cell_id,
    status: row.status,
    attempts: row.attempts,
    completions: row.completions,
    ...(row.record !== null ? { record: row.record } : {}),
    updatedAt: row.updated_at,
  });
  const insertRun = database.prepare("INSERT INTO runs (id, definition, status, created_at) VALUES (?, ?, ?, ?)");
  const insertCell = database.prepare("INSERT INTO run_cells (run_id, cell_id, status, updated_at) VALUES (?, ?, 'queued', ?)");
  const selectRun = database.prepare<[string], { id: string; definition: string; status: StoredRun["status"]; created_at: number }>("SELECT id, definition, status, created_at FROM runs WHERE id = ?");
  const selectCells = database.prepare("SELECT run_id, cell_id, status, attempts, completions, record, updated_at FROM run_cells WHERE run_id = ? AND updated_at >= ? ORDER BY rowid");
  const selectClaimable = database.prepare<[number, number], { run_id: string; cell_id: string }>(
    `SELECT run_cells.run_id, run_cells.cell_id FROM run_cells JOIN runs ON runs.id = run_cells.run_id
     WHERE runs.status = 'running' AND (run_cells.status = 'queued' OR (run_cells.status = 'running' AND run_cells.lease_until < ?))
     ORDER BY run_cells.rowid LIMIT ?`,
  );
  const claim = database.prepare("UPDATE run_cells SET status = 'running', worker_id = ?, lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE run_id = ? AND cell_id = ?");
  const renew = database.prepare("UPDATE run_cells SET lease_until = ? WHERE run_id = ? AND cell_id = ? AND worker_id = ? AND status = 'running'");
  const complete = database.prepare("UPDATE run_cells SET status = ?, record = ?, completions = completions + 1, worker_id = NULL, lease_until = NULL, updated_at = ? WHERE run_id = ? AND cell_id = ? AND worker_id = ? AND status = 'running'");
  const selectOne = database.prepare("SELECT run_id, cell_id, status, attempts, completions, record, updated_at FROM run_cells WHERE run_id = ? AND cell_id = ?");
  const unfinished = database.prepare<[string], { count: number }>("SELECT COUNT(*) AS count FROM run_cells WHERE run_id = ? AND status IN ('queued', 'running')");
  const countByStatus = database.prepare("SELECT status, COUNT(*) AS count FROM run_cells WHERE run_id = ? GROUP BY status");
  const finishRun = database.prepare("UPDATE runs SET status = 'finished' WHERE id = ? AND status = 'running'");

  const claimTransaction = database.transaction(({ workerId, limit, leaseMs, now }: { workerId: string; limit: number; leaseMs: number; now: number }) => {
    const claimed = selectClaimable.all(now, limit);
    for (const cell of claimed) claim.run(workerId, now + leaseMs, now, cell.run_id, cell.cell_id);
    return claimed.map((cell) => toCell(selectOne.get(cell.run_id, cell.cell_id) as never));
  });
  const completeTransaction = database.transaction(({ workerId, runId, cellId, status, record, now }: { workerId: string; runId: string; cellId: string; status: string; record: string; now: number }) => {
    const changed = complete.run(status, record, now, runId, cellId, workerId).changes === 1;
    if (changed && unfinished.get(runId)!.count === 0) finishRun.run(runId);
    return changed;
  });

  return {
    createRun: async ({ run, cellIds }) =>
      database.transaction(() => {
        insertRun.run(run.id, run.definition, run.status, run.createdAt);
        for (const cellId of cellIds) insertCell.run(run.id, cellId, run.createdAt);
      })(),
    getRun: async (id) => {
      const row = selectRun.get(id);
      return row ? { id: row.id, definition: row.definition, status: row.status, createdAt: row.created_at } : undefined;
    },
    listCells: async (runId, options) => (selectCells.all(runId, options?.updatedSince ?? 0) as never[]).map(toCell),
    countCells: async (runId) => Object.fromEntries((countByStatus.all(runId) as Array<{ status: CellStatus; count: number }>).map((row) => [row.status, row.count])),
    claimCells: async (input) => claimTransaction(input),
    claimCell: async ({ workerId, runId, cellId, leaseMs, now }) =>
      database.transaction(() => {
        const changed = database
          .prepare(
            `UPDATE run_cells SET status = 'running', worker_id = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
             WHERE run_id = ? AND cell_id = ? AND (status = 'queued' OR (status = 'running' AND lease_until < ?)) AND EXISTS (SELECT 1 FROM runs WHERE runs.id = run_cells.run_id AND runs.status = 'running')`,
          )
          .run(workerId, now + leaseMs, now, runId, cellId, now).changes;
        return changed === 1 ? toCell(selectOne.get(runId, cellId) as never) : undefined;
      })(),
    findStaleCells: async ({ now, staleMs, limit }) =>
      (
        database
          .prepare(
            `SELECT run_cells.run_id, run_cells.cell_id FROM run_cells JOIN runs ON runs.id = run_cells.run_id
             WHERE runs.status = 'running' AND run_cells.updated_at < ? AND (run_cells.status = 'queued' OR (run_cells.status = 'running' AND run_cells.lease_until < ?))
             ORDER BY run_cells.updated_at LIMIT ?`,
          )
          .all(now - staleMs, now, limit) as Array<{ run_id: string; cell_id: string }>
      ).map((row) => ({ runId: row.run_id, cellId: row.cell_id })),
    renewLeases: async ({ workerId, cellIds, leaseMs, now }) =>
      database.transaction(() => {
        for (const { runId, cellId } of cellIds) renew.run(now + leaseMs, runId, cellId, workerId);
      })(),
    completeCell: async (input) => completeTransaction(input),
    releaseCell: async ({ workerId, runId, cellId, countAttempt, now }) =>
      database.prepare("UPDATE run_cells SET status = 'queued', worker_id = NULL, lease_until = NULL, attempts = attempts - ?, updated_at = ? WHERE run_id = ? AND cell_id = ? AND worker_id = ? AND status = 'running'").run(countAttempt ? 0 : 1, now, runId, cellId, workerId).changes === 1,
    cancelRun: async ({ runId, now }) =>
      database.transaction(() => {
        database.prepare("UPDATE runs SET status = 'cancelled' WHERE id = ?").run(runId);
        database.prepare("UPDATE run_cells SET status = 'cancelled', worker_id = NULL, lease_until = NULL, updated_at = ? WHERE run_id = ? AND status IN ('queued', 'running', 'waiting_for_key')").run(now, runId);
      })(),
    requeueCells: async ({ runId, cellIds, onlyFailed }) =>
      database.transaction(() => {
        const statuses = onlyFailed ? "('failed')" : "('failed', 'cancelled', 'waiting_for_key', 'done')";
        let changed = 0;
        const targets = cellIds ?? (database.prepare(`SELECT cell_id FROM run_cells WHERE run_id = ? AND status IN ${statuses}`).all(runId) as Array<{ cell_id: string }>).map((row) => row.cell_id);
        for (const cellId of targets) changed += database.prepare(`UPDATE run_cells SET status = 'queued', record = NULL, updated_at = ? WHERE run_id = ? AND cell_id = ? AND status IN ${statuses}`).run(Date.now(), runId, cellId).changes;
        if (changed > 0) database.prepare("UPDATE runs SET status = 'running' WHERE id = ?").run(runId);
        return changed;
      })(),
    close: async () => void database.close(),
  };
}
