import type { ModelSpec, ProviderId } from "@/lib/catalog/catalog-types";
import { blobKeysOf } from "./attachment-keys";
import type { Attachment, DocumentAttachment, ExtractedFrames, ImageAttachment, MediaAttachment, UploadedFile, VideoAttachment } from "@/lib/conversation/attachment-types";
import { currentFrames, dataUrlMediaType } from "./attachment-parts";
import { contentKey, deleteBlobsExcept, getBlob, putBlob } from "./blob-store";
import { captureFrames, downscaleImage, readBrowserImageSize, readBrowserVideoMetadata } from "./frame-extractor";
import { videoLimits } from "@/lib/wire/video-limits";
import { readImageInfo } from "./image-dimensions";
import { mediaCache, type TaskProgress } from "./media-cache";
import { frameListFor } from "./media-rules";
import { mediaKindOf } from "@/lib/catalog/media-limits";
import { fetchFileContent, uploadFile } from "./upload-file";
import { readVideoInfo } from "./video-info";
import { framePatchLimit, resizedForVision } from "@/lib/catalog/vision-tokens";
import { CodedError, workbenchMessageOf, type CodedMessage, type WorkbenchMessage } from "@/lib/wire/coded-message";

// The heavy half of attachment handling, loaded when the user first attaches something (or a saved
// conversation with attachments is opened): reading files, IndexedDB, uploads, frame capture.

/** Files that are neither pictures nor videos go through file-extract when they look like documents. */
const documentPattern = /\.(pdf|docx?|txt|md|markdown|csv|tsv|json|jsonl|xml|html?|xlsx?|pptx?|epub|rtf|odt|ya?ml|log|py|js|ts|java|go|rs|c|cpp|h)$/i;

/** Whether a file will be handled as a document (text extraction) rather than as media. */
export function isDocumentFile(file: { name: string; type: string }): boolean {
  return mediaKindOf({ mediaType: file.type, name: file.name }) === undefined && (documentPattern.test(file.name) || file.type.startsWith("text/") || file.type === "application/pdf");
}

/** Stores bytes under their content key and returns the key. */
export async function storeBlob(blob: Blob): Promise<string> {
  const key = await contentKey(blob);
  await putBlob({ key, blob });
  return key;
}

/** Reads a video's header for duration and size (the whole file when the index sits at its end). */
async function readHeader(file: Blob): Promise<ReturnType<typeof readVideoInfo>> {
  const head = readVideoInfo(new Uint8Array(await file.slice(0, 4 * 1024 * 1024).arrayBuffer()));
  if (head?.durationSeconds !== undefined || file.size <= 4 * 1024 * 1024 || file.size > 512 * 1024 * 1024) return head;
  return readVideoInfo(new Uint8Array(await file.arrayBuffer())) ?? head;
}

/** Turns a picked, dropped or pasted image or video into an attachment (stored in IndexedDB). */
export async function readMediaFile({ file, id, spec }: { file: File; id: string; spec: Pick<ModelSpec, "videoDefaults"> }): Promise<MediaAttachment> {
  const kind = mediaKindOf({ mediaType: file.type, name: file.name });
  const base = { id, name: file.name || (kind === "video" ? "video" : "image"), mediaType: file.type, bytes: file.size };
  if (kind === "image") {
    const size = (await readBrowserImageSize(file)) ?? readImageInfo(new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer()));
    const attachment: ImageAttachment = { ...base, kind: "image", blobKey: await storeBlob(file), ...(size ? { width: size.width, height: size.height } : {}) };
    return attachment;
  }
  const [header, browser] = await Promise.all([readHeader(file), readBrowserVideoMetadata(file)]);
  // The provider reads the container header, so its figures win where both exist.
  const width = header?.width ?? browser.width;
  const height = header?.height ?? browser.height;
  const durationSeconds = header?.durationSeconds ?? browser.durationSeconds;
  const attachment: VideoAttachment = {
    ...base,
    kind: "video",
    blobKey: await storeBlob(file),
    ...(width !== undefined && height !== undefined ? { width, height } : {}),
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    decodable: browser.decodable,
    fps: spec.videoDefaults?.fps ?? videoLimits.defaultFps,
    maxFrames: spec.videoDefaults?.maxFrames ?? videoLimits.defaultMaxFrames,
    delivery: "file",
  };
  return attachment;
}

/** Uploads a document for file-extract and keeps its text; progress shows on the incoming file. */
export async function readDocumentFile({
  file,
  id,
  providerId,
  apiKey,
  onProgress,
}: {
  file: File;
  id: string;
  providerId: ProviderId;
  apiKey: string | undefined;
  onProgress: (progress: TaskProgress) => void;
}): Promise<{ ok: true; attachment: DocumentAttachment } | ({ ok: false } & CodedMessage)> {
  const uploaded = await uploadFile({
    providerId,
    file,
    name: file.name,
    purpose: "file-extract",
    apiKey,
    onProgress: ({ loaded, total }) => onProgress({ done: loaded, total, step: "uploading" }),
  });
  if (!uploaded.ok) return { ok: false, message: `${file.name} could not be uploaded: ${uploaded.error.message}`, code: "upload-failed", values: { name: file.name, problem: uploaded.error.message }, problem: uploaded.error };
  onProgress({ done: 1, total: 1, step: "extractingText" });
  const content = await fetchFileContent({ providerId, fileId: uploaded.file.id, apiKey });
  if (!content.ok) return { ok: false, message: `The text of ${file.name} could not be extracted: ${content.error.message}`, code: "extract-failed", values: { name: file.name, problem: content.error.message }, problem: content.error };
  const textKey = await storeBlob(new Blob([content.text], { type: "text/plain" }));
  mediaCache.setText(textKey, content.text);
  return {
    ok: true,
    attachment: {
      id,
      kind: "document",
      name: file.name,
      mediaType: file.type,
      bytes: file.size,
      blobKey: await storeBlob(file),
      upload: { providerId, fileId: uploaded.file.id, purpose: "file-extract" },
      textKey,
      textLength: content.text.length,
    },
  };
}

/** Loads documents' texts from IndexedDB into memory (they are part of the bodies on screen). */
export async function loadDocumentTexts(attachments: readonly Attachment[]): Promise<string[]> {
  const missing: string[] = [];
  for (const attachment of attachments) {
    if (attachment.kind !== "document" || mediaCache.texts.has(attachment.textKey)) continue;
    const blob = await getBlob(attachment.textKey);
    if (blob) mediaCache.setText(attachment.textKey, await blob.text());
    else missing.push(attachment.name);
  }
  return missing;
}

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new CodedError({ message: "The file could not be read.", code: "fileUnreadable" }));
    reader.readAsDataURL(blob);
  });
}

async function ensureDataUrl({ key, mediaType }: { key: string; mediaType: string }): Promise<boolean> {
  const cacheKey = `${key}|${mediaType}`;
  if (mediaCache.dataUrls.has(cacheKey)) return true;
  const blob = await getBlob(key);
  if (!blob) return false;
  // The stored blob may have no type (HEIC, MKV); the data URL carries the canonical one.
  mediaCache.dataUrls.set(cacheKey, await readAsDataUrl(new Blob([blob], { type: mediaType })));
  return true;
}

/** Builds the data URLs a request needs; returns the names of attachments whose bytes are gone. */
export async function prepareForSend({ attachments, providerId }: { attachments: readonly Attachment[]; providerId: ProviderId }): Promise<string[]> {
  const missing: string[] = [];
  for (const attachment of attachments) {
    if (attachment.kind === "document") {
      if (!mediaCache.texts.has(attachment.textKey)) missing.push(...(await loadDocumentTexts([attachment])));
      continue;
    }
    if (attachment.kind === "video" && attachment.delivery === "frames") {
      const frames = currentFrames(attachment);
      if (!frames) {
        missing.push(`${attachment.name} (frames not extracted)`);
        continue;
      }
      for (const key of frames.blobKeys) if (!(await ensureDataUrl({ key, mediaType: "image/jpeg" }))) missing.push(attachment.name);
      continue;
    }
    if (attachment.upload?.providerId === providerId) continue;
    if (!(await ensureDataUrl({ key: attachment.blobKey, mediaType: dataUrlMediaType(attachment) }))) missing.push(attachment.name);
  }
  return [...new Set(missing)];
}

/** An attachment whose bytes this browser's storage no longer has (cleared, or another profile). */
function bytesGone(attachment: { name: string }): CodedMessage {
  return { message: `The bytes of ${attachment.name} are no longer in this browser; attach it again.`, code: "bytesGone", values: { name: attachment.name } };
}

/** Uploads a picture or video to the provider's files API (purpose image / video), with progress. */
export async function uploadMedia({ attachment, providerId, apiKey }: { attachment: MediaAttachment; providerId: ProviderId; apiKey: string | undefined }): Promise<{ ok: true; upload: UploadedFile } | { ok: false; error: WorkbenchMessage }> {
  const blob = await getBlob(attachment.blobKey);
  if (!blob) {
    const error = bytesGone(attachment);
    mediaCache.setTask(attachment.id, { done: 0, total: attachment.bytes, step: "uploadFailed", error });
    return { ok: false, error };
  }
  const purpose = attachment.kind === "image" ? "image" : "video";
  mediaCache.setTask(attachment.id, { done: 0, total: attachment.bytes, step: "uploading" });
  const uploaded = await uploadFile({
    providerId,
    file: new Blob([blob], { type: dataUrlMediaType(attachment) }),
    name: attachment.name,
    purpose,
    apiKey,
    onProgress: ({ loaded, total }) => mediaCache.setTask(attachment.id, { done: loaded, total, step: "uploading" }),
  });
  if (!uploaded.ok) {
    mediaCache.setTask(attachment.id, { done: 0, total: attachment.bytes, step: "uploadFailed", error: uploaded.error });
    return { ok: false, error: uploaded.error };
  }
  mediaCache.setTask(attachment.id, undefined);
  return { ok: true, upload: { providerId, fileId: uploaded.file.id, purpose } };
}

/** The size frames are extracted at: what MoonViT scales a frame to (same tokens, fewer bytes). */
export function frameSizeFor(video: Pick<VideoAttachment, "width" | "height">): { width: number; height: number } {
  return resizedForVision({ width: video.width ?? 0, height: video.height ?? 0, patchLimit: framePatchLimit });
}

/** Extracts the frames a video's settings select, stores them, and reports progress. */
export async function extractVideoFrames({ attachment, signal }: { attachment: VideoAttachment; signal: AbortSignal }): Promise<{ ok: true; frames: ExtractedFrames } | { ok: false; error: WorkbenchMessage }> {
  const blob = await getBlob(attachment.blobKey);
  if (!blob) {
    const error = bytesGone(attachment);
    mediaCache.setTask(attachment.id, { done: 0, total: 1, step: "framesFailed", error });
    return { ok: false, error };
  }
  const sample = frameListFor(attachment);
  const size = frameSizeFor(attachment);
  let done = 0;
  mediaCache.setTask(attachment.id, { done, total: sample.times.length, step: "extractingFrames" });
  try {
    const started = performance.now();
    const frames = await captureFrames({
      blob,
      times: sample.times,
      ...size,
      signal,
      onFrame: () => mediaCache.setTask(attachment.id, { done: ++done, total: sample.times.length, step: "extractingFrames" }),
    });
    performance.measure("kimi-workbench:frame-extraction", { start: started, detail: { frames: frames.length, video: attachment.name } });
    const blobKeys: string[] = [];
    for (const frame of frames) blobKeys.push(await storeBlob(frame));
    mediaCache.setTask(attachment.id, undefined);
    return {
      ok: true,
      frames: { fps: attachment.fps, maxFrames: attachment.maxFrames, times: sample.times, effectiveFps: sample.effectiveFps, ...size, blobKeys, bytes: frames.reduce((sum, frame) => sum + frame.size, 0) },
    };
  } catch (error) {
    if (signal.aborted) return { ok: false, error: { message: "cancelled" } };
    const failure = workbenchMessageOf(error);
    mediaCache.setTask(attachment.id, { done, total: sample.times.length, step: "framesFailed", error: failure });
    return { ok: false, error: failure };
  }
}

// A strip shows at most this many thumbnails; each sampled moment shows the nearest one.
const thumbnailCount = 96;
const thumbnailHeight = 72;

/** The moments thumbnails are captured at for a video (a fixed grid, so changing fps needs no new pass). */
export function thumbnailGrid(durationSeconds: number): number[] {
  const step = Math.max(0.1, durationSeconds / thumbnailCount);
  const count = Math.max(1, Math.min(thumbnailCount, Math.ceil(durationSeconds / step)));
  return Array.from({ length: count }, (_, index) => Math.min(index * step, Math.max(0, durationSeconds - 0.001)));
}

const thumbnailPasses = new Map<string, Promise<void>>();

/** Captures a video's thumbnail grid once per video (object URLs appear in the cache as they come). */
export function captureThumbnails(attachment: VideoAttachment): Promise<void> {
  const running = thumbnailPasses.get(attachment.blobKey);
  if (running) return running;
  const pass = (async () => {
    const blob = await getBlob(attachment.blobKey);
    if (!blob || !attachment.decodable || !attachment.width || !attachment.height || !attachment.durationSeconds) return;
    const times = thumbnailGrid(attachment.durationSeconds);
    const strip = new Map<number, string>();
    mediaCache.thumbnails.set(attachment.blobKey, strip);
    const width = Math.max(1, Math.round((attachment.width / attachment.height) * thumbnailHeight));
    await captureFrames({
      blob,
      times,
      width: Math.min(width, 200),
      height: thumbnailHeight,
      quality: 0.7,
      onFrame: (index, frame) => {
        strip.set(times[index]!, URL.createObjectURL(frame));
        mediaCache.changed();
      },
    });
  })().catch(() => undefined);
  thumbnailPasses.set(attachment.blobKey, pass);
  return pass;
}

/** An object URL for a stored blob (thumbnails of images and frames). */
export async function loadObjectUrl(key: string): Promise<string | undefined> {
  const cached = mediaCache.objectUrls.get(key);
  if (cached) return cached;
  const blob = await getBlob(key);
  if (!blob) return undefined;
  const url = URL.createObjectURL(blob);
  mediaCache.objectUrls.set(key, url);
  mediaCache.changed();
  return url;
}

/** A smaller copy of an image, stored as a new blob; the attachment's fields for it. */
export async function downscaleAttachment({ attachment, width, height }: { attachment: ImageAttachment; width: number; height: number }): Promise<Partial<ImageAttachment>> {
  const blob = await getBlob(attachment.blobKey);
  if (!blob) throw new CodedError(bytesGone(attachment));
  const smaller = await downscaleImage({ blob: new Blob([blob], { type: dataUrlMediaType(attachment) }), width, height });
  const extension = smaller.type === "image/png" ? "png" : smaller.type === "image/webp" ? "webp" : "jpg";
  return {
    blobKey: await storeBlob(smaller),
    bytes: smaller.size,
    mediaType: smaller.type,
    name: attachment.name.replace(/\.[a-z0-9]+$/i, "") + `-${width}x${height}.${extension}`,
    width,
    height,
    upload: undefined,
  };
}

/** Deletes stored blobs no attachment refers to any more. */
export function collectGarbage(attachments: readonly Attachment[]): Promise<number> {
  return deleteBlobsExcept(new Set(attachments.flatMap(blobKeysOf))).catch(() => 0);
}
