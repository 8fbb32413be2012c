import "server-only";
import { getShareStore } from "@/lib/store/open-share-store";
import type { StoredShare } from "@/lib/store/share-store";
import type { AnyShareSnapshot, PublishedShare } from "./share-snapshot";

/** A readable share (not expired, not deleted), or undefined. */
export async function readShare({ id, now = Date.now() }: { id: string; now?: number }): Promise<PublishedShare<AnyShareSnapshot> | undefined> {
  const stored = await (await getShareStore()).getShare({ id, now });
  return stored ? publishedShare(stored) : undefined;
}

/** A stored share with its snapshot parsed. */
export function publishedShare(stored: StoredShare): PublishedShare<AnyShareSnapshot> {
  return { id: stored.id, createdAt: stored.createdAt, expiresAt: stored.expiresAt, snapshot: JSON.parse(stored.snapshot) as AnyShareSnapshot };
}
