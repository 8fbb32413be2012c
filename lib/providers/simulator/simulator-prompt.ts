import { precountTokenizer } from "@/lib/tokens/responsive-count";
import type { ModelSpec } from "@/lib/catalog/catalog-types";
import { providerMediaLimits } from "@/lib/catalog/media-limits";
import { parseDataUrl } from "@/lib/media/image-dimensions";
import { mediaPartTokens, type MediaPart } from "@/lib/tokens/media-part-tokens";
import { countPromptTokens, type CountablePart, type PromptTokenBreakdown } from "@/lib/tokens/prompt-tokens";
import type { TextTokenizer } from "@/lib/tokens/text-tokenizer";
import { fileNotFound, findFile } from "./simulator-files";
import { invalidRequest, messageText, type SimulatorError, type SimulatorMessage, type SimulatorRequest } from "./simulator-request";

// The simulator stands in for the Moonshot API, so Moonshot's media limits apply.
const limits = providerMediaLimits.moonshot;

/** The bytes behind a data URL or an `ms://` id of the simulator's files API. */
function readMediaUrl({ url, what, owner }: { url: string; what: string; owner: string }): { ok: true; bytes: Uint8Array; mediaType: string } | { ok: false; error: SimulatorError } {
  if (url.startsWith("ms://")) {
    // Only the caller's own files: an ms:// id of another key's upload does not exist for this one.
    const file = findFile({ id: url.slice("ms://".length), owner });
    if (!file) return { ok: false, error: fileNotFound(url.slice("ms://".length)) };
    return { ok: true, bytes: file.bytes, mediaType: file.mediaType };
  }
  const dataUrl = parseDataUrl(url);
  if (!dataUrl) {
    return { ok: false, error: invalidRequest(`Invalid request: ${what} must be a base64 data URL or an ms:// file id; http(s) URLs are not supported`) };
  }
  if (what === "video_url.url" && url.length >= limits.maxVideoBase64Bytes) {
    return { ok: false, error: invalidRequest(`Invalid request: a base64 video must be under ${limits.maxVideoBase64Bytes / 1024 / 1024}MB; upload larger videos with purpose "video" and send the ms:// file id`) };
  }
  return { ok: true, bytes: Buffer.from(dataUrl.base64, "base64"), mediaType: dataUrl.mediaType };
}

/** Media tokens as the simulator bills them, refusing what Moonshot refuses. */
function simulatorMediaTokens({ part, spec, owner }: { part: MediaPart; spec: ModelSpec; owner: string }): { ok: true; tokens: number } | { ok: false; error: SimulatorError } {
  const kind = part.type === "image_url" ? "image" : part.type === "video" || part.type === "video_url" ? "video" : undefined;
  if (kind && !spec.input.includes(kind)) {
    return { ok: false, error: invalidRequest(`Invalid request: model ${spec.id} does not support ${kind} input`) };
  }
  // Moonshot takes no max_frames: the simulator samples every video file at fps up to 2000 frames.
  return mediaPartTokens({ part, readUrl: (url: string, what: string) => readMediaUrl({ url, what, owner }), makeError: invalidRequest, imageFormats: limits.imageFormats, honoursMaxFrames: false });
}

/** Prompt tokens as the simulator bills them (the shared rules in lib/tokens, Moonshot's media limits). */
export function countSimulatorPrompt({
  request,
  spec,
  tokenizer,
  preservedThinking,
  owner,
}: {
  request: SimulatorRequest;
  spec: ModelSpec;
  tokenizer: TextTokenizer;
  preservedThinking: boolean;
  /** Whose uploaded files `ms://` ids may name (see fileOwnerOf). */
  owner: string;
}): { ok: true; breakdown: PromptTokenBreakdown } | { ok: false; error: SimulatorError } {
  return countPromptTokens({
    messages: request.messages,
    tools: request.tools,
    tokenizer,
    preservedThinking,
    mediaTokens: (part: CountablePart) => simulatorMediaTokens({ part: part as MediaPart, spec, owner }),
  });
}

/** A tokenizer with the prompt's texts counted ahead without holding the event loop (see precountTokenizer). */
export async function precountSimulatorPrompt({ request, spec, tokenizer, preservedThinking, owner }: { request: SimulatorRequest; spec: ModelSpec; tokenizer: TextTokenizer; preservedThinking: boolean; owner: string }): Promise<TextTokenizer> {
  const precounted = await precountTokenizer({ tokenizer, record: (recorder) => void countSimulatorPrompt({ request, spec, tokenizer: recorder, preservedThinking, owner }), deadlineMs: 2_000 });
  return precounted.tokenizer;
}

/** The last user message's text, which the simulator answers. */
export function lastUserText(messages: readonly SimulatorMessage[]): string {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index]!;
    if (message.role === "user") return messageText(message.content);
  }
  return "";
}
