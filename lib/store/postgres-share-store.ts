import "server-only";
import type pg from "pg";
import { shareMigrations } from "./share-schema-sql";
import type { DeleteOutcome, ShareStore } from "./share-store";
import { inTransaction, migratePostgres, openPostgresPool } from "./migrations";

// A fixed advisory-lock key, so instances starting together migrate one after the other.
const migrationLockKey = 7_461_029_384;

/**
 * Shares in PostgreSQL, for several app instances: a connection pool, the schema created or migrated
 * at start (under an advisory lock), every write in a transaction.
 */
export async function openPostgresShareStore({ connectionString, maxConnections = 10 }: { connectionString: string; maxConnections?: number }): Promise<ShareStore> {
  const pool = openPostgresPool({ connectionString, maxConnections });
  await migratePostgres({ pool, migrations: shareMigrations, table: "schema_migrations", lockKey: migrationLockKey, what: "share" });

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
      inTransaction(pool, async (client) => {
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
      inTransaction(pool, async (client): Promise<DeleteOutcome> => {
        const { rows } = await client.query<{ delete_token_hash: string }>("SELECT delete_token_hash FROM shares WHERE id = $1 FOR UPDATE", [id]);
        if (!rows[0]) return "not-found";
        if (rows[0].delete_token_hash !== deleteTokenHash) return "wrong-token";
        await removeShare(client, id);
        return "deleted";
      }),
    deleteExpired: ({ now, limit }) =>
      inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ id: string }>("SELECT id FROM shares WHERE expires_at IS NOT NULL AND expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED", [now, limit]);
        for (const row of rows) await removeShare(client, row.id);
        return rows.length;
      }),
    mediaCount: async () => Number((await pool.query<{ count: string }>("SELECT COUNT(*) AS count FROM media")).rows[0]!.count),
    close: () => pool.end(),
  };
}
