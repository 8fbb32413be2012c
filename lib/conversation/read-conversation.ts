import type { Attachment } from "./attachment-types";
import type { Conversation } from "./conversation-types";

/** Every attachment of a conversation (sent and being written). */
export function attachmentsOf(conversation: Pick<Conversation, "turns" | "draftAttachments">): Attachment[] {
  return [...conversation.turns.flatMap((turn) => (turn.role === "user" ? (turn.attachments ?? []) : [])), ...conversation.draftAttachments];
}

/** Whether a conversation is worth keeping in the history (an untouched new chat is not). */
export function hasContent(conversation: Pick<Conversation, "turns" | "draft" | "draftAttachments">): boolean {
  return conversation.turns.length > 0 || conversation.draft.trim() !== "" || conversation.draftAttachments.length > 0;
}

/** A short title from the first user message. */
export function titleOf(conversation: Pick<Conversation, "turns">): string {
  const first = conversation.turns.find((turn) => turn.role === "user");
  const text = (first?.content ?? "").replace(/\s+/g, " ").trim();
  if (!text) return "Untitled conversation";
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** The title shown for a conversation: its own, or its first message. */
export function displayTitle(conversation: Pick<Conversation, "title" | "turns">): string {
  return conversation.title?.trim() || titleOf(conversation);
}

/** The conversation with answers that were still streaming marked interrupted (they cannot resume). */
export function withInterruptedAnswers(conversation: Conversation): Conversation {
  if (!conversation.turns.some((turn) => turn.role === "assistant" && turn.status === "streaming")) return conversation;
  return { ...conversation, turns: conversation.turns.map((turn) => (turn.role === "assistant" && turn.status === "streaming" ? { ...turn, status: "interrupted" as const } : turn)) };
}
