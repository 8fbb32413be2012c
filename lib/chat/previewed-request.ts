import type { Conversation } from "@/lib/conversation/conversation-types";
import { displayResolver } from "@/lib/media/media-cache";
import { buildRequestBody } from "@/lib/request/build-request";
import type { ChatRequest, RequestAdjustment } from "@/lib/wire/chat-request";
import type { NextRequest } from "./use-workbench";

/** The request "What will be sent" describes, before the provider's translation. */
export interface PreviewedRequest {
  body: ChatRequest;
  /** What the workbench added, changed or dropped in it. */
  adjustments: RequestAdjustment[];
  /** The next message's request, or (nothing typed after an answer) the one that produced the last answer. */
  describes: "next" | "last";
}

/**
 * With a message being written, the next request; otherwise the one that produced the last answer
 * (with the current parameters), its pictures and videos shown as the JSON view shows them.
 */
export function previewedRequest({ conversation, next }: { conversation: Conversation; next: Pick<NextRequest, "body" | "adjustments" | "spec" | "family"> }): PreviewedRequest {
  const lastTurn = conversation.turns[conversation.turns.length - 1];
  if (conversation.draft.trim() || conversation.draftAttachments.length > 0 || lastTurn?.role !== "assistant") return { body: next.body, adjustments: next.adjustments, describes: "next" };
  const built = buildRequestBody({ conversation, turns: conversation.turns.slice(0, -1), includeDraft: false, spec: next.spec, family: next.family, media: { providerId: conversation.providerId, resolver: displayResolver } });
  return { body: built.body, adjustments: built.adjustments, describes: "last" };
}
