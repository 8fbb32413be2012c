import type { Conversation } from "@/lib/conversation/conversation-types";
import type { PublishedShare } from "./share-snapshot";

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
