import type { Migration } from "./migrations";

// The run store's schema, per dialect, as numbered migrations (recorded in run_schema_migrations,
// apart from the share store's, since both can live in one PostgreSQL database).

export const runMigrations: readonly Migration[] = [
  {
    version: 1,
    description: "runs, and one row per cell with its lease and result",
    sqlite: `
      CREATE TABLE runs (id TEXT PRIMARY KEY, definition TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL);
      CREATE TABLE run_cells (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        cell_id TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        completions INTEGER NOT NULL DEFAULT 0,
        worker_id TEXT,
        lease_until INTEGER,
        record TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (run_id, cell_id)
      );
      CREATE INDEX run_cells_claimable ON run_cells (status, lease_until);
    `,
    postgres: `
      CREATE TABLE runs (id TEXT PRIMARY KEY, definition TEXT NOT NULL, status TEXT NOT NULL, created_at BIGINT NOT NULL);
      CREATE TABLE run_cells (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        cell_id TEXT NOT NULL,
        position BIGSERIAL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        completions INTEGER NOT NULL DEFAULT 0,
        worker_id TEXT,
        lease_until BIGINT,
        record TEXT,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (run_id, cell_id)
      );
      CREATE INDEX run_cells_claimable ON run_cells (status, lease_until);
    `,
  },
];
