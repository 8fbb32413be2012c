// The shares this browser published, with their delete tokens (shown once by the server, kept only
// here) so their owner can delete them later.

import type { WorkbenchMessage } from "@/lib/wire/coded-message";
import { readResponseError } from "@/lib/wire/error-envelope";

const storageKey = "kimi-workbench.my-shares.v1";

/** A share this browser published. */
export interface MyShare {
  id: string;
  url: string;
  title: string;
  deleteToken: string;
  createdAt: number;
  expiresAt: number | null;
  conversationId: string;
}

export function loadMyShares(): MyShare[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(storageKey) ?? "[]");
    return Array.isArray(value) ? (value.filter((item) => typeof item?.id === "string" && typeof item?.deleteToken === "string") as MyShare[]) : [];
  } catch {
    return [];
  }
}

function saveMyShares(shares: MyShare[]): void {
  localStorage.setItem(storageKey, JSON.stringify(shares));
}

export function rememberShare(share: MyShare): void {
  saveMyShares([share, ...loadMyShares().filter((item) => item.id !== share.id)]);
}

export function forgetShare(id: string): void {
  saveMyShares(loadMyShares().filter((item) => item.id !== id));
}

/** Deletes a share on the server with its token; a share already gone counts as deleted. */
export async function deleteMyShare(share: MyShare): Promise<{ ok: true } | ({ ok: false } & WorkbenchMessage)> {
  // keepalive: a delete carried out as the page goes away (its Undo window cut short) still reaches the server.
  const response = await fetch(`/api/shares/${encodeURIComponent(share.id)}`, { method: "DELETE", headers: { authorization: `Bearer ${share.deleteToken}` }, keepalive: true });
  if (response.ok || response.status === 404) {
    forgetShare(share.id);
    return { ok: true };
  }
  return { ok: false, ...(await readResponseError(response)) };
}
