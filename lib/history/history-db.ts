import type { Conversation } from "@/lib/conversation/conversation-types";
import { displayTitle, hasContent } from "@/lib/conversation/read-conversation";
import { recordStore } from "./record-store";

// Every conversation of this browser, in IndexedDB (attachments' bytes are in the media database).
// The open conversation is also mirrored in localStorage, which can be written synchronously when
// the page goes away; this database is the history the sidebar lists.

const storeName = "conversations";
const open = recordStore("kimi-workbench-history", storeName);

/** A conversation as the history list shows it. */
export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: number;
  messages: number;
}

/** A conversation as its history entry: its title, or for one never sent, the start of its draft. */
export function summarize(conversation: Pick<Conversation, "id" | "title" | "turns" | "draft" | "updatedAt">): ConversationSummary {
  const draft = conversation.draft.replace(/\s+/g, " ").trim();
  const title = conversation.turns.length === 0 && !conversation.title?.trim() && draft ? (draft.length > 80 ? `${draft.slice(0, 79)}…` : draft) : displayTitle(conversation);
  return { id: conversation.id, title, updatedAt: conversation.updatedAt, messages: conversation.turns.length };
}

function matches(conversation: Conversation, query: string): boolean {
  const needle = query.toLowerCase();
  if (displayTitle(conversation).toLowerCase().includes(needle) || conversation.systemPrompt.toLowerCase().includes(needle)) return true;
  return conversation.turns.some((turn) => turn.content.toLowerCase().includes(needle) || (turn.role === "assistant" && turn.reasoning.toLowerCase().includes(needle)));
}

/** Conversations, newest first; with a query, those whose title or text contains it. */
export async function listConversations(query = ""): Promise<ConversationSummary[]> {
  const all = (await (await open()).getAllFromIndex(storeName, "updatedAt")) as Conversation[];
  const trimmed = query.trim();
  return all
    .filter((conversation) => hasContent(conversation) && (!trimmed || matches(conversation, trimmed)))
    .reverse()
    .map(summarize);
}

/** Every stored conversation (for media garbage collection and export). */
export async function allConversations(): Promise<Conversation[]> {
  return (await (await open()).getAll(storeName)) as Conversation[];
}

export async function getConversation(id: string): Promise<Conversation | undefined> {
  return ((await (await open()).get(storeName, id)) as Conversation | undefined) ?? undefined;
}

export async function putConversation(conversation: Conversation): Promise<void> {
  await (await open()).put(storeName, conversation);
}

export async function deleteConversation(id: string): Promise<void> {
  await (await open()).delete(storeName, id);
}
