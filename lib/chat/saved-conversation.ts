import { array, discriminatedUnion, enum as oneOf, literal, looseObject, number, optional, record, string, unknown } from "zod/mini";
import { providerIds } from "@/lib/catalog/catalog-types";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import { writeThinkingFields } from "@/lib/request/thinking-fields";
import type { Conversation } from "./conversation-types";

// Loaded on demand by browser-storage.ts (zod is large for a page's first load).

const usageSchema = looseObject({ prompt_tokens: number(), completion_tokens: number(), total_tokens: number() });

const turnSchema = discriminatedUnion("role", [
  looseObject({ id: string(), role: literal("user"), content: string(), createdAt: number() }),
  looseObject({
    id: string(),
    role: literal("assistant"),
    providerId: oneOf(providerIds),
    model: string(),
    content: string(),
    reasoning: string(),
    status: oneOf(["streaming", "done", "stopped", "error", "interrupted"]),
    usage: optional(usageSchema),
    createdAt: number(),
  }),
  looseObject({ id: string(), role: literal("tool"), toolCallId: string(), content: string(), createdAt: number() }),
]);

const conversationSchema = looseObject({
  id: string(),
  providerId: oneOf(providerIds),
  model: string(),
  systemPrompt: string(),
  // Saves from before parameters existed have a thinking choice instead (migrated below).
  parameters: optional(record(string(), unknown())),
  thinking: optional(oneOf(["default", "on", "off"])),
  draft: optional(string()),
  turns: array(turnSchema),
  updatedAt: number(),
});

/** A saved conversation checked and brought to the current shape, or undefined if it is not one. */
export function readSavedConversation(value: unknown): Conversation | undefined {
  const parsed = conversationSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { thinking, parameters, draft, ...saved } = parsed.data;
  const family = rulesFor(saved.providerId).family;
  const migrated = parameters ?? writeThinkingFields({ fields: {}, family, thinking: thinking === "on" ? true : thinking === "off" ? false : undefined, preserve: undefined });
  return { ...(saved as unknown as Conversation), parameters: migrated, draft: draft ?? "" };
}
