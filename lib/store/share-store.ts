import "server-only";

/** A media file stored once per content hash (SHA-256, hex). */
export interface StoredMedia {
  hash: string;
  mediaType: string;
  bytes: Buffer;
}

/** A published share as stored: an immutable snapshot (JSON text) and when it stops being readable. */
export interface StoredShare {
  id: string;
  snapshot: string;
  createdAt: number;
  /** Milliseconds since the epoch; null: never expires. */
  expiresAt: number | null;
}

/** What deleting a share with a token found. */
export type DeleteOutcome = "deleted" | "not-found" | "wrong-token";

/**
 * Where shares live. Two implementations with the same behaviour: SQLite (one file, the default) and
 * PostgreSQL (several app instances). Reads never return an expired share.
 */
export interface ShareStore {
  readonly kind: "sqlite" | "postgres";
  /** Stores a share and its media (media already stored under the same hash is kept, not duplicated). */
  createShare(input: { share: StoredShare; deleteTokenHash: string; media: readonly StoredMedia[] }): Promise<void>;
  getShare(input: { id: string; now: number }): Promise<StoredShare | undefined>;
  /** A media file of a share (only if that share refers to it and is readable). */
  getShareMedia(input: { id: string; hash: string; now: number }): Promise<Omit<StoredMedia, "hash"> | undefined>;
  /** Deletes a share if the token's hash matches; media no other share refers to goes with it. */
  deleteShare(input: { id: string; deleteTokenHash: string }): Promise<DeleteOutcome>;
  /** Removes expired shares (and their orphaned media); returns how many. */
  deleteExpired(input: { now: number; limit: number }): Promise<number>;
  /** How many media files are stored (all shares): each content once. */
  mediaCount(): Promise<number>;
  close(): Promise<void>;
}
