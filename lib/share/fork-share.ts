import type { Conversation } from "@/lib/conversation/conversation-types";
import { putBlob } from "@/lib/media/blob-store";
import { blobKeysOf, mediaHashOfKey } from "@/lib/media/attachment-keys";
import { isConversationShare, type AnyShareSnapshot, type PublishedShare } from "./share-snapshot";
import { conversationFromShare } from "./share-conversation";
import { CodedError } from "@/lib/wire/coded-message";

function newId(): string {
  return crypto.randomUUID();
}

/**
 * Fetches a share as a new conversation of this browser, its media stored in browser storage under
 * the same content keys (the caller adds it to the history).
 */
export async function forkShare({ shareId, onProgress }: { shareId: string; onProgress?: (done: number, total: number) => void }): Promise<Conversation> {
  const response = await fetch(`/api/shares/${encodeURIComponent(shareId)}`);
  if (response.status === 404) throw new CodedError({ message: "This share is no longer available.", code: "shareGone" });
  if (!response.ok) throw new CodedError({ message: `The share could not be loaded (HTTP ${response.status}).`, code: "shareLoadFailed", values: { status: String(response.status) } });
  const share = (await response.json()) as PublishedShare<AnyShareSnapshot>;
  if (!isConversationShare(share)) throw new CodedError({ message: "This share is a prompt run, not a conversation: read it on its page.", code: "shareIsRun" });
  const keys = [...new Set(share.snapshot.turns.flatMap((turn) => (turn.role === "user" ? (turn.attachments ?? []).flatMap(blobKeysOf) : [])))];
  let done = 0;
  for (const key of keys) {
    const media = await fetch(`/api/shares/${encodeURIComponent(shareId)}/media/${mediaHashOfKey(key) ?? ""}`);
    if (!media.ok) throw new CodedError({ message: `A media file of this share could not be loaded (HTTP ${media.status}).`, code: "shareMediaFailed", values: { status: String(media.status) } });
    await putBlob({ key, blob: await media.blob() });
    onProgress?.((done += 1), keys.length);
  }
  return conversationFromShare({ share, id: newId(), now: Date.now() });
}
