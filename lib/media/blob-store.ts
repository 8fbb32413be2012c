import { openDB, type IDBPDatabase } from "idb";
import { CodedError } from "@/lib/wire/coded-message";

// Attachments' bytes (originals, extracted frames, documents' text) live in IndexedDB: too large
// for localStorage, and kept across reloads so a conversation can be sent again as it was.

const databaseName = "kimi-workbench-media";
const storeName = "blobs";

let database: Promise<IDBPDatabase> | undefined;

function open(): Promise<IDBPDatabase> {
  database ??= openDB(databaseName, 1, {
    upgrade(db) {
      db.createObjectStore(storeName);
    },
  });
  return database;
}

/**
 * A key for some bytes: their SHA-256 where the browser offers it (the same file is kept once),
 * otherwise random (plain-http LAN origins have no `crypto.subtle`).
 */
export async function contentKey(blob: Blob): Promise<string> {
  if (globalThis.crypto?.subtle) {
    const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
    return `sha256-${Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
  }
  const random = new Uint8Array(16);
  crypto.getRandomValues(random);
  return `random-${Array.from(random, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}

/** Stores a blob under `key` (overwriting: equal keys hold equal bytes). */
export async function putBlob({ key, blob }: { key: string; blob: Blob }): Promise<void> {
  await (await open()).put(storeName, blob, key);
}

/** The blob stored under `key`, if any. */
export async function getBlob(key: string): Promise<Blob | undefined> {
  const value: unknown = await (await open()).get(storeName, key);
  return value instanceof Blob ? value : undefined;
}

/** Deletes every stored blob whose key is not in `keep` (attachments nobody refers to any more). */
export async function deleteBlobsExcept(keep: ReadonlySet<string>): Promise<number> {
  const db = await open();
  const keys = (await db.getAllKeys(storeName)) as string[];
  const stale = keys.filter((key) => !keep.has(key));
  const transaction = db.transaction(storeName, "readwrite");
  await Promise.all([...stale.map((key) => transaction.store.delete(key)), transaction.done]);
  return stale.length;
}

/** A blob's bytes as base64 (for JSON: share uploads, conversation exports). */
export function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new CodedError({ message: "A media file could not be read.", code: "mediaUnreadable" }));
    reader.readAsDataURL(blob);
  });
}
