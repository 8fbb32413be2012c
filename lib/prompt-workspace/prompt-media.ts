import type { CodedMessage } from "@/lib/wire/coded-message";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import { mediaFormatOf, mediaKindOf, mediaTypeOfFormat, providerMediaLimits } from "@/lib/catalog/media-limits";
import { formatBytes } from "@/lib/media/media-rules";
import { fetchFileContent, uploadFile } from "@/lib/media/upload-file";
import type { ChatMessage, ContentPart } from "@/lib/wire/chat-request";

// Pictures and videos that are part of a prompt itself (the same in every row), as content parts of
// a user message, and documents as the system message holding their text that Kimi's file-extract
// recipe sends. Media that change per row are media variables instead (see prompt-template.ts).

/** How a content part shows in the prompt editor. */
export interface PartSummary {
  kind: "text" | "image" | "video" | "frames";
  /** e.g. "image · 120 KB", "video · ms://file-abc", "video as 12 frames (1 fps)". */
  label: string;
  /** A URL the browser can show as a thumbnail (data: images and the first frame of a frame list). */
  thumbnail?: string;
}

/** Bytes a base64 data URL decodes to (approximately: padding ignored). */
export function dataUrlBytes(url: string): number {
  const comma = url.indexOf(",");
  return comma < 0 ? 0 : Math.floor(((url.length - comma - 1) * 3) / 4);
}

function whereFrom(url: string): string {
  if (url.startsWith("data:")) return formatBytes(dataUrlBytes(url));
  return url.length > 48 ? `${url.slice(0, 45)}…` : url;
}

/** What a part is, for the editor's chip. */
export function describePart(part: ContentPart): PartSummary {
  if (part.type === "text") return { kind: "text", label: "text" };
  if (part.type === "image_url") return { kind: "image", label: `image · ${whereFrom(part.image_url.url)}`, ...(part.image_url.url.startsWith("data:image/") ? { thumbnail: part.image_url.url } : {}) };
  if (part.type === "video_url") return { kind: "video", label: `video · ${whereFrom(part.video_url.url)}` };
  const first = part.video[0];
  return { kind: "frames", label: `video as ${part.video.length} frame${part.video.length === 1 ? "" : "s"}${part.fps ? ` (${part.fps} fps)` : ""}`, ...(first?.startsWith("data:image/") ? { thumbnail: first } : {}) };
}

/** A message's content as parts (plain text becomes one text part; empty text none). */
function partsOf(message: ChatMessage): ContentPart[] {
  const content = message.content;
  if (content === null || content === undefined) return [];
  if (typeof content === "string") return content === "" ? [] : [{ type: "text", text: content }];
  return content;
}

/** Parts back as content: a lone text part collapses to plain text, as it was written. */
function contentOf(parts: ContentPart[]): string | ContentPart[] {
  if (parts.length === 0) return "";
  if (parts.length === 1 && parts[0]!.type === "text") return parts[0]!.text;
  return parts;
}

/** The message with a picture or video added before its text (where the chat puts attachments); it keeps a text part to write in. */
export function addMediaPart({ message, part }: { message: ChatMessage; part: ContentPart }): ChatMessage {
  const parts = partsOf(message);
  const firstText = parts.findIndex((item) => item.type === "text");
  if (firstText < 0) return { ...message, content: [...parts, part, { type: "text", text: "" }] } as ChatMessage;
  return { ...message, content: contentOf([...parts.slice(0, firstText), part, ...parts.slice(firstText)]) } as ChatMessage;
}

/** The message without its part at `index`. */
export function removePart({ message, index }: { message: ChatMessage; index: number }): ChatMessage {
  return { ...message, content: contentOf(partsOf(message).filter((_, position) => position !== index)) } as ChatMessage;
}

/** The message with the text of its part at `index` replaced. */
export function setPartText({ message, index, text }: { message: ChatMessage; index: number; text: string }): ChatMessage {
  const parts = partsOf(message);
  return { ...message, content: parts.map((part, position) => (position === index && part.type === "text" ? { ...part, text } : part)) } as ChatMessage;
}

/** The messages with a document's text as a system message just before message `index` (Kimi's file-extract recipe). */
export function insertDocument({ messages, index, text }: { messages: readonly ChatMessage[]; index: number; text: string }): ChatMessage[] {
  return [...messages.slice(0, index), { role: "system", content: text }, ...messages.slice(index)];
}

/**
 * Why a file cannot be a fixed picture or video of a prompt for `providerId` (not a picture or
 * video, or over the provider's inline limit), with what to do instead; undefined when it can.
 */
export function mediaFileProblem({ file, providerId }: { file: { name: string; type: string; size: number }; providerId: ProviderId }): CodedMessage | undefined {
  const kind = mediaKindOf({ mediaType: file.type, name: file.name });
  if (!kind) return { message: `${file.name} is not a picture or video the workbench knows. Add documents with "Add document…", which extracts their text.`, code: "prompt-not-media", values: { name: file.name } };
  const limits = providerMediaLimits[providerId];
  const inline = Math.ceil(file.size / 3) * 4;
  const limit = kind === "image" ? limits.maxImageBase64Bytes : limits.maxVideoBase64Bytes;
  if (limit !== undefined && inline > limit) {
    return {
      message: `${file.name} is ${formatBytes(inline)} as base64; this provider takes at most ${formatBytes(limit)} inline per ${kind}. Make it smaller, or upload it in a chat and use its ms:// file id as a media variable.`,
      code: "prompt-too-large",
      values: { name: file.name, size: formatBytes(inline), max: formatBytes(limit), kind },
    };
  }
  return undefined;
}

/** A file as a content part: an image_url or video_url holding its data URL. */
export async function readMediaPart(file: File): Promise<ContentPart> {
  // Browsers leave the type empty for some formats (e.g. .mkv); the data URL names it from the extension.
  const format = mediaFormatOf({ mediaType: file.type, name: file.name });
  const url = await readFileAsDataUrl(file.type || !format ? file : new Blob([file], { type: mediaTypeOfFormat[format] }));
  return mediaKindOf({ mediaType: file.type, name: file.name }) === "video" ? { type: "video_url", video_url: { url } } : { type: "image_url", image_url: { url } };
}

/** A file's bytes as a data URL. */
export function readFileAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read."));
    reader.readAsDataURL(file);
  });
}

/** Files whose text can be read as they are, where a provider has no text extraction. */
const plainTextPattern = /\.(txt|md|markdown|csv|tsv|json|jsonl|xml|html?|ya?ml|log|py|js|ts|java|go|rs|c|cpp|h)$/i;

/**
 * A document's text as the model gets it: through the provider's file-extract (what the chat does,
 * so the prompt holds the same text), or, where the provider has no files API, read as plain text.
 */
export async function extractDocumentText({ file, providerId, providerLabel, apiKey }: { file: File; providerId: ProviderId; providerLabel: string; apiKey: string | undefined }): Promise<{ ok: true; text: string } | ({ ok: false } & CodedMessage)> {
  const maxUploadBytes = providerMediaLimits[providerId].maxUploadBytes;
  if (maxUploadBytes === undefined) {
    if (file.type.startsWith("text/") || plainTextPattern.test(file.name)) return { ok: true, text: await file.text() };
    return { ok: false, message: `${providerLabel} has no files API to extract the text of ${file.name}. Choose Moonshot under "Written for" to extract it there, or paste its text into a system message.`, code: "prompt-no-extract", values: { provider: providerLabel, name: file.name } };
  }
  if (file.size > maxUploadBytes) return { ok: false, message: `${file.name} is ${formatBytes(file.size)}; ${providerLabel} takes files up to ${formatBytes(maxUploadBytes)}.`, code: "prompt-file-too-large", values: { name: file.name, size: formatBytes(file.size), provider: providerLabel, max: formatBytes(maxUploadBytes) } };
  const uploaded = await uploadFile({ providerId, file, name: file.name, purpose: "file-extract", apiKey });
  if (!uploaded.ok) return { ok: false, message: `${file.name} could not be uploaded to ${providerLabel} for text extraction: ${uploaded.error.message}`, code: "prompt-upload-failed", values: { name: file.name, provider: providerLabel, problem: uploaded.error.message } };
  const content = await fetchFileContent({ providerId, fileId: uploaded.file.id, apiKey });
  return content.ok ? { ok: true, text: content.text } : { ok: false, message: `The text of ${file.name} could not be extracted: ${content.error.message}`, code: "extract-failed", values: { name: file.name, problem: content.error.message } };
}
