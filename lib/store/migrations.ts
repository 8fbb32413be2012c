import "server-only";
import type Database from "better-sqlite3";
import pg from "pg";
import { describeErrorForLog, logEvent } from "@/lib/log/server-log";

// What the stores share: numbered migrations per dialect, applied once at start-up (each store keeps
// its own record of them, since the share and run stores can live in one PostgreSQL database), and
// PostgreSQL's pool and transactions.

/** One schema change. Never edit a migration that has shipped; add one. */
export interface Migration {
  version: number;
  description: string;
  sqlite: string;
  postgres: string;
}

/** Applies the migrations a SQLite database has not seen, in order, in one IMMEDIATE transaction (a second process waits). */
export function migrateSqlite({ database, migrations, table }: { database: Database.Database; migrations: readonly Migration[]; table: string }): void {
  database.exec(`CREATE TABLE IF NOT EXISTS ${table} (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const apply = database.transaction(() => {
    const applied = new Set(database.prepare<[], { version: number }>(`SELECT version FROM ${table}`).all().map((row) => row.version));
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      database.exec(migration.sqlite);
      database.prepare(`INSERT INTO ${table} (version, description, applied_at) VALUES (?, ?, ?)`).run(migration.version, migration.description, Date.now());
    }
  });
  apply.immediate();
}

/** A pool whose idle clients' network errors are logged, not thrown (the next query reconnects). */
export function openPostgresPool({ connectionString, maxConnections = 10 }: { connectionString: string; maxConnections?: number }): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: maxConnections });
  pool.on("error", (error) => logEvent({ level: "error", event: "postgres_idle_connection_failed", fields: describeErrorForLog(error) }));
  return pool;
}

/** Runs `work` in a transaction on one client of the pool: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Applies the migrations PostgreSQL has not seen, under an advisory lock so instances starting together take turns. */
export async function migratePostgres({ pool, migrations, table, lockKey, what }: { pool: pg.Pool; migrations: readonly Migration[]; table: string; lockKey: number; what: string }): Promise<void> {
  try {
    await inTransaction(pool, async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1)", [lockKey]);
      await client.query(`CREATE TABLE IF NOT EXISTS ${table} (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
      const applied = new Set((await client.query<{ version: number }>(`SELECT version FROM ${table}`)).rows.map((row) => row.version));
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        await client.query(migration.postgres);
        await client.query(`INSERT INTO ${table} (version, description, applied_at) VALUES ($1, $2, $3)`, [migration.version, migration.description, Date.now()]);
      }
    });
  } catch (error) {
    throw new Error(`Could not create or migrate the ${what} tables in PostgreSQL (DATABASE_URL): ${error instanceof Error ? error.message : String(error)}`);
  }
}
