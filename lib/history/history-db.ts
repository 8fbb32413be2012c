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

function summarize(conversation: Conversation): ConversationSummary {
  return { id: conversation.id, title: displayTitle(conversation), updatedAt: conversation.updatedAt, messages: conversation.turns.length };
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
