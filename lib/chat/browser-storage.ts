// zod/mini: the same schemas at a fraction of the bundle size (this module runs in the page).
import { z } from "zod/mini";
import { providerIds, type ProviderId } from "@/lib/catalog/catalog-types";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import { writeThinkingFields } from "@/lib/request/thinking-fields";
import type { Conversation } from "./conversation-types";

const conversationKey = "kimi-workbench.conversation.v1";
const providerKeysKey = "kimi-workbench.provider-keys.v1";
/** Where the theme choice is kept (read before first paint by the layout's inline script). */
export const themeStorageKey = "kimi-workbench.theme";

const usageSchema = z.looseObject({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() });

const turnSchema = z.discriminatedUnion("role", [
  z.looseObject({ id: z.string(), role: z.literal("user"), content: z.string(), createdAt: z.number() }),
  z.looseObject({
    id: z.string(),
    role: z.literal("assistant"),
    providerId: z.enum(providerIds),
    model: z.string(),
    content: z.string(),
    reasoning: z.string(),
    status: z.enum(["streaming", "done", "stopped", "error", "interrupted"]),
    usage: z.optional(usageSchema),
    createdAt: z.number(),
  }),
  z.looseObject({ id: z.string(), role: z.literal("tool"), toolCallId: z.string(), content: z.string(), createdAt: z.number() }),
]);

const conversationSchema = z.looseObject({
  id: z.string(),
  providerId: z.enum(providerIds),
  model: z.string(),
  systemPrompt: z.string(),
  // Saves from before parameters existed have a thinking choice instead (migrated below).
  parameters: z.optional(z.record(z.string(), z.unknown())),
  thinking: z.optional(z.enum(["default", "on", "off"])),
  draft: z.optional(z.string()),
  turns: z.array(turnSchema),
  updatedAt: z.number(),
});

function storage(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

/** The saved conversation, `undefined` if none, or a notice when what is saved cannot be read. */
export function loadConversation(): { conversation?: Conversation; notice?: string } {
  const store = storage();
  const raw = store?.getItem(conversationKey);
  if (!store || !raw) return {};
  try {
    const parsed = conversationSchema.safeParse(JSON.parse(raw));
    if (parsed.success) {
      const { thinking, parameters, draft, ...saved } = parsed.data;
      const family = rulesFor(saved.providerId).family;
      const migrated = parameters ?? writeThinkingFields({ fields: {}, family, thinking: thinking === "on" ? true : thinking === "off" ? false : undefined, preserve: undefined });
      return { conversation: { ...(saved as unknown as Conversation), parameters: migrated, draft: draft ?? "" } };
    }
  } catch {
    // fall through: keep the unreadable copy below
  }
  // Keep what could not be read instead of overwriting it.
  const backupKey = `${conversationKey}.unreadable-${Date.now()}`;
  store.setItem(backupKey, raw);
  store.removeItem(conversationKey);
  return { notice: `The saved conversation could not be read, so a new one was started. The old data is kept in browser storage under "${backupKey}".` };
}

/** Saves the conversation; returns an error message when the browser refuses (storage full). */
export function saveConversation(conversation: Conversation): string | undefined {
  try {
    storage()?.setItem(conversationKey, JSON.stringify(conversation));
    return undefined;
  } catch (error) {
    return `The conversation could not be saved in this browser (${error instanceof Error ? error.message : "storage error"}). It stays on screen until you reload.`;
  }
}

/** Keys the user pasted, per provider. They stay in this browser and are sent only with requests. */
export function loadProviderKeys(): Partial<Record<ProviderId, string>> {
  try {
    const parsed = z.record(z.string(), z.string()).safeParse(JSON.parse(storage()?.getItem(providerKeysKey) ?? "{}"));
    return parsed.success ? (parsed.data as Partial<Record<ProviderId, string>>) : {};
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
