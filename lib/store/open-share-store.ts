import "server-only";
import { join, resolve } from "node:path";
import { getServerEnv } from "@/lib/env";
import { openPostgresShareStore } from "./postgres-share-store";
import type { ShareStore } from "./share-store";
import { openSqliteShareStore } from "./sqlite-share-store";

// One store per process, shared by the API bundle and Next's server (two module graphs in one
// process), so SQLite keeps a single connection and PostgreSQL a single pool.
const storeKey = Symbol.for("kimi-workbench.share-store");
type Registry = Record<symbol, Promise<ShareStore> | undefined>;

/** The file the SQLite store uses: `$DATA_DIR/shares.sqlite` (DATA_DIR defaults to .data). */
export function sqliteSharePath(): string {
  // Resolved at run time from the environment (not a build-time path: nothing to trace).
  return join(resolve(/*turbopackIgnore: true*/ getServerEnv().DATA_DIR ?? ".data"), "shares.sqlite");
}

/** The process's share store: PostgreSQL when DATABASE_URL is set, otherwise SQLite under DATA_DIR. */
export function getShareStore(): Promise<ShareStore> {
  const registry = globalThis as unknown as Registry;
  const existing = registry[storeKey];
  if (existing) return existing;
  const { DATABASE_URL } = getServerEnv();
  const opening = DATABASE_URL ? openPostgresShareStore({ connectionString: DATABASE_URL }) : Promise.resolve(openSqliteShareStore({ path: sqliteSharePath() }));
  registry[storeKey] = opening;
  // A failed start is not cached: the next request tries again (e.g. PostgreSQL was still starting).
  opening.catch(() => {
    if (registry[storeKey] === opening) registry[storeKey] = undefined;
  });
  return opening;
}
