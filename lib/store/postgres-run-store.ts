import "server-only";
import { inTransaction, migratePostgres, openPostgresPool } from "./migrations";
import { runMigrations } from "./run-schema-sql";
import type { CellStatus, RunStore, StoredCell, StoredRun } from "./run-store";

// Runs in PostgreSQL, for several instances working the same runs: a cell is claimed with
// `FOR UPDATE SKIP LOCKED`, so two workers never take the same cell, and written back only by the
// worker whose lease it is.

// A fixed advisory-lock key of its own, so instances starting together migrate one after the other.
const migrationLockKey = 7_461_029_385;

interface CellRow {
  run_id: string;
  cell_id: string;
  status: CellStatus;
  attempts: number;
  completions: number;
  record: string | null;
  updated_at: string;
}

const toCell = (row: CellRow): StoredCell => ({ runId: row.run_id, cellId: row.cell_id, status: row.status, attempts: row.attempts, completions: row.completions, ...(row.record !== null ? { record: row.record } : {}), updatedAt: Number(row.updated_at) });

/** Opens the run store in PostgreSQL (creating its tables under an advisory lock). */
export async function openPostgresRunStore({ connectionString, maxConnections = 10 }: { connectionString: string; maxConnections?: number }): Promise<RunStore> {
  const pool = openPostgresPool({ connectionString, maxConnections });
  await migratePostgres({ pool, migrations: runMigrations, table: "run_schema_migrations", lockKey: migrationLockKey, what: "run" });

  const cellColumns = "run_id, cell_id, status, attempts, completions, record, updated_at";
  return {
    createRun: ({ run, cellIds }) =>
      inTransaction(pool, async (connection) => {
        await connection.query("INSERT INTO runs (id, definition, status, created_at) VALUES ($1, $2, $3, $4)", [run.id, run.definition, run.status, run.createdAt]);
        // One statement for every cell: thousands of rows in one round trip.
        await connection.query("INSERT INTO run_cells (run_id, cell_id, status, updated_at) SELECT $1, cell_id, 'queued', $3 FROM unnest($2::text[]) WITH ORDINALITY AS cells (cell_id, position) ORDER BY position", [run.id, cellIds, run.createdAt]);
      }),
    getRun: async (id) => {
      const { rows } = await pool.query<{ id: string; definition: string; status: StoredRun["status"]; created_at: string }>("SELECT id, definition, status, created_at FROM runs WHERE id = $1", [id]);
      const row = rows[0];
      return row ? { id: row.id, definition: row.definition, status: row.status, createdAt: Number(row.created_at) } : undefined;
    },
    listCells: async (runId, options) => (await pool.query<CellRow>(`SELECT ${cellColumns} FROM run_cells WHERE run_id = $1 AND updated_at >= $2 ORDER BY position`, [runId, options?.updatedSince ?? 0])).rows.map(toCell),
    countCells: async (runId) => Object.fromEntries((await pool.query<{ status: CellStatus; count: string }>("SELECT status, COUNT(*) AS count FROM run_cells WHERE run_id = $1 GROUP BY status", [runId])).rows.map((row) => [row.status, Number(row.count)])),
    claimCells: async ({ workerId, limit, leaseMs, now }) =>
      (
        await pool.query<CellRow>(
          `UPDATE run_cells SET status = 'running', worker_id = $1, lease_until = $2, attempts = attempts + 1, updated_at = $3
           WHERE (run_id, cell_id) IN (
             SELECT run_cells.run_id, run_cells.cell_id FROM run_cells JOIN runs ON runs.id = run_cells.run_id
             WHERE runs.status = 'running' AND (run_cells.status = 'queued' OR (run_cells.status = 'running' AND run_cells.lease_until < $3))
             ORDER BY run_cells.position LIMIT $4 FOR UPDATE OF run_cells SKIP LOCKED)
           RETURNING ${cellColumns}`,
          [workerId, now + leaseMs, now, limit],
        )
      ).rows.map(toCell),
    claimCell: async ({ workerId, runId, cellId, leaseMs, now }) =>
      (
        await pool.query<CellRow>(
          `UPDATE run_cells SET status = 'running', worker_id = $1, lease_until = $2, attempts = attempts + 1, updated_at = $3
           WHERE run_id = $4 AND cell_id = $5 AND (status = 'queued' OR (status = 'running' AND lease_until < $3)) AND EXISTS (SELECT 1 FROM runs WHERE runs.id = $4 AND runs.status = 'running')
           RETURNING ${cellColumns}`,
          [workerId, now + leaseMs, now, runId, cellId],
        )
      ).rows.map(toCell)[0],
    findStaleCells: async ({ now, staleMs, limit }) =>
      (
        await pool.query<{ run_id: string; cell_id: string }>(
          `SELECT run_cells.run_id, run_cells.cell_id FROM run_cells JOIN runs ON runs.id = run_cells.run_id
           WHERE runs.status = 'running' AND run_cells.updated_at < $1 AND (run_cells.status = 'queued' OR (run_cells.status = 'running' AND run_cells.lease_until < $2))
           ORDER BY run_cells.updated_at LIMIT $3`,
          [now - staleMs, now, limit],
        )
      ).rows.map((row) => ({ runId: row.run_id, cellId: row.cell_id })),
    renewLeases: async ({ workerId, cellIds, leaseMs, now }) => {
      if (cellIds.length === 0) return;
      await pool.query("UPDATE run_cells SET lease_until = $1 WHERE worker_id = $2 AND status = 'running' AND (run_id || ' ' || cell_id) = ANY($3::text[])", [now + leaseMs, workerId, cellIds.map((cell) => `${cell.runId} ${cell.cellId}`)]);
    },
    completeCell: async ({ workerId, runId, cellId, status, record, now }) => {
      const changed = (await pool.query("UPDATE run_cells SET status = $1, record = $2, completions = completions + 1, worker_id = NULL, lease_until = NULL, updated_at = $3 WHERE run_id = $4 AND cell_id = $5 AND worker_id = $6 AND status = 'running'", [status, record, now, runId, cellId, workerId])).rowCount === 1;
      // Checked after the cell's own write committed (not inside one transaction): two workers
      // finishing the last two cells at once would each still see the other's cell running.
      if (changed) await pool.query("UPDATE runs SET status = 'finished' WHERE id = $1 AND status = 'running' AND NOT EXISTS (SELECT 1 FROM run_cells WHERE run_id = $1 AND status IN ('queued', 'running'))", [runId]);
      return changed;
    },
    releaseCell: async ({ workerId, runId, cellId, countAttempt, now }) =>
      (await pool.query("UPDATE run_cells SET status = 'queued', worker_id = NULL, lease_until = NULL, attempts = attempts - $1, updated_at = $2 WHERE run_id = $3 AND cell_id = $4 AND worker_id = $5 AND status = 'running'", [countAttempt ? 0 : 1, now, runId, cellId, workerId])).rowCount === 1,
    cancelRun: ({ runId, now }) =>
      inTransaction(pool, async (connection) => {
        await connection.query("UPDATE runs SET status = 'cancelled' WHERE id = $1", [runId]);
        await connection.query("UPDATE run_cells SET status = 'cancelled', worker_id = NULL, lease_until = NULL, updated_at = $1 WHERE run_id = $2 AND status IN ('queued', 'running', 'waiting_for_key')", [now, runId]);
      }),
    requeueCells: ({ runId, cellIds, onlyFailed }) =>
      inTransaction(pool, async (connection) => {
        const statuses = onlyFailed ? ["failed"] : ["failed", "cancelled", "waiting_for_key", "done"];
        const result = cellIds
          ? await connection.query("UPDATE run_cells SET status = 'queued', record = NULL, updated_at = $4 WHERE run_id = $1 AND cell_id = ANY($2::text[]) AND status = ANY($3::text[])", [runId, cellIds, statuses, Date.now()])
          : await connection.query("UPDATE run_cells SET status = 'queued', record = NULL, updated_at = $3 WHERE run_id = $1 AND status = ANY($2::text[])", [runId, statuses, Date.now()]);
        const changed = result.rowCount ?? 0;
        if (changed > 0) await connection.query("UPDATE runs SET status = 'running' WHERE id = $1", [runId]);
        return changed;
      }),
    close: () => pool.end(),
  };
}
