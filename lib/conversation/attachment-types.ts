import type { ProviderId } from "@/lib/catalog/catalog-types";

/** A file uploaded to a provider's files API, usable as `ms://{fileId}` there. */
export interface UploadedFile {
  providerId: ProviderId;
  fileId: string;
  purpose: "image" | "video" | "file-extract";
}

/** What every attachment has: the original file is kept in browser storage under `blobKey`. */
interface AttachmentBase {
  id: string;
  name: string;
  /** The file's media type (from the browser, or derived from its name when the browser does not know it). */
  mediaType: string;
  /** Size of the original file in bytes. */
  bytes: number;
  /** Key of the file's bytes in browser storage (a content hash where the browser can compute one). */
  blobKey: string;
  /** Set once the file has been uploaded; the request then refers to it instead of inlining it. */
  upload?: UploadedFile;
}

/** An image attached to a message. */
export interface ImageAttachment extends AttachmentBase {
  kind: "image";
  /** Pixel size; absent when the browser cannot decode the format (e.g. HEIC, TIFF). */
  width?: number;
  height?: number;
}

/** How a video goes to the model: the file itself, or frames the workbench extracts. */
export type VideoDelivery = "file" | "frames";

/** Frames extracted in the browser and sent as an image list. */
export interface ExtractedFrames {
  /** The settings they were extracted for; they are re-extracted when these change. */
  fps: number;
  maxFrames: number;
  /** Seconds into the video of each frame. */
  times: number[];
  /** The `fps` sent beside the list (lower than `fps` when max_frames spread the frames out). */
  effectiveFps: number;
  width: number;
  height: number;
  /** Browser-storage keys of the JPEG frames, in order. */
  blobKeys: string[];
  /** Total size of the JPEG frames (for the request-size check). */
  bytes?: number;
}

/** A video attached to a message, with its sampling settings. */
export interface VideoAttachment extends AttachmentBase {
  kind: "video";
  width?: number;
  height?: number;
  durationSeconds?: number;
  /** Whether this browser can decode it (needed for thumbnails and frame extraction). */
  decodable: boolean;
  fps: number;
  maxFrames: number;
  delivery: VideoDelivery;
  frames?: ExtractedFrames;
}

/** A document turned into text by the provider's `file-extract`; the text goes in a system message. */
export interface DocumentAttachment extends AttachmentBase {
  kind: "document";
  upload: UploadedFile;
  /** Browser-storage key of the extracted text. */
  textKey: string;
  textLength: number;
}

/** Anything attached to a user message. */
export type Attachment = ImageAttachment | VideoAttachment | DocumentAttachment;

/** A picture or video (what goes into the message's content parts). */
export type MediaAttachment = ImageAttachment | VideoAttachment;
