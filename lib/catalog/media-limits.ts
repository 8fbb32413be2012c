// What each provider accepts as media (docs/kimi-limits.md, with sources): image and video formats,
// base64 and request sizes, the files API's limit, frame lists, and the recommended resolutions.
// Self-hosted servers set their own limits; only the gateway's own apply there.

import type { ProviderId } from "./catalog-types";

const megabyte = 1024 * 1024;

/** Sides and shape every provider requires of an image (and of a video's frames). */
export const imageShapeLimits = {
  /** Each side must be larger than this many pixels. */
  minSideExclusive: 10,
  /** Long side over short side may be at most this. */
  maxAspectRatio: 200,
} as const;

/** Formats by the names the docs use. */
export type MediaFormat =
  | "png"
  | "jpeg"
  | "webp"
  | "gif"
  | "bmp"
  | "tiff"
  | "heic"
  | "mp4"
  | "mov"
  | "webm"
  | "avi"
  | "mkv"
  | "flv"
  | "wmv"
  | "mpeg"
  | "3gpp";

/** A provider's documented media limits. */
export interface ProviderMediaLimits {
  imageFormats: readonly MediaFormat[];
  videoFormats: readonly MediaFormat[];
  /** Largest base64 string for one image, where documented. */
  maxImageBase64Bytes?: number;
  /** Largest base64 string for one video file. */
  maxVideoBase64Bytes: number;
  /** Largest request body the service accepts, where documented. */
  maxRequestBytes?: number;
  /** Largest file its files API takes (absent: no files API). */
  maxUploadBytes?: number;
  /** Whether a video may go as a list of frames: documented, not documented (sent at your risk), or not at all. */
  frameList: "documented" | "undocumented" | "unsupported";
  /** Whether `max_frames` beside a video file is honoured (DashScope's native API only). */
  honoursMaxFrames: boolean;
  /** Recommended largest picture (long side × short side). */
  recommendedImage: { long: number; short: number };
  recommendedVideo: { long: number; short: number };
}


const moonshotLimits: ProviderMediaLimits = {
  imageFormats: ["png", "jpeg", "webp", "gif"],
  videoFormats: ["mp4", "mpeg", "mov", "avi", "flv", "webm", "wmv", "3gpp"],
  maxVideoBase64Bytes: 10 * megabyte,
  maxRequestBytes: 100 * megabyte,
  maxUploadBytes: 100 * megabyte,
  frameList: "undocumented",
  honoursMaxFrames: false,
  recommendedImage: { long: 4096, short: 2160 },
  recommendedVideo: { long: 2048, short: 1080 },
};

const dashscopeLimits: ProviderMediaLimits = {
  imageFormats: ["bmp", "jpeg", "png", "tiff", "webp", "heic"],
  videoFormats: ["mp4", "avi", "mkv", "mov", "flv", "wmv"],
  maxImageBase64Bytes: 10 * megabyte,
  maxVideoBase64Bytes: 10 * megabyte,
  frameList: "documented",
  honoursMaxFrames: false,
  recommendedImage: { long: 3840, short: 2160 },
  recommendedVideo: { long: 2048, short: 1080 },
};

/** Media limits per provider. */
export const providerMediaLimits: Record<ProviderId, ProviderMediaLimits> = {
  simulator: moonshotLimits,
  moonshot: moonshotLimits,
  dashscope: dashscopeLimits,
  "dashscope-native": { ...dashscopeLimits, honoursMaxFrames: true },
  "openai-compatible": {
    imageFormats: ["png", "jpeg", "webp", "gif", "bmp", "tiff"],
    videoFormats: ["mp4", "mov", "webm", "avi", "mkv", "flv", "wmv", "mpeg", "3gpp"],
    maxVideoBase64Bytes: 10 * megabyte,
    frameList: "unsupported",
    honoursMaxFrames: false,
    recommendedImage: { long: 4096, short: 2160 },
    recommendedVideo: { long: 2048, short: 1080 },
  },
};

const formatsByMediaType: Record<string, MediaFormat> = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/jpg": "jpeg",
  "image/webp": "webp",
  "image/gif": "gif",
  "image/bmp": "bmp",
  "image/x-ms-bmp": "bmp",
  "image/tiff": "tiff",
  "image/heic": "heic",
  "image/heif": "heic",
  "video/mp4": "mp4",
  "video/quicktime": "mov",
  "video/webm": "webm",
  "video/x-msvideo": "avi",
  "video/avi": "avi",
  "video/x-matroska": "mkv",
  "video/x-flv": "flv",
  "video/x-ms-wmv": "wmv",
  "video/mpeg": "mpeg",
  "video/3gpp": "3gpp",
};

const formatsByExtension: Record<string, MediaFormat> = {
  png: "png",
  jpg: "jpeg",
  jpeg: "jpeg",
  jpe: "jpeg",
  webp: "webp",
  gif: "gif",
  bmp: "bmp",
  tif: "tiff",
  tiff: "tiff",
  heic: "heic",
  heif: "heic",
  mp4: "mp4",
  m4v: "mp4",
  mov: "mov",
  webm: "webm",
  avi: "avi",
  mkv: "mkv",
  flv: "flv",
  wmv: "wmv",
  mpeg: "mpeg",
  mpg: "mpeg",
  "3gp": "3gpp",
};

/** The canonical media type of each format (what a data URL carries). */
export const mediaTypeOfFormat: Record<MediaFormat, string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  bmp: "image/bmp",
  tiff: "image/tiff",
  heic: "image/heic",
  mp4: "video/mp4",
  mov: "video/quicktime",
  webm: "video/webm",
  avi: "video/x-msvideo",
  mkv: "video/x-matroska",
  flv: "video/x-flv",
  wmv: "video/x-ms-wmv",
  mpeg: "video/mpeg",
  "3gpp": "video/3gpp",
};

/** A file's format from its media type, or from its name when the browser gave no type. */
export function mediaFormatOf({ mediaType, name }: { mediaType: string; name: string }): MediaFormat | undefined {
  const byType = formatsByMediaType[mediaType.toLowerCase().split(";")[0]!.trim()];
  if (byType) return byType;
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return extension ? formatsByExtension[extension] : undefined;
}

/** Whether a file is an image or video the workbench can attach (by type or name). */
export function mediaKindOf({ mediaType, name }: { mediaType: string; name: string }): "image" | "video" | undefined {
  const format = mediaFormatOf({ mediaType, name });
  if (format) return mediaTypeOfFormat[format].startsWith("image/") ? "image" : "video";
  if (mediaType.startsWith("image/")) return "image";
  if (mediaType.startsWith("video/")) return "video";
  return undefined;
}
