import "@/lib/wire/zod-browser";
import { describeSchemaIssueWithValue } from "@/lib/wire/schema-issues";
import type { CodedMessage } from "@/lib/wire/coded-message";
import { z } from "zod";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { Conversation, Turn } from "@/lib/conversation/conversation-types";
import type { ToolCall } from "@/lib/wire/chat-request";
import { blobKeysOf } from "@/lib/media/attachment-keys";
import { otherVersionAttachments } from "@/lib/conversation/turn-versions";
import type { Attachment, DocumentAttachment } from "@/lib/conversation/attachment-types";

// Two export formats. The workbench's own JSON keeps everything (settings, usage, timings, media
// bytes) and reads back to the same conversation. Plain OpenAI `messages` is what other tools take;
// it reads back to the same messages.

/** Identifies the workbench's conversation file. */
export const conversationFileFormat = "kimi-workbench-conversation";
/** The version this code writes; readers refuse newer ones with a message. */
export const conversationFileVersion = 1;

/** A media file carried inside an export, by its browser-storage key. */
export interface ExportedMedia {
  key: string;
  mediaType: string;
  base64: string;
}

/** The workbench's export file. */
export interface ConversationFile {
  format: typeof conversationFileFormat;
  version: number;
  exportedAt: string;
  conversation: Conversation;
  media: ExportedMedia[];
}

/** The export file's text for a conversation and the media its attachments refer to. */
export function writeConversationFile({ conversation, media, now = new Date() }: { conversation: Conversation; media: ExportedMedia[]; now?: Date }): string {
  const file: ConversationFile = { format: conversationFileFormat, version: conversationFileVersion, exportedAt: now.toISOString(), conversation, media };
  return JSON.stringify(file, null, 2);
}

const mediaSchema = z.object({ key: z.string().min(1), mediaType: z.string(), base64: z.string() }).strict();

/** Why a file was not imported: in English, and as a catalog code (`importErrors.<code>`) with its values for the page. */
export interface ImportFailure extends CodedMessage {
  ok: false;
}

/** Reads the workbench's export file; the error names what is wrong. */
export async function readConversationFile(value: unknown): Promise<{ ok: true; conversation: Conversation; media: ExportedMedia[] } | ImportFailure> {
  const envelope = z.object({ format: z.literal(conversationFileFormat), version: z.number().int(), exportedAt: z.string().optional(), conversation: z.unknown(), media: z.array(mediaSchema).default([]) }).strict().safeParse(value);
  if (!envelope.success) {
    const problem = describeSchemaIssueWithValue({ issues: envelope.error.issues, value, root: "" });
    return { ok: false, message: `Not a Kimi Workbench conversation file: ${problem}. Nothing was imported.`, code: "not-workbench-file", values: { problem } };
  }
  if (envelope.data.version > conversationFileVersion) {
    return { ok: false, message: `This file is format version ${envelope.data.version}; this workbench reads up to version ${conversationFileVersion}. Update the workbench to import it.`, code: "newer-version", values: { version: String(envelope.data.version), supported: String(conversationFileVersion) } };
  }
  const { explainSavedConversation, readSavedConversation } = await import("@/lib/conversation/saved-conversation");
  const conversation = readSavedConversation(envelope.data.conversation);
  if (!conversation) {
    const problem = explainSavedConversation(envelope.data.conversation) ?? "it could not be read";
    return { ok: false, message: `The conversation in this file is not what the workbench writes: ${problem}. Nothing was imported.`, code: "bad-conversation", values: { problem } };
  }
  const keys = new Set(envelope.data.media.map((item) => item.key));
  const missing = attachmentKeys(conversation).find((key) => !keys.has(key));
  if (missing) return { ok: false, message: `An attachment refers to media ${missing} that is not in the file (it was exported without media). Nothing was imported.`, code: "missing-media", values: { key: missing } };
  return { ok: true, conversation, media: envelope.data.media };
}

/** Every browser-storage key the conversation's attachments use. */
export function attachmentKeys(conversation: Pick<Conversation, "turns" | "draftAttachments">): string[] {
  // Versions not shown (Regenerate, Edit) are part of the file too.
  const attachments = [...conversation.turns.flatMap((turn) => (turn.role === "user" ? (turn.attachments ?? []) : [])), ...otherVersionAttachments(conversation.turns), ...conversation.draftAttachments];
  return [...new Set(attachments.flatMap(blobKeysOf))];
}

const partSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string() }).strict(),
  z.object({ type: z.literal("image_url"), image_url: z.object({ url: z.string(), detail: z.string().optional() }).strict() }).strict(),
  z.object({ type: z.literal("video_url"), video_url: z.object({ url: z.string() }).strict(), fps: z.number().optional(), max_frames: z.number().optional() }).strict(),
  z.object({ type: z.literal("video"), video: z.array(z.string()), fps: z.number().optional() }).strict(),
]);
const contentSchema = z.union([z.string(), z.array(partSchema)]);
const toolCallSchema = z.object({ id: z.string(), type: z.string(), function: z.object({ name: z.string(), arguments: z.string() }).strict() }).strict();
const messageSchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal("system"), content: z.string(), name: z.string().optional() }).strict(),
  z.object({ role: z.literal("user"), content: contentSchema, name: z.string().optional() }).strict(),
  z.object({ role: z.literal("assistant"), content: z.string().nullish(), reasoning_content: z.string().nullish(), tool_calls: z.array(toolCallSchema).nullish(), name: z.string().optional() }).strict(),
  z.object({ role: z.literal("tool"), content: z.string(), tool_call_id: z.string(), name: z.string().optional() }).strict(),
]);

/** A media part of an imported message, to be stored and turned into an attachment by the caller. */
export type ImportedMedia = { kind: "image"; dataUrl: string } | { kind: "video"; dataUrl: string; fps?: number; maxFrames?: number };

/** OpenAI messages read into the workbench's shape, with media still as data URLs. */
export interface ImportedMessages {
  model?: string;
  systemPrompt: string;
  turns: Array<
    | { role: "user"; content: string; media: ImportedMedia[]; documents: string[] }
    | { role: "assistant"; content: string; reasoning: string; toolCalls?: ToolCall[] }
    | { role: "tool"; content: string; toolCallId: string; name?: string }
  >;
}

/**
 * Reads OpenAI chat `messages` (an array, or an object with `messages`). The first system message is
 * the system prompt; system messages right before a user message are documents (Moonshot's
 * file-extract recipe). Media must be inline data URLs: ms:// ids and web URLs point to files this
 * browser cannot fetch, and a frame list has no video file to keep.
 */
export function readOpenAiMessages(value: unknown): { ok: true; imported: ImportedMessages } | ImportFailure {
  const envelope = value as { messages?: unknown; model?: unknown } | null;
  const list = Array.isArray(value) ? value : envelope && typeof envelope === "object" && Array.isArray(envelope.messages) ? envelope.messages : undefined;
  if (!list) return { ok: false, message: "Not OpenAI chat messages: expected an array of messages, or an object with a messages array.", code: "not-messages", values: {} };
  const parsed = z.array(messageSchema).safeParse(list);
  if (!parsed.success) {
    const problem = describeSchemaIssueWithValue({ issues: parsed.error.issues, value: list, root: "messages" });
    return { ok: false, message: `Not OpenAI chat messages: ${problem}. Nothing was imported.`, code: "bad-messages", values: { problem } };
  }
  const messages = parsed.data;
  const model = !Array.isArray(value) && typeof envelope?.model === "string" ? envelope.model : undefined;
  const imported: ImportedMessages = { ...(model ? { model } : {}), systemPrompt: "", turns: [] };
  let documents: string[] = [];
  for (const [index, message] of messages.entries()) {
    if (message.role === "system") {
      // The first system message is the system prompt, unless it is a document's extracted text.
      if (index === 0 && !(looksLikeDocument(message.content) && messages[1]?.role === "user")) imported.systemPrompt = message.content;
      else documents.push(message.content);
      continue;
    }
    if (message.role !== "user" && documents.length > 0) {
      const where = `messages[${index - documents.length}]`;
      return { ok: false, message: `${where}: a system message in the middle of the conversation must come right before a user message (the workbench keeps it as a document).`, code: "system-in-middle", values: { where } };
    }
    if (message.role === "user") {
      const media: ImportedMedia[] = [];
      const texts: string[] = [];
      for (const [partIndex, part] of (typeof message.content === "string" ? [{ type: "text" as const, text: message.content }] : message.content).entries()) {
        const where = `messages[${index}].content[${partIndex}]`;
        if (part.type === "text") texts.push(part.text);
        else if (part.type === "video") return { ok: false, message: `${where}: a video sent as a list of frames cannot be imported (there is no video file to keep). Export it with the video as a file.`, code: "frame-list-video", values: { where } };
        else {
          const url = part.type === "image_url" ? part.image_url.url : part.video_url.url;
          if (!url.startsWith("data:")) {
            const uploaded = url.startsWith("ms://");
            const what = uploaded ? "an uploaded file (ms://…) belongs to a provider account" : "a web URL would have to be fetched from elsewhere";
            return { ok: false, message: `${where}: media must be inline to be imported (${what}); export with media as data: URLs.`, code: "media-not-inline", values: { where, uploaded: uploaded ? "yes" : "no" } };
          }
          media.push(part.type === "image_url" ? { kind: "image", dataUrl: url } : { kind: "video", dataUrl: url, ...(part.fps !== undefined ? { fps: part.fps } : {}), ...(part.max_frames !== undefined ? { maxFrames: part.max_frames } : {}) });
        }
      }
      imported.turns.push({ role: "user", content: texts.join("\n\n"), media, documents });
      documents = [];
    } else if (message.role === "assistant") {
      imported.turns.push({ role: "assistant", content: message.content ?? "", reasoning: message.reasoning_content ?? "", ...(message.tool_calls?.length ? { toolCalls: message.tool_calls } : {}) });
    } else {
      imported.turns.push({ role: "tool", content: message.content, toolCallId: message.tool_call_id, ...(message.name ? { name: message.name } : {}) });
    }
  }
  if (documents.length > 0) return { ok: false, message: "The last messages are system messages with nothing after them; a document's system message must come before a user message.", code: "trailing-system", values: {} };
  return { ok: true, imported };
}

// Moonshot's file-extract text is a JSON object with the document's content.
function looksLikeDocument(text: string): boolean {
  try {
    const value = JSON.parse(text) as { content?: unknown; filename?: unknown };
    return typeof value === "object" && value !== null && typeof value.content === "string" && "filename" in value;
  } catch {
    return false;
  }
}

/** Builds turns from imported messages, given how media and documents become attachments. */
export function turnsFromImport({
  imported,
  providerId,
  model,
  createId,
  now,
  attachMedia,
  attachDocument,
}: {
  imported: ImportedMessages;
  providerId: ProviderId;
  model: string;
  createId: () => string;
  now: number;
  attachMedia: (media: ImportedMedia, index: number) => Attachment;
  attachDocument: (text: string, index: number) => DocumentAttachment;
}): Turn[] {
  let mediaIndex = 0;
  let documentIndex = 0;
  return imported.turns.map((turn): Turn => {
    if (turn.role === "user") {
      const attachments = [...turn.documents.map((text) => attachDocument(text, (documentIndex += 1))), ...turn.media.map((media) => attachMedia(media, (mediaIndex += 1)))];
      return { id: createId(), role: "user", content: turn.content, ...(attachments.length > 0 ? { attachments } : {}), createdAt: now };
    }
    if (turn.role === "tool") return { id: createId(), role: "tool", toolCallId: turn.toolCallId, content: turn.content, ...(turn.name ? { name: turn.name } : {}), createdAt: now };
    return { id: createId(), role: "assistant", providerId, model, content: turn.content, reasoning: turn.reasoning, status: "done", ...(turn.toolCalls ? { toolCalls: turn.toolCalls } : {}), createdAt: now };
  });
}
