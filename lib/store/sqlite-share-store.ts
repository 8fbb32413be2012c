import "server-only";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { migrateSqlite } from "./migrations";
import { shareMigrations } from "./share-schema-sql";
import type { DeleteOutcome, ShareStore, StoredMedia, StoredShare } from "./share-store";

interface ShareRow {
  id: string;
  snapshot: string;
  created_at: number;
  expires_at: number | null;
}

/**
 * Shares in one SQLite file: WAL (readers never wait for the writer), synchronous=FULL (a share
 * acknowledged with 201 survives a crash), foreign keys on. One connection per process; better-sqlite3
 * is synchronous, which suits SQLite's single writer.
 */
export function openSqliteShareStore({ path }: { path: string }): ShareStore {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  migrateSqlite({ database, migrations: shareMigrations, table: "schema_migrations" });

  const insertShare = database.prepare("INSERT INTO shares (id, delete_token_hash, snapshot, created_at, expires_at) VALUES (?, ?, ?, ?, ?)");
  const insertMedia = database.prepare("INSERT INTO media (hash, media_type, size, bytes) VALUES (?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING");
  const linkMedia = database.prepare("INSERT INTO share_media (share_id, hash) VALUES (?, ?) ON CONFLICT DO NOTHING");
  const selectShare = database.prepare<[string, number], ShareRow>("SELECT id, snapshot, created_at, expires_at FROM shares WHERE id = ? AND (expires_at IS NULL OR expires_at > ?)");
  const selectMedia = database.prepare<[string, string, number], { media_type: string; bytes: Buffer }>(
    `SELECT media.media_type, media.bytes FROM share_media
     JOIN shares ON shares.id = share_media.share_id
     JOIN media ON media.hash = share_media.hash
     WHERE share_media.share_id = ? AND share_media.hash = ? AND (shares.expires_at IS NULL OR shares.expires_at > ?)`,
  );
  const selectToken = database.prepare<[string], { delete_token_hash: string }>("SELECT delete_token_hash FROM shares WHERE id = ?");
  const selectMediaOf = database.prepare<[string], { hash: string }>("SELECT hash FROM share_media WHERE share_id = ?");
  const deleteShareRow = database.prepare("DELETE FROM shares WHERE id = ?");
  const deleteOrphan = database.prepare("DELETE FROM media WHERE hash = ? AND NOT EXISTS (SELECT 1 FROM share_media WHERE share_media.hash = media.hash)");
  const selectExpired = database.prepare<[number, number], { id: string }>("SELECT id FROM shares WHERE expires_at IS NOT NULL AND expires_at <= ? LIMIT ?");
  const countMedia = database.prepare<[], { count: number }>("SELECT COUNT(*) AS count FROM media");

  const removeShare = (id: string) => {
    const hashes = selectMediaOf.all(id).map((row) => row.hash);
    deleteShareRow.run(id);
    for (const hash of hashes) deleteOrphan.run(hash);
  };
  const create = database.transaction(({ share, deleteTokenHash, media }: { share: StoredShare; deleteTokenHash: string; media: readonly StoredMedia[] }) => {
    insertShare.run(share.id, deleteTokenHash, share.snapshot, share.createdAt, share.expiresAt);
    for (const item of media) {
      insertMedia.run(item.hash, item.mediaType, item.bytes.length, item.bytes);
      linkMedia.run(share.id, item.hash);
    }
  });
  const remove = database.transaction((id: string, deleteTokenHash: string): DeleteOutcome => {
    const row = selectToken.get(id);
    if (!row) return "not-found";
    if (row.delete_token_hash !== deleteTokenHash) return "wrong-token";
    removeShare(id);
    return "deleted";
  });
  const removeExpired = database.transaction((now: number, limit: number) => {
    const ids = selectExpired.all(now, limit).map((row) => row.id);
    for (const id of ids) removeShare(id);
    return ids.length;
  });

  return {
    kind: "sqlite",
    createShare: async (input) => void create(input),
    getShare: async ({ id, now }) => {
      const row = selectShare.get(id, now);
      return row ? { id: row.id, snapshot: row.snapshot, createdAt: row.created_at, expiresAt: row.expires_at } : undefined;
    },
    getShareMedia: async ({ id, hash, now }) => {
      const row = selectMedia.get(id, hash, now);
      return row ? { mediaType: row.media_type, bytes: row.bytes } : undefined;
    },
    deleteShare: async ({ id, deleteTokenHash }) => remove(id, deleteTokenHash),
    deleteExpired: async ({ now, limit }) => removeExpired(now, limit),
    mediaCount: async () => countMedia.get()!.count,
    close: async () => void database.close(),
  };
}
