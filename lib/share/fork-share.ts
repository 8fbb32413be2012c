import { saveConversation } from "@/lib/chat/browser-storage";
import type { Conversation } from "@/lib/chat/conversation-types";
import { putConversation } from "@/lib/history/history-db";
import { putBlob } from "@/lib/media/blob-store";
import { blobKeysOfAttachment } from "./build-snapshot";
import type { PublishedShare } from "./share-snapshot";

function newId(): string {
  return crypto.randomUUID();
}

/** A share as a conversation of the reader's own: editable and sendable, remembering where it came from. */
export function conversationFromShare({ share, id, now }: { share: PublishedShare; id: string; now: number }): Conversation {
  const { snapshot } = share;
  return {
    id,
    providerId: snapshot.providerId,
    model: snapshot.model,
    systemPrompt: snapshot.systemPrompt ?? "",
    parameters: snapshot.parameters,
    draft: "",
    draftAttachments: [],
    turns: snapshot.turns,
    updatedAt: now,
    title: snapshot.title,
    forkedFrom: { shareId: share.id, title: snapshot.title },
  };
}

/**
 * Forks a share into this browser's history: its media into browser storage (under the same content
 * keys), the conversation into the history, opened next time the workbench loads.
 */
export async function forkShare({ shareId, onProgress }: { shareId: string; onProgress?: (done: number, total: number) => void }): Promise<Conversation> {
  const response = await fetch(`/api/shares/${encodeURIComponent(shareId)}`);
  if (!response.ok) throw new Error(response.status === 404 ? "This share is no longer available." : `The share could not be loaded (HTTP ${response.status}).`);
  const share = (await response.json()) as PublishedShare;
  const keys = [...new Set(share.snapshot.turns.flatMap((turn) => (turn.role === "user" ? (turn.attachments ?? []).flatMap(blobKeysOfAttachment) : [])))];
  let done = 0;
  for (const key of keys) {
    const media = await fetch(`/api/shares/${encodeURIComponent(shareId)}/media/${key.replace(/^sha256-/, "")}`);
    if (!media.ok) throw new Error(`A media file of this share could not be loaded (HTTP ${media.status}).`);
    await putBlob({ key, blob: await media.blob() });
    onProgress?.((done += 1), keys.length);
  }
  const conversation = conversationFromShare({ share, id: newId(), now: Date.now() });
  await putConversation(conversation);
  // The workbench opens the conversation its mirror in localStorage names.
  const failure = saveConversation(conversation);
  if (failure) throw new Error(failure);
  return conversation;
}
