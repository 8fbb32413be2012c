import "@/lib/wire/zod-browser";
import { describeSchemaIssueWithValue } from "@/lib/wire/schema-issues";
import { array, boolean, discriminatedUnion, enum as oneOf, literal, looseObject, number, optional, record, string, unknown } from "zod/mini";
import { providerIds } from "@/lib/catalog/catalog-types";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import { writeThinkingFields } from "@/lib/catalog/thinking-fields";
import type { Conversation } from "./conversation-types";

// Loaded on demand by browser-storage.ts (zod is large for a page's first load).

const usageSchema = looseObject({ prompt_tokens: number(), completion_tokens: number(), total_tokens: number() });

const uploadSchema = looseObject({ providerId: oneOf(providerIds), fileId: string(), purpose: oneOf(["image", "video", "file-extract"]) });
const attachmentBase = { id: string(), name: string(), mediaType: string(), bytes: number(), blobKey: string(), upload: optional(uploadSchema) };
const attachmentSchema = discriminatedUnion("kind", [
  looseObject({ ...attachmentBase, kind: literal("image"), width: optional(number()), height: optional(number()) }),
  looseObject({
    ...attachmentBase,
    kind: literal("video"),
    width: optional(number()),
    height: optional(number()),
    durationSeconds: optional(number()),
    decodable: boolean(),
    fps: number(),
    maxFrames: number(),
    delivery: oneOf(["file", "frames"]),
    frames: optional(
      looseObject({ fps: number(), maxFrames: number(), times: array(number()), effectiveFps: number(), width: number(), height: number(), blobKeys: array(string()), bytes: optional(number()) }),
    ),
  }),
  looseObject({ ...attachmentBase, kind: literal("document"), upload: uploadSchema, textKey: string(), textLength: number() }),
]);

/** A saved turn (shared with the share API's validation). */
export const turnSchema = discriminatedUnion("role", [
  looseObject({ id: string(), role: literal("user"), content: string(), attachments: optional(array(attachmentSchema)), createdAt: number() }),
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
  draftAttachments: optional(array(attachmentSchema)),
  turns: array(turnSchema),
  updatedAt: number(),
});

/** A saved conversation checked and brought to the current shape, or undefined if it is not one. */
/** Why a value is not a saved conversation: where, what is wrong and what is there; undefined when it is one. */
export function explainSavedConversation(value: unknown): string | undefined {
  const parsed = conversationSchema.safeParse(value);
  return parsed.success ? undefined : describeSchemaIssueWithValue({ issues: parsed.error.issues, value, root: "conversation" });
}

export function readSavedConversation(value: unknown): Conversation | undefined {
  const parsed = conversationSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { thinking, parameters, draft, draftAttachments, ...saved } = parsed.data;
  const family = rulesFor(saved.providerId).family;
  let migrated = parameters ?? writeThinkingFields({ fields: {}, family, thinking: thinking === "on" ? true : thinking === "off" ? false : undefined, preserve: undefined });
  // Saves from before the workbench sent Moonshot's documented max_completion_tokens.
  const { max_tokens: cap, ...others } = migrated;
  if (family === "moonshot" && cap !== undefined && others.max_completion_tokens === undefined) migrated = { ...others, max_completion_tokens: cap };
  return { ...(saved as unknown as Conversation), turns: withCheckedVersions(saved.turns as Conversation["turns"]), parameters: migrated, draft: draft ?? "", draftAttachments: (draftAttachments ?? []) as Conversation["draftAttachments"] };
}

/** Turns whose kept versions (Regenerate, Edit) are checked like the turns themselves, at any depth; a version that is not is dropped. */
function withCheckedVersions(turns: Conversation["turns"]): Conversation["turns"] {
  const tails = (value: unknown) => (Array.isArray(value) ? value.filter((tail) => array(turnSchema).safeParse(tail).success && (tail as unknown[]).length > 0).map((tail) => withCheckedVersions(tail as Conversation["turns"])) : []);
  return turns.map((turn) => {
    if (turn.role === "tool" || turn.versions === undefined) return turn;
    const { versions, ...rest } = turn;
    const before = tails((versions as { before?: unknown }).before);
    const after = tails((versions as { after?: unknown }).after);
    return before.length + after.length > 0 ? ({ ...rest, versions: { before, after } } as typeof turn) : (rest as typeof turn);
  });
}
