import "server-only";
import { getShareStore } from "@/lib/store/open-share-store";
import type { PublishedShare, ShareSnapshot } from "./share-snapshot";

/** A readable share (not expired, not deleted), or undefined. */
export async function readShare({ id, now = Date.now() }: { id: string; now?: number }): Promise<PublishedShare | undefined> {
  const stored = await (await getShareStore()).getShare({ id, now });
  if (!stored) return undefined;
  return { id: stored.id, createdAt: stored.createdAt, expiresAt: stored.expiresAt, snapshot: JSON.parse(stored.snapshot) as ShareSnapshot };
}
