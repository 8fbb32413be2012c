import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { ChatRequest } from "@/lib/wire/chat-request";
import { parseDataUrl } from "@/lib/media/image-dimensions";
import { providerMediaLimits } from "@/lib/catalog/media-limits";
import { mediaPartTokens, type MediaPart } from "./media-part-tokens";
import { countPromptTokens, type CountablePart, type PromptTokenBreakdown } from "./prompt-tokens";
import { approximationNote, precountTokenizer } from "./responsive-count";
import { loadTextTokenizer, type TextTokenizer } from "./text-tokenizer";

/** How long the server counts a prompt before sizing the rest by length. */
export const serverCountDeadlineMs = 2_000;

/** A local (approximate) token count with what it could not measure. */
export interface LocalEstimate {
  breakdown: PromptTokenBreakdown;
  /** Parts the estimate could not size (remote URLs, uploaded files, unreadable media). */
  notes: string[];
}

const anyImageFormat = ["png", "jpeg", "webp", "gif", "bmp"];

function readDataUrl(url: string): { ok: true; bytes: Uint8Array; mediaType: string } | { ok: false; error: string } {
  if (url.startsWith("ms://")) return { ok: false, error: "A file given by ms:// id was not sized (the estimate cannot read the provider's files); it counts as 0 here." };
  const dataUrl = parseDataUrl(url);
  if (!dataUrl) return { ok: false, error: "Media given by URL was not sized; it counts as 0 here." };
  return { ok: true, bytes: Buffer.from(dataUrl.base64, "base64"), mediaType: dataUrl.mediaType };
}

/** Estimates prompt tokens locally: BPE for text, MoonViT rules for images, frame lists and video files. */
export async function estimateRequestTokens({
  request,
  providerId,
  preservedThinking,
}: {
  request: ChatRequest;
  providerId: ProviderId;
  preservedThinking: boolean;
}): Promise<LocalEstimate> {
  const notes: string[] = [];
  const count = (tokenizer: TextTokenizer) =>
    countPromptTokens<never>({
    messages: request.messages,
    tools: request.tools,
    tokenizer,
    preservedThinking,
    mediaTokens: (part: CountablePart) => {
      const counted = mediaPartTokens({
        part: part as MediaPart,
        readUrl: readDataUrl,
        makeError: (message) => message,
        imageFormats: anyImageFormat,
        honoursMaxFrames: providerMediaLimits[providerId].honoursMaxFrames,
      });
      if (counted.ok) return counted;
      notes.push(counted.error);
      return { ok: true, tokens: 0 };
    },
  });
  // Counted ahead in slices that yield, within a deadline: a huge prompt never holds the server.
  const precounted = await precountTokenizer({ tokenizer: await loadTextTokenizer(), record: (recorder) => void count(recorder), deadlineMs: serverCountDeadlineMs });
  notes.length = 0;
  const result = count(precounted.tokenizer);
  const approximated = approximationNote(precounted.approximatedCharacters);
  if (approximated) notes.push(approximated);
  // The media callback never refuses, so the count always succeeds.
  if (!result.ok) throw new Error("unreachable");
  return { breakdown: result.breakdown, notes: [...new Set(notes)] };
}
