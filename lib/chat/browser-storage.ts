import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { Conversation } from "@/lib/conversation/conversation-types";
import type { WorkbenchMessage } from "@/lib/wire/coded-message";

const conversationKey = "kimi-workbench.conversation.v1";
const providerKeysKey = "kimi-workbench.provider-keys.v1";
/** Where the theme choice is kept (read before first paint by the layout's inline script). */
export const themeStorageKey = "kimi-workbench.theme";

function storage(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * The saved conversation, `undefined` if none, or a notice when what is saved cannot be read. The
 * schema (zod) loads on demand: it would otherwise be a quarter of the page's first-load JS.
 */
export async function loadConversation(): Promise<{ conversation?: Conversation; notice?: WorkbenchMessage }> {
  const store = storage();
  const raw = store?.getItem(conversationKey);
  if (!store || !raw) return {};
  const { readSavedConversation } = await import("@/lib/conversation/saved-conversation");
  try {
    const conversation = readSavedConversation(JSON.parse(raw));
    if (conversation) return { conversation };
  } catch {
    // fall through: keep the unreadable copy below
  }
  // Keep what could not be read instead of overwriting it.
  const backupKey = `${conversationKey}.unreadable-${Date.now()}`;
  store.setItem(backupKey, raw);
  store.removeItem(conversationKey);
  return { notice: { message: `The saved conversation could not be read, so a new one was started. The old data is kept in browser storage under "${backupKey}".`, code: "savedConversationUnreadable", values: { key: backupKey } } };
}

/** Saves the conversation; returns an error message when the browser refuses (storage full). */
export function saveConversation(conversation: Conversation): WorkbenchMessage | undefined {
  try {
    storage()?.setItem(conversationKey, JSON.stringify(conversation));
    return undefined;
  } catch (error) {
    const problem = error instanceof Error ? error.message : "storage error";
    return { message: `The conversation could not be saved in this browser (${problem}). It stays on screen until you reload.`, code: "conversationSaveFailed", values: { problem } };
  }
}

/** Keys the user pasted, per provider. They stay in this browser and are sent only with requests. */
export function loadProviderKeys(): Partial<Record<ProviderId, string>> {
  try {
    const value: unknown = JSON.parse(storage()?.getItem(providerKeysKey) ?? "{}");
    // An object of strings, or nothing: anything else in storage is ignored.
    if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter(([, key]) => typeof key === "string")) as Partial<Record<ProviderId, string>>;
  } catch {
    return {};
  }
}

/** Stores (or, with an empty key, forgets) the user's key for a provider. */
export function saveProviderKey({ providerId, key }: { providerId: ProviderId; key: string }): void {
  const keys = loadProviderKeys();
  if (key.trim()) keys[providerId] = key.trim();
  else delete keys[providerId];
  storage()?.setItem(providerKeysKey, JSON.stringify(keys));
}

const openNoticePrefix = "kimi-workbench.open-notice.";

/** Leaves a note for the chat page to show when it opens `conversationId` (e.g. what a prompt could not bring along). */
export function leaveOpenNotice({ conversationId, notes }: { conversationId: string; notes: readonly WorkbenchMessage[] }): void {
  try {
    window.sessionStorage.setItem(`${openNoticePrefix}${conversationId}`, JSON.stringify(notes));
  } catch {
    // Storage refused: the conversation still opens, without the note.
  }
}

/** The note left for `conversationId`, once (it is removed as it is read). */
export function takeOpenNotice(conversationId: string): WorkbenchMessage[] | undefined {
  try {
    const key = `${openNoticePrefix}${conversationId}`;
    const text = window.sessionStorage.getItem(key);
    window.sessionStorage.removeItem(key);
    if (text === null) return undefined;
    const notes: unknown = JSON.parse(text);
    return Array.isArray(notes) ? notes.filter((note): note is WorkbenchMessage => typeof (note as WorkbenchMessage | null)?.message === "string") : undefined;
  } catch {
    return undefined;
  }
}
