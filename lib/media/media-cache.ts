import type { DocumentAttachment, MediaAttachment, VideoAttachment } from "@/lib/conversation/attachment-types";
import { createPlaceholderResolver, currentFrames, dataUrlMediaType, type MediaResolver } from "./attachment-parts";
import type { WorkbenchMessage } from "@/lib/wire/coded-message";

// What the page holds in memory about attachments: documents' texts (they are part of every
// request body on screen), data URLs (built when a request is sent), object URLs for thumbnails,
// and the progress of uploads and frame extraction. The heavy work (IndexedDB, decoding, uploads)
// is in media-work.ts, loaded on first use; this module stays small for the page's first load.

/** A step of the work on an attachment; the page words it from `mediaTask.<step>`. */
export type MediaStep = "downscaling" | "downscaleFailed" | "uploading" | "uploadFailed" | "extractingText" | "extractingFrames" | "framesFailed";

/** Each step in English, as the workbench's own messages say it ("chart.png: uploading…"). */
export const mediaStepLabels: Record<MediaStep, string> = {
  downscaling: "Downscaling",
  downscaleFailed: "Downscale failed",
  uploading: "Uploading",
  uploadFailed: "Upload failed",
  extractingText: "Extracting text",
  extractingFrames: "Extracting frames",
  framesFailed: "Frame extraction failed",
};

/** Progress of something being done to an attachment. */
export interface TaskProgress {
  done: number;
  total: number;
  /** What is being done, for the progress bar's label. */
  step: MediaStep;
  error?: WorkbenchMessage;
}

/** A file being read, uploaded or extracted before it becomes an attachment. */
export interface IncomingFile {
  id: string;
  name: string;
  progress?: TaskProgress;
  error?: string;
}

/** Thumbnails of a video at moments (seconds → object URL), filled as they are captured. */
export type ThumbnailStrip = ReadonlyMap<number, string>;

class MediaCache {
  private version = 0;
  private readonly listeners = new Set<() => void>();
  private readonly textListeners = new Set<() => void>();
  readonly texts = new Map<string, string>();
  readonly dataUrls = new Map<string, string>();
  readonly objectUrls = new Map<string, string>();
  readonly tasks = new Map<string, TaskProgress>();
  readonly thumbnails = new Map<string, Map<number, string>>();
  incoming: IncomingFile[] = [];
  /** Counts texts stored; bodies built before a text arrived are stale when it changes. */
  textsVersion = 0;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getVersion = (): number => this.version;

  /** Tells subscribers something changed. */
  changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  /** Listens for documents' texts arriving (they change the request body, unlike progress or thumbnails). */
  onTexts(listener: () => void): () => void {
    this.textListeners.add(listener);
    return () => this.textListeners.delete(listener);
  }

  /** Stores a document's text and tells the body builders. */
  setText(key: string, text: string): void {
    this.texts.set(key, text);
    this.textsVersion += 1;
    for (const listener of this.textListeners) listener();
    this.changed();
  }

  setTask(attachmentId: string, progress: TaskProgress | undefined): void {
    if (progress) this.tasks.set(attachmentId, progress);
    else this.tasks.delete(attachmentId);
    this.changed();
  }

  setIncoming(incoming: IncomingFile[]): void {
    this.incoming = incoming;
    this.changed();
  }
}

/** The page's attachment memory. */
export const mediaCache = new MediaCache();

/** Bodies on screen: placeholders for bytes, documents' real text. */
export const displayResolver: MediaResolver = createPlaceholderResolver({ documentText: (document) => mediaCache.texts.get(document.textKey) });

/** Bodies that are sent: the data URLs media-work.ts prepared (undefined for any not prepared). */
export const sendResolver: MediaResolver = {
  fileUrl: (attachment: MediaAttachment) => mediaCache.dataUrls.get(`${attachment.blobKey}|${dataUrlMediaType(attachment)}`),
  frameUrl: (attachment: VideoAttachment, index: number) => {
    const key = currentFrames(attachment)?.blobKeys[index];
    return key === undefined ? undefined : mediaCache.dataUrls.get(`${key}|image/jpeg`);
  },
  documentText: (document: DocumentAttachment) => mediaCache.texts.get(document.textKey),
};
