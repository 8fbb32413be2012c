import type { Migration } from "./migrations";

// The share store's schema, per dialect, as numbered migrations: a store applies the ones its
// database has not seen yet, in order, at start-up. Never edit a migration that has shipped; add one.

export const shareMigrations: readonly Migration[] = [
  {
    version: 1,
    description: "shares, media stored once per content hash, and which share uses which media",
    sqlite: `
      CREATE TABLE shares (
        id TEXT PRIMARY KEY,
        delete_token_hash TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER
      );
      CREATE INDEX shares_expires_at ON shares (expires_at) WHERE expires_at IS NOT NULL;
      CREATE TABLE media (
        hash TEXT PRIMARY KEY,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        bytes BLOB NOT NULL
      );
      CREATE TABLE share_media (
        share_id TEXT NOT NULL REFERENCES shares (id) ON DELETE CASCADE,
        hash TEXT NOT NULL REFERENCES media (hash),
        PRIMARY KEY (share_id, hash)
      );
      CREATE INDEX share_media_hash ON share_media (hash);
    `,
    postgres: `
      CREATE TABLE shares (
        id TEXT PRIMARY KEY,
        delete_token_hash TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT
      );
      CREATE INDEX shares_expires_at ON shares (expires_at) WHERE expires_at IS NOT NULL;
      CREATE TABLE media (
        hash TEXT PRIMARY KEY,
        media_type TEXT NOT NULL,
        size BIGINT NOT NULL,
        bytes BYTEA NOT NULL
      );
      CREATE TABLE share_media (
        share_id TEXT NOT NULL REFERENCES shares (id) ON DELETE CASCADE,
        hash TEXT NOT NULL REFERENCES media (hash),
        PRIMARY KEY (share_id, hash)
      );
      CREATE INDEX share_media_hash ON share_media (hash);
    `,
  },
];
