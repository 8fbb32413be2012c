import type { ModelSpec } from "@/lib/catalog/catalog-types";
import { dataUrlToBlob } from "@/lib/media/data-url";
import type { DocumentAttachment } from "@/lib/conversation/attachment-types";
import type { Conversation } from "@/lib/conversation/conversation-types";
import { attachmentsOf, displayTitle } from "@/lib/conversation/read-conversation";
import { blobToBase64, contentKey, getBlob, putBlob } from "@/lib/media/blob-store";
import { sendResolver } from "@/lib/media/media-cache";
import { turnsToMessages } from "@/lib/request/build-request";
import { attachmentKeys, conversationFileFormat, readConversationFile, readOpenAiMessages, turnsFromImport, writeConversationFile, type ExportedMedia, type ImportedMessages, type ImportFailure } from "./conversation-export";
import { getConversation } from "./history-db";
import { CodedError } from "@/lib/wire/coded-message";

function download({ text, name }: { text: string; name: string }): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileName(conversation: Conversation, suffix: string): string {
  const slug = displayTitle(conversation).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "conversation";
  return `${slug}.${suffix}.json`;
}

/**
 * Downloads a conversation: the workbench's own file (everything, media included) or plain OpenAI
 * `messages` (media inline as data URLs, reasoning kept in reasoning_content).
 */
export async function exportConversation({ conversation, format }: { conversation: Conversation; format: "workbench" | "openai" }): Promise<void> {
  if (format === "workbench") {
    const media: ExportedMedia[] = [];
    for (const key of attachmentKeys(conversation)) {
      const blob = await getBlob(key);
      if (!blob) throw new CodedError({ message: `A media file of this conversation is no longer in this browser's storage (${key}); remove its attachment, then export.`, code: "exportMediaGone", values: { key } });
      media.push({ key, mediaType: blob.type || "application/octet-stream", base64: await blobToBase64(blob) });
    }
    download({ text: writeConversationFile({ conversation, media }), name: fileName(conversation, "kimi-workbench") });
    return;
  }
  const attachments = attachmentsOf({ turns: conversation.turns, draftAttachments: [] });
  if (attachments.length > 0) {
    const work = await import("@/lib/media/media-work");
    const missing = await work.prepareForSend({ attachments, providerId: conversation.providerId });
    if (missing.length > 0) throw new CodedError({ message: `The bytes of ${missing.join(", ")} are no longer in this browser's storage.`, code: "exportBytesGone", values: { names: missing.join(", ") } });
  }
  const built = turnsToMessages({ turns: conversation.turns, includeReasoning: true, media: { providerId: conversation.providerId, resolver: sendResolver } });
  const messages = [...(conversation.systemPrompt ? [{ role: "system" as const, content: conversation.systemPrompt }] : []), ...built.messages];
  download({ text: JSON.stringify(messages, null, 2), name: fileName(conversation, "openai-messages") });
}

const extensions: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif", "video/mp4": "mp4", "video/webm": "webm", "video/quicktime": "mov" };

/**
 * Reads a file exported by the workbench, or a plain OpenAI messages file, as a new conversation
 * (media stored in this browser) for the caller to add to the history. Everything is checked first;
 * a malformed file changes nothing. Plain messages take the open conversation's settings (`current`).
 */
export async function importConversationFile({
  file,
  current,
  spec,
}: {
  file: File;
  current: Conversation;
  /** The open conversation's model, whose video defaults imported videos take. */
  spec: ModelSpec;
}): Promise<{ ok: true; conversation: Conversation; title: string; alreadyInHistory?: boolean } | ImportFailure> {
  let value: unknown;
  const text = await file.text();
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: `${file.name} is not JSON. Import a file exported by Kimi Workbench, or OpenAI chat messages as JSON.`, code: "not-json", values: { name: file.name } };
  }
  if (value && typeof value === "object" && (value as { format?: unknown }).format === conversationFileFormat) {
    const read = await readConversationFile(value);
    if (!read.ok) return read;
    for (const item of read.media) {
      const blob = new Blob([Uint8Array.from(atob(item.base64), (character) => character.charCodeAt(0))], { type: item.mediaType });
      // A content key must match the bytes: a tampered file cannot overwrite other media.
      if (item.key.startsWith("sha256-") && (await contentKey(blob)) !== item.key) return { ok: false, message: `Media ${item.key} in ${file.name} does not match its hash; the file is damaged. Nothing was imported.`, code: "damaged-media", values: { key: item.key, name: file.name } };
      await putBlob({ key: item.key, blob });
    }
    // The same conversation again is not copied (re-importing a file used to add a duplicate each
    // time); a changed one imported into the browser it came from keeps both copies.
    const exists = await getConversation(read.conversation.id);
    if (exists && exists.updatedAt === read.conversation.updatedAt && JSON.stringify(exists.turns) === JSON.stringify(read.conversation.turns)) {
      return { ok: true, conversation: exists, title: displayTitle(exists), alreadyInHistory: true };
    }
    const conversation = exists ? { ...read.conversation, id: crypto.randomUUID() } : read.conversation;
    return { ok: true, conversation, title: displayTitle(conversation) };
  }
  const read = readOpenAiMessages(value);
  if (!read.ok) return read;
  // Plain messages carry no id: the file's bytes name the conversation, so the same file again finds
  // the copy it made (still as it was imported) instead of adding another.
  const id = uuidFromKey(await contentKey(new Blob([text])));
  const earlier = await getConversation(id);
  if (earlier && sameTurns(earlier.turns, read.imported.turns)) return { ok: true, conversation: earlier, title: displayTitle(earlier), alreadyInHistory: true };
  const work = await import("@/lib/media/media-work");
  const stored = new Map<string, Awaited<ReturnType<typeof work.readMediaFile>>>();
  const documents = new Map<string, { key: string; bytes: number }>();
  let mediaIndex = 0;
  for (const turn of read.imported.turns) {
    if (turn.role !== "user") continue;
    for (const media of turn.media) {
      const blob = dataUrlToBlob(media.dataUrl);
      const name = `${media.kind}-${(mediaIndex += 1)}.${extensions[blob.type] ?? "bin"}`;
      stored.set(media.dataUrl, await work.readMediaFile({ file: new File([blob], name, { type: blob.type }), id: crypto.randomUUID(), spec }));
    }
    for (const text of turn.documents) {
      const blob = new Blob([text], { type: "text/plain" });
      const key = await contentKey(blob);
      await putBlob({ key, blob });
      documents.set(text, { key, bytes: blob.size });
    }
  }
  const now = Date.now();
  const turns = turnsFromImport({
    imported: read.imported,
    providerId: current.providerId,
    model: read.imported.model ?? current.model,
    createId: () => crypto.randomUUID(),
    now,
    attachMedia: (media) => {
      const attachment = stored.get(media.dataUrl)!;
      return attachment.kind === "video" && media.kind === "video" ? { ...attachment, fps: media.fps ?? attachment.fps, maxFrames: media.maxFrames ?? attachment.maxFrames } : attachment;
    },
    attachDocument: (text, index): DocumentAttachment => {
      const { key, bytes } = documents.get(text)!;
      return { id: crypto.randomUUID(), kind: "document", name: `document-${index}.txt`, mediaType: "text/plain", bytes, blobKey: key, textKey: key, textLength: text.length, upload: { providerId: current.providerId, fileId: "", purpose: "file-extract" } };
    },
  });
  const conversation: Conversation = {
    // A copy imported earlier and changed since stays as it is; this one is new.
    id: earlier ? crypto.randomUUID() : id,
    providerId: current.providerId,
    model: read.imported.model ?? current.model,
    systemPrompt: read.imported.systemPrompt,
    parameters: current.parameters,
    draft: "",
    draftAttachments: [],
    turns,
    updatedAt: now,
    title: file.name.replace(/\.json$/i, ""),
  };
  return { ok: true, conversation, title: conversation.title! };
}

/** A UUID-shaped id from a content key (sha256-…), so an imported file always gets the same id; a random one where the browser cannot hash. */
function uuidFromKey(key: string): string {
  const hex = /^sha256-([0-9a-f]{32})/.exec(key)?.[1];
  if (!hex) return crypto.randomUUID();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Whether a conversation's turns still say what imported messages say (roles and words; ids and times differ by design). */
function sameTurns(turns: Conversation["turns"], imported: ImportedMessages["turns"]): boolean {
  return turns.length === imported.length && turns.every((turn, index) => turn.role === imported[index]!.role && turn.content === imported[index]!.content);
}
