import type { ModelSpec } from "@/lib/catalog/catalog-types";
import { parseDataUrl, readImageInfo, type ImageInfo } from "@/lib/media/image-dimensions";
import { countPromptTokens, type CountablePart, type PromptTokenBreakdown } from "@/lib/tokens/prompt-tokens";
import type { TextTokenizer } from "@/lib/tokens/text-tokenizer";
import { framePatchLimit, framesPerChunk, mediaMarkerTokens, visionTokensForImage } from "@/lib/tokens/vision-tokens";
import { invalidRequest, messageText, type SimulatorError, type SimulatorMessage, type SimulatorPart, type SimulatorRequest } from "./simulator-request";

const moonshotImageFormats = new Set(["png", "jpeg", "webp", "gif"]);
// Each video chunk carries an hh:mm:ss.fff timestamp before its media markers.
const timestampTokens = 6;

function readImage({ url, what }: { url: string; what: string }): { ok: true; info: ImageInfo } | { ok: false; error: SimulatorError } {
  if (url.startsWith("ms://")) {
    return { ok: false, error: { status: 404, type: "resource_not_found_error", message: `Not found the file ${url.slice(5)} or Permission denied` } };
  }
  const dataUrl = parseDataUrl(url);
  if (!dataUrl) {
    return { ok: false, error: invalidRequest(`Invalid request: ${what} must be a base64 data URL or an ms:// file id; http(s) URLs are not supported`) };
  }
  const bytes = Buffer.from(dataUrl.base64.slice(0, 1_400_000), "base64");
  const info = readImageInfo(bytes);
  if (!info || !moonshotImageFormats.has(info.format)) {
    return { ok: false, error: invalidRequest(`Invalid request: unsupported image format: ${info?.format ?? (dataUrl.mediaType || "unknown")}`) };
  }
  if (info.width <= 10 || info.height <= 10) {
    return { ok: false, error: invalidRequest(`Invalid request: image is ${info.width}×${info.height}; each side must be larger than 10 px`) };
  }
  if (Math.max(info.width, info.height) / Math.min(info.width, info.height) > 200) {
    return { ok: false, error: invalidRequest(`Invalid request: image aspect ratio ${info.width}:${info.height} exceeds 200:1`) };
  }
  return { ok: true, info };
}

/** Media tokens as the simulator bills them, refusing what Moonshot refuses. */
function simulatorMediaTokens({ part, spec }: { part: SimulatorPart; spec: ModelSpec }): { ok: true; tokens: number } | { ok: false; error: SimulatorError } {
  switch (part.type) {
    case "image_url": {
      if (!spec.input.includes("image")) return { ok: false, error: invalidRequest(`Invalid request: model ${spec.id} does not support image input`) };
      const image = readImage({ url: part.image_url?.url ?? "", what: "image_url.url" });
      return image.ok ? { ok: true, tokens: visionTokensForImage(image.info) + mediaMarkerTokens } : image;
    }
    case "video": {
      if (!spec.input.includes("video")) return { ok: false, error: invalidRequest(`Invalid request: model ${spec.id} does not support video input`) };
      const frames = part.video ?? [];
      if (frames.length < 4 || frames.length > 2000) {
        return { ok: false, error: invalidRequest(`Invalid request: a video sent as frames needs 4 to 2000 images, got ${frames.length}`) };
      }
      let tokens = 0;
      // Each chunk of four frames is pooled into one frame's worth of tokens.
      for (let start = 0; start < frames.length; start += framesPerChunk) {
        const image = readImage({ url: frames[start]!, what: "video frame" });
        if (!image.ok) return image;
        tokens += visionTokensForImage({ ...image.info, patchLimit: framePatchLimit }) + mediaMarkerTokens + timestampTokens;
      }
      return { ok: true, tokens };
    }
    case "video_url":
      if (!spec.input.includes("video")) return { ok: false, error: invalidRequest(`Invalid request: model ${spec.id} does not support video input`) };
      return {
        ok: false,
        error: invalidRequest('Invalid request: the simulator cannot decode video files yet; send the video as frames ({"type":"video","video":[...]})'),
      };
    default:
      return { ok: false, error: invalidRequest(`Invalid request: unknown content part type ${part.type}`) };
  }
}

/** Prompt tokens as the simulator bills them (the shared rules in lib/tokens, Moonshot's media limits). */
export function countSimulatorPrompt({
  request,
  spec,
  tokenizer,
  preservedThinking,
}: {
  request: SimulatorRequest;
  spec: ModelSpec;
  tokenizer: TextTokenizer;
  preservedThinking: boolean;
}): { ok: true; breakdown: PromptTokenBreakdown } | { ok: false; error: SimulatorError } {
  return countPromptTokens({
    messages: request.messages,
    tools: request.tools,
    tokenizer,
    preservedThinking,
    mediaTokens: (part: CountablePart) => simulatorMediaTokens({ part: part as SimulatorPart, spec }),
  });
}

/** The last user message's text, which the simulator answers. */
export function lastUserText(messages: readonly SimulatorMessage[]): string {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index]!;
    if (message.role === "user") return messageText(message.content);
  }
  return "";
}
