import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresShareStore } from "./postgres-share-store";
import type { ShareStore, StoredMedia } from "./share-store";
import { openSqliteShareStore } from "./sqlite-share-store";

// The same behaviour is required of both stores. PostgreSQL runs at 127.0.0.1:5432 on every machine
// (CI included); if it cannot be reached these tests fail, they are never skipped.
const postgresUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `kimi_share_test_${process.pid}_${Date.now()}`;

async function withSchema(url: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const withSearchPath = new URL(url);
  withSearchPath.searchParams.set("options", `-c search_path=${schema}`);
  return withSearchPath.toString();
}

const stores: Array<{ name: string; open: () => Promise<ShareStore> }> = [
  { name: "SQLite", open: async () => openSqliteShareStore({ path: join(mkdtempSync(join(tmpdir(), "kimi-shares-")), "shares.sqlite") }) },
  { name: "PostgreSQL", open: async () => openPostgresShareStore({ connectionString: await withSchema(postgresUrl) }) },
];

afterAll(async () => {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

const media = (text: string): StoredMedia => ({ hash: `hash-${text}`, mediaType: "image/png", bytes: Buffer.from(text) });
const share = (id: string, expiresAt: number | null = null) => ({ id, snapshot: JSON.stringify({ title: id }), createdAt: 1_000, expiresAt });

describe.each(stores)("$name share store", ({ open }) => {
  let store: ShareStore;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(() => store.close());

  it("stores a share and reads it back exactly", async () => {
    await store.createShare({ share: share("a1", 10_000), deleteTokenHash: "t1", media: [media("x")] });
    expect(await store.getShare({ id: "a1", now: 5_000 })).toEqual({ id: "a1", snapshot: '{"title":"a1"}', createdAt: 1_000, expiresAt: 10_000 });
    expect(await store.getShareMedia({ id: "a1", hash: "hash-x", now: 5_000 })).toEqual({ mediaType: "image/png", bytes: Buffer.from("x") });
    expect(await store.getShare({ id: "missing", now: 5_000 })).toBeUndefined();
  });

  it("never returns an expired share or its media, and cleans expired shares up", async () => {
    await store.createShare({ share: share("e1", 2_000), deleteTokenHash: "t", media: [media("expiring")] });
    expect(await store.getShare({ id: "e1", now: 1_999 })).toBeDefined();
    expect(await store.getShare({ id: "e1", now: 2_000 })).toBeUndefined();
    expect(await store.getShareMedia({ id: "e1", hash: "hash-expiring", now: 2_000 })).toBeUndefined();
    const before = await store.mediaCount();
    expect(await store.deleteExpired({ now: 3_000, limit: 100 })).toBe(1);
    expect(await store.mediaCount()).toBe(before - 1);
  });

  it("keeps media once per content hash, shared between shares, until the last share goes", async () => {
    const before = await store.mediaCount();
    await store.createShare({ share: share("m1"), deleteTokenHash: "t1", media: [media("same"), media("only-m1")] });
    await store.createShare({ share: share("m2"), deleteTokenHash: "t2", media: [media("same")] });
    expect(await store.mediaCount()).toBe(before + 2);
    // A share's media is served only through shares that refer to it.
    expect(await store.getShareMedia({ id: "m2", hash: "hash-only-m1", now: 0 })).toBeUndefined();
    expect(await store.deleteShare({ id: "m1", deleteTokenHash: "t1" })).toBe("deleted");
    expect(await store.mediaCount()).toBe(before + 1);
    expect(await store.getShareMedia({ id: "m2", hash: "hash-same", now: 0 })).toEqual({ mediaType: "image/png", bytes: Buffer.from("same") });
    expect(await store.deleteShare({ id: "m2", deleteTokenHash: "t2" })).toBe("deleted");
    expect(await store.mediaCount()).toBe(before);
  });

  it("deletes only with the right token", async () => {
    await store.createShare({ share: share("d1"), deleteTokenHash: "right", media: [] });
    expect(await store.deleteShare({ id: "d1", deleteTokenHash: "wrong" })).toBe("wrong-token");
    expect(await store.getShare({ id: "d1", now: 0 })).toBeDefined();
    expect(await store.deleteShare({ id: "d1", deleteTokenHash: "right" })).toBe("deleted");
    expect(await store.getShare({ id: "d1", now: 0 })).toBeUndefined();
    expect(await store.deleteShare({ id: "d1", deleteTokenHash: "right" })).toBe("not-found");
  });

  it("refuses a second share with the same id and leaves nothing half-written", async () => {
    await store.createShare({ share: share("dup"), deleteTokenHash: "t", media: [] });
    const before = await store.mediaCount();
    await expect(store.createShare({ share: share("dup"), deleteTokenHash: "t", media: [media("never-stored")] })).rejects.toThrow();
    expect(await store.mediaCount()).toBe(before);
  });
});
