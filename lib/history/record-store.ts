import { openDB, type IDBPDatabase } from "idb";

/**
 * One IndexedDB object store of records keyed by `id` with an `updatedAt` index (the history's
 * conversations, the Prompts page's projects), opened once on first use.
 */
export function recordStore(databaseName: string, storeName: string): () => Promise<IDBPDatabase> {
  let database: Promise<IDBPDatabase> | undefined;
  return () => {
    database ??= openDB(databaseName, 1, {
      upgrade(db) {
        db.createObjectStore(storeName, { keyPath: "id" }).createIndex("updatedAt", "updatedAt");
      },
    });
    return database;
  };
}
