import type { CodedMessage } from "@/lib/wire/coded-message";
import type { ModelSpec, ProviderId } from "@/lib/catalog/catalog-types";
import { imageShapeLimits, mediaFormatOf, providerMediaLimits, type MediaFormat } from "@/lib/catalog/media-limits";
import { providerDescriptors } from "@/lib/catalog/model-catalog";
import type { MediaAttachment, VideoAttachment } from "@/lib/conversation/attachment-types";
import { sampleFrameTimes } from "./frame-sampling";
import { videoLimits } from "@/lib/wire/video-limits";

// Checks of attachments against what each provider accepts (the facts are in the catalog's media
// limits): how each attachment will be sent, what blocks sending, and the one-click ways out.

/** Length of the base64 data URL for a file of `bytes` bytes. */
export function dataUrlLength({ bytes, mediaType }: { bytes: number; mediaType: string }): number {
  return `data:${mediaType};base64,`.length + 4 * Math.ceil(bytes / 3);
}

/** A one-click way out of a media problem. */
export type MediaFix =
  | { kind: "downscale"; width: number; height: number }
  | { kind: "upload" }
  | { kind: "send-as-frames" }
  | { kind: "send-as-file" }
  | { kind: "switch-provider"; providerId: ProviderId; label: string };

/** A problem (blocks sending), a recommendation, or a plain statement about an attachment (worded by the page from `mediaIssues.<code>`). */
export interface MediaIssue extends CodedMessage {
  severity: "error" | "warning" | "info";
  fixes: MediaFix[];
}

/** How an attachment goes into the request. */
export type MediaDelivery =
  | { kind: "inline" }
  | { kind: "uploaded"; fileId: string }
  /** Too big to inline; the provider's files API takes it. */
  | { kind: "needs-upload" }
  | { kind: "frames" }
  | { kind: "blocked" };

const megabyte = 1024 * 1024;

/** Human-readable size. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < megabyte) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * megabyte) return `${(bytes / megabyte).toFixed(1)} MB`;
  return `${(bytes / megabyte / 1024).toFixed(2)} GB`;
}

function providerLabel(providerId: ProviderId): string {
  return providerDescriptors[providerId].label;
}

function formatList(formats: readonly MediaFormat[]): string {
  return formats.join(", ");
}

/** Providers (other than `current`) that take this format, as switch fixes. */
function providersAccepting({ format, kind, current }: { format: MediaFormat | undefined; kind: "image" | "video"; current: ProviderId }): MediaFix[] {
  if (!format) return [];
  const candidates: ProviderId[] = ["moonshot", "dashscope-native", "dashscope"];
  return candidates
    .filter((id) => id !== current && (kind === "image" ? providerMediaLimits[id].imageFormats : providerMediaLimits[id].videoFormats).includes(format))
    .slice(0, 1)
    .map((providerId) => ({ kind: "switch-provider", providerId, label: providerLabel(providerId) }));
}

/** Scale that brings a picture within `long` × `short` (1 when it already fits). */
function fitScale({ width, height, long, short }: { width: number; height: number; long: number; short: number }): number {
  return Math.min(1, long / Math.max(width, height), short / Math.min(width, height));
}

/** The frame list a video would become (count and bounds), for the frames delivery. */
export function frameListFor(video: Pick<VideoAttachment, "durationSeconds" | "fps" | "maxFrames">) {
  return sampleFrameTimes({ durationSeconds: video.durationSeconds ?? 0, fps: video.fps, maxFrames: video.maxFrames });
}

/**
 * Checks an attachment against the provider's documented limits and the model's inputs, and says
 * how it will be sent. Errors block sending and name the limit and the way out.
 */
export function checkMediaAttachment({
  attachment,
  providerId,
  spec,
}: {
  attachment: MediaAttachment;
  providerId: ProviderId;
  spec: Pick<ModelSpec, "id" | "input">;
}): { issues: MediaIssue[]; delivery: MediaDelivery } {
  const limits = providerMediaLimits[providerId];
  const issues: MediaIssue[] = [];
  const format = mediaFormatOf(attachment);
  const kind = attachment.kind;
  type Values = MediaIssue["values"];
  const error = (code: string, message: string, values: Values, fixes: MediaFix[] = []) => issues.push({ severity: "error", code, message, values, fixes });
  const warning = (code: string, message: string, values: Values, fixes: MediaFix[] = []) => issues.push({ severity: "warning", code, message, values, fixes });
  const info = (code: string, message: string, values: Values) => issues.push({ severity: "info", code, message, values, fixes: [] });

  if (!spec.input.includes(kind)) {
    error("model-input", `${spec.id} does not accept ${kind === "image" ? "images" : "video"}. Pick a model that does (kimi-k2.6, kimi-k2.5 or kimi-k2.7-code) or remove this ${kind}.`, { model: spec.id, kind });
  }
  const accepted = kind === "image" ? limits.imageFormats : limits.videoFormats;
  const sendsFrames = kind === "video" && attachment.delivery === "frames";
  if (!sendsFrames && (!format || !accepted.includes(format))) {
    const fixes: MediaFix[] = providersAccepting({ format, kind, current: providerId });
    if (kind === "video" && attachment.decodable && limits.frameList !== "unsupported") fixes.unshift({ kind: "send-as-frames" });
    error(
      "format",
      `${providerLabel(providerId)} does not take ${format ? format.toUpperCase() : `"${attachment.mediaType || attachment.name}"`} ${kind === "image" ? "images" : "videos"}; it takes ${formatList(accepted)}.${kind === "image" ? " Convert it (e.g. to PNG or JPEG)" : " Convert it (e.g. to MP4)"}${fixes.length > 0 ? ", or use one of the options below" : ""}.`,
      { provider: providerLabel(providerId), format: format ? format.toUpperCase() : `"${attachment.mediaType || attachment.name}"`, kind, accepted: formatList(accepted), options: fixes.length > 0 ? "yes" : "no" },
      fixes,
    );
  }

  const { width, height } = attachment;
  if (width !== undefined && height !== undefined) {
    if (width <= imageShapeLimits.minSideExclusive || height <= imageShapeLimits.minSideExclusive) {
      error("too-small", `The ${kind} is ${width}×${height} px; each side must be larger than ${imageShapeLimits.minSideExclusive} px. Use a larger ${kind}.`, { kind, width: String(width), height: String(height), min: String(imageShapeLimits.minSideExclusive) });
    }
    // Both can be wrong at once (4000×10 is too thin and too narrow): each is named.
    if (Math.max(width, height) / Math.min(width, height) > imageShapeLimits.maxAspectRatio) {
      error("aspect-ratio", `The ${kind}'s aspect ratio is ${Math.round(Math.max(width, height) / Math.min(width, height))}:1; the limit is ${imageShapeLimits.maxAspectRatio}:1. Crop it closer to square.`, { kind, ratio: String(Math.round(Math.max(width, height) / Math.min(width, height))), limit: String(imageShapeLimits.maxAspectRatio) });
    }
    const recommended = kind === "image" ? limits.recommendedImage : limits.recommendedVideo;
    const scale = fitScale({ width, height, ...recommended });
    if (scale < 1) {
      const target = { width: Math.max(11, Math.floor(width * scale)), height: Math.max(11, Math.floor(height * scale)) };
      if (kind === "image") {
        warning(
          "resolution",
          `${width}×${height} is above the recommended ${recommended.long}×${recommended.short}: a larger picture only adds upload time, not understanding. Downscale to ${target.width}×${target.height}.`,
          { kind, width: String(width), height: String(height), long: String(recommended.long), short: String(recommended.short), targetWidth: String(target.width), targetHeight: String(target.height), frames: "no" },
          [{ kind: "downscale", ...target }],
        );
      } else if (!sendsFrames) {
        warning(
          "resolution",
          `${width}×${height} is above the recommended ${recommended.long}×${recommended.short} for video: it adds processing time, not understanding.${attachment.decodable && limits.frameList !== "unsupported" ? " Sending it as frames sends them at the size the model uses." : ""}`,
          { kind, width: String(width), height: String(height), long: String(recommended.long), short: String(recommended.short), targetWidth: "", targetHeight: "", frames: attachment.decodable && limits.frameList !== "unsupported" ? "yes" : "no" },
          attachment.decodable && limits.frameList !== "unsupported" ? [{ kind: "send-as-frames" }] : [],
        );
      }
    }
  }

  const upload = attachment.upload?.providerId === providerId ? attachment.upload : undefined;
  let delivery: MediaDelivery = { kind: "inline" };
  if (kind === "image") {
    const encoded = dataUrlLength(attachment);
    if (upload) delivery = { kind: "uploaded", fileId: upload.fileId };
    else if (limits.maxImageBase64Bytes !== undefined && encoded > limits.maxImageBase64Bytes) {
      const scale = width && height ? Math.sqrt(limits.maxImageBase64Bytes / encoded) * 0.9 : undefined;
      error(
        "image-size",
        `As base64 the image is ${formatBytes(encoded)}; ${providerLabel(providerId)} takes at most ${formatBytes(limits.maxImageBase64Bytes)} per image. Downscale or compress it.`,
        { size: formatBytes(encoded), provider: providerLabel(providerId), max: formatBytes(limits.maxImageBase64Bytes) },
        scale && width && height ? [{ kind: "downscale", width: Math.floor(width * scale), height: Math.floor(height * scale) }] : [],
      );
    }
  } else {
    const video = attachment;
    const duration = video.durationSeconds;
    if (duration === undefined) {
      error("duration-unknown", "The video's duration could not be read, so its frames and cost cannot be worked out. Re-encode it as MP4 (e.g. ffmpeg -i in.webm out.mp4).", {});
    } else if (duration < videoLimits.minDurationSeconds || duration > videoLimits.maxDurationSeconds) {
      error("duration", `The video is ${duration.toFixed(1)} s long; videos must be ${videoLimits.minDurationSeconds} s to ${videoLimits.maxDurationSeconds / 3600} h. ${duration < videoLimits.minDurationSeconds ? "Use a longer clip, or attach its frames as images." : "Cut it into clips of up to an hour."}`, {
        duration: duration.toFixed(1),
        min: String(videoLimits.minDurationSeconds),
        maxHours: String(videoLimits.maxDurationSeconds / 3600),
        short: duration < videoLimits.minDurationSeconds ? "yes" : "no",
      });
    }
    if (video.fps < videoLimits.minFps || video.fps > videoLimits.maxFps) {
      error("fps", `fps is ${video.fps}; it must be from ${videoLimits.minFps} to ${videoLimits.maxFps}.`, { fps: String(video.fps), min: String(videoLimits.minFps), max: String(videoLimits.maxFps) });
    }
    if (!Number.isInteger(video.maxFrames) || video.maxFrames < videoLimits.minMaxFrames || video.maxFrames > videoLimits.maxMaxFrames) {
      error("max-frames", `max_frames is ${video.maxFrames}; it must be a whole number from ${videoLimits.minMaxFrames} to ${videoLimits.maxMaxFrames}.`, { value: String(video.maxFrames), min: String(videoLimits.minMaxFrames), max: String(videoLimits.maxMaxFrames) });
    }
    if (video.delivery === "frames") {
      delivery = { kind: "frames" };
      if (!video.decodable) {
        error("frames-undecodable", "This browser cannot decode the video, so it cannot extract frames. Send it as a file.", {}, [{ kind: "send-as-file" }]);
      }
      if (limits.frameList === "unsupported") {
        error("frames-unsupported", `${providerLabel(providerId)} does not take a video as a list of frames. Send it as a file.`, { provider: providerLabel(providerId) }, [{ kind: "send-as-file" }]);
      } else if (limits.frameList === "undocumented") {
        info("frames-undocumented", `${providerLabel(providerId)} documents video files; the frame-list form is documented by DashScope. If the service refuses it, send the video as a file.`, { provider: providerLabel(providerId) });
      }
      if (duration !== undefined) {
        const sample = frameListFor(video);
        if (sample.times.length < videoLimits.minFrameList) {
          const neededFps = Math.min(videoLimits.maxFps, Math.ceil((videoLimits.minFrameList / duration) * 10) / 10);
          error(
            "frame-count",
            `At ${video.fps} fps this video gives ${sample.times.length} frame${sample.times.length === 1 ? "" : "s"}; a frame list needs at least ${videoLimits.minFrameList}. Raise fps to ${neededFps} or more${video.maxFrames < videoLimits.minFrameList ? ` and max_frames to ${videoLimits.minFrameList}` : ""}, or send it as a file.`,
            { fps: String(video.fps), count: String(sample.times.length), plural: sample.times.length === 1 ? "no" : "yes", min: String(videoLimits.minFrameList), neededFps: String(neededFps), raiseMaxFrames: video.maxFrames < videoLimits.minFrameList ? "yes" : "no" },
            [{ kind: "send-as-file" }],
          );
        }
      }
    } else {
      const encoded = dataUrlLength(video);
      if (upload) delivery = { kind: "uploaded", fileId: upload.fileId };
      else if (encoded >= limits.maxVideoBase64Bytes) {
        if (limits.maxUploadBytes !== undefined && video.bytes <= limits.maxUploadBytes) {
          delivery = { kind: "needs-upload" };
          info("upload", `As base64 the video would be ${formatBytes(encoded)} (the limit is under ${formatBytes(limits.maxVideoBase64Bytes)}), so it is uploaded to ${providerLabel(providerId)}'s files API and sent as an ms:// file id.`, { size: formatBytes(encoded), limit: formatBytes(limits.maxVideoBase64Bytes), provider: providerLabel(providerId) });
        } else {
          delivery = { kind: "blocked" };
          const fixes: MediaFix[] = [];
          if (video.decodable && limits.frameList !== "unsupported") fixes.push({ kind: "send-as-frames" });
          if (limits.maxUploadBytes === undefined) fixes.push({ kind: "switch-provider", providerId: "moonshot", label: providerLabel("moonshot") });
          error(
            "video-size",
            limits.maxUploadBytes !== undefined
              ? `The video is ${formatBytes(video.bytes)}; ${providerLabel(providerId)}'s files API takes at most ${formatBytes(limits.maxUploadBytes)}. Compress or shorten it, or send it as frames.`
              : `As base64 the video would be ${formatBytes(encoded)}; ${providerLabel(providerId)} takes video files under ${formatBytes(limits.maxVideoBase64Bytes)} and has no upload the workbench can use. Send it as frames, compress it, or switch to the Moonshot API (which takes uploads up to ${formatBytes(providerMediaLimits.moonshot.maxUploadBytes ?? 0)}).`,
            {
              upload: limits.maxUploadBytes !== undefined ? "yes" : "no",
              size: formatBytes(limits.maxUploadBytes !== undefined ? video.bytes : encoded),
              provider: providerLabel(providerId),
              max: formatBytes(limits.maxUploadBytes ?? limits.maxVideoBase64Bytes),
              moonshotMax: formatBytes(providerMediaLimits.moonshot.maxUploadBytes ?? 0),
            },
            fixes,
          );
        }
      }
      if (!limits.honoursMaxFrames && duration !== undefined) {
        const uncapped = frameListFor({ durationSeconds: duration, fps: video.fps, maxFrames: videoLimits.maxMaxFrames }).times.length;
        if (video.maxFrames < uncapped) {
          warning(
            "max-frames-ignored",
            `${providerLabel(providerId)} ignores max_frames for a video file (only DashScope's native API takes it), so the model will see ${uncapped} frames, not ${video.maxFrames}. Send it as frames to enforce the cap.`,
            { provider: providerLabel(providerId), uncapped: String(uncapped), maxFrames: String(video.maxFrames) },
            video.decodable && limits.frameList !== "unsupported" ? [{ kind: "send-as-frames" }] : [],
          );
        }
      }
    }
  }
  if (issues.some((issue) => issue.severity === "error")) delivery = { kind: "blocked" };
  return { issues, delivery };
}

// A JPEG frame at MoonViT's size is rarely larger than this per pixel; used before frames exist.
const jpegBytesPerPixel = 0.25;

/** Bytes media adds to a request body on a provider: inline files as base64, frames as base64 JPEGs. */
export function inlineMediaBytes({ attachments, providerId }: { attachments: readonly MediaAttachment[]; providerId: ProviderId }): number {
  let total = 0;
  for (const attachment of attachments) {
    if (attachment.kind === "video" && attachment.delivery === "frames") {
      const count = frameListFor(attachment).times.length;
      const extracted = attachment.frames && attachment.frames.fps === attachment.fps && attachment.frames.maxFrames === attachment.maxFrames ? attachment.frames : undefined;
      const frameBytes = extracted?.bytes !== undefined ? extracted.bytes / Math.max(1, extracted.blobKeys.length) : (attachment.width ?? 0) * (attachment.height ?? 0) * jpegBytesPerPixel;
      total += count * dataUrlLength({ bytes: frameBytes, mediaType: "image/jpeg" });
      continue;
    }
    if (attachment.upload?.providerId === providerId) continue;
    total += dataUrlLength(attachment);
  }
  return total;
}

/**
 * Whether a whole request fits: the provider's documented body limit and the gateway's own. Media of
 * earlier messages counts too (the history is sent again with every request).
 */
export function checkRequestSize({ requestBytes, providerId, gatewayMaxBytes }: { requestBytes: number; providerId: ProviderId; gatewayMaxBytes: number | undefined }): { message: string; values: Record<string, string> } | undefined {
  const providerMax = providerMediaLimits[providerId].maxRequestBytes;
  const limits = [
    ...(providerMax !== undefined ? [{ bytes: providerMax, limit: "provider", who: `${providerLabel(providerId)} takes requests up to ${formatBytes(providerMax)}` }] : []),
    ...(gatewayMaxBytes !== undefined ? [{ bytes: gatewayMaxBytes, limit: "gateway", who: `this server takes request bodies up to ${formatBytes(gatewayMaxBytes)} (GATEWAY_MAX_BODY_MB)` }] : []),
  ];
  const tightest = limits.sort((a, b) => a.bytes - b.bytes)[0];
  if (!tightest || requestBytes <= tightest.bytes) return undefined;
  return {
    message: `The request would be about ${formatBytes(requestBytes)}; ${tightest.who}. Upload large files (Moonshot's files API), send videos as frames at a lower fps, downscale images, or start a new conversation (media of earlier messages is sent again with the history).`,
    values: { size: formatBytes(requestBytes), limit: tightest.limit, provider: providerLabel(providerId), max: formatBytes(tightest.bytes) },
  };
}
