import "server-only";
import pg from "pg";
import { shareMigrations } from "./share-schema-sql";
import type { DeleteOutcome, ShareStore } from "./share-store";
import { describeErrorForLog, logEvent } from "@/lib/log/server-log";

// A fixed advisory-lock key, so instances starting together migrate one after the other.
const migrationLockKey = 7_461_029_384;

/**
 * Shares in PostgreSQL, for several app instances: a connection pool, the schema created or migrated
 * at start (under an advisory lock), every write in a transaction.
 */
export async function openPostgresShareStore({ connectionString, maxConnections = 10 }: { connectionString: string; maxConnections?: number }): Promise<ShareStore> {
  const pool = new pg.Pool({ connectionString, max: maxConnections });
  // An idle client's network error must not crash the process; the next query reconnects.
  pool.on("error", (error) => logEvent({ level: "error", event: "postgres_idle_connection_failed", fields: describeErrorForLog(error) }));
  await migrate(pool);

  async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
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

  async function removeShare(client: pg.PoolClient, id: string): Promise<void> {
    const hashes = (await client.query<{ hash: string }>("DELETE FROM share_media WHERE share_id = $1 RETURNING hash", [id])).rows.map((row) => row.hash);
    await client.query("DELETE FROM shares WHERE id = $1", [id]);
    if (hashes.length > 0) {
      await client.query("DELETE FROM media WHERE hash = ANY($1) AND NOT EXISTS (SELECT 1 FROM share_media WHERE share_media.hash = media.hash)", [hashes]);
    }
  }

  return {
    kind: "postgres",
    createShare: ({ share, deleteTokenHash, media }) =>
      inTransaction(async (client) => {
        await client.query("INSERT INTO shares (id, delete_token_hash, snapshot, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)", [share.id, deleteTokenHash, share.snapshot, share.createdAt, share.expiresAt]);
        for (const item of media) {
          await client.query("INSERT INTO media (hash, media_type, size, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT (hash) DO NOTHING", [item.hash, item.mediaType, item.bytes.length, item.bytes]);
          await client.query("INSERT INTO share_media (share_id, hash) VALUES ($1, $2) ON CONFLICT DO NOTHING", [share.id, item.hash]);
        }
      }),
    getShare: async ({ id, now }) => {
      const { rows } = await pool.query<{ id: string; snapshot: string; created_at: string; expires_at: string | null }>(
        "SELECT id, snapshot, created_at, expires_at FROM shares WHERE id = $1 AND (expires_at IS NULL OR expires_at > $2)",
        [id, now],
      );
      const row = rows[0];
      return row ? { id: row.id, snapshot: row.snapshot, createdAt: Number(row.created_at), expiresAt: row.expires_at === null ? null : Number(row.expires_at) } : undefined;
    },
    getShareMedia: async ({ id, hash, now }) => {
      const { rows } = await pool.query<{ media_type: string; bytes: Buffer }>(
        `SELECT media.media_type, media.bytes FROM share_media
         JOIN shares ON shares.id = share_media.share_id
         JOIN media ON media.hash = share_media.hash
         WHERE share_media.share_id = $1 AND share_media.hash = $2 AND (shares.expires_at IS NULL OR shares.expires_at > $3)`,
        [id, hash, now],
      );
      return rows[0] ? { mediaType: rows[0].media_type, bytes: rows[0].bytes } : undefined;
    },
    deleteShare: ({ id, deleteTokenHash }) =>
      inTransaction(async (client): Promise<DeleteOutcome> => {
        const { rows } = await client.query<{ delete_token_hash: string }>("SELECT delete_token_hash FROM shares WHERE id = $1 FOR UPDATE", [id]);
        if (!rows[0]) return "not-found";
        if (rows[0].delete_token_hash !== deleteTokenHash) return "wrong-token";
        await removeShare(client, id);
        return "deleted";
      }),
    deleteExpired: ({ now, limit }) =>
      inTransaction(async (client) => {
        const { rows } = await client.query<{ id: string }>("SELECT id FROM shares WHERE expires_at IS NOT NULL AND expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED", [now, limit]);
        for (const row of rows) await removeShare(client, row.id);
        return rows.length;
      }),
    mediaCount: async () => Number((await pool.query<{ count: string }>("SELECT COUNT(*) AS count FROM media")).rows[0]!.count),
    close: () => pool.end(),
  };
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [migrationLockKey]);
    await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)");
    const applied = new Set((await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((row) => row.version));
    for (const migration of shareMigrations) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.postgres);
      await client.query("INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)", [migration.version, migration.description, Date.now()]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw new Error(`Could not create or migrate the share tables in PostgreSQL (DATABASE_URL): ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    client.release();
  }
}
