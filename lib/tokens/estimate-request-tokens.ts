import type { ChatRequest } from "@/lib/gateway/chat-wire";
import { parseDataUrl, readImageInfo } from "@/lib/media/image-dimensions";
import { countPromptTokens, type CountablePart, type PromptTokenBreakdown } from "./prompt-tokens";
import { loadTextTokenizer } from "./text-tokenizer";
import { framePatchLimit, framesPerChunk, mediaMarkerTokens, visionTokensForImage } from "./vision-tokens";

/** A local (approximate) token count with what it could not measure. */
export interface LocalEstimate {
  breakdown: PromptTokenBreakdown;
  /** Parts the estimate could not size (remote URLs, uploaded files, video files). */
  notes: string[];
}

function imageSize(url: string): { width: number; height: number } | undefined {
  const dataUrl = parseDataUrl(url);
  if (!dataUrl) return undefined;
  return readImageInfo(Buffer.from(dataUrl.base64.slice(0, 1_400_000), "base64"));
}

/** Estimates prompt tokens locally: BPE for text, MoonViT rules for images and frame lists. */
export async function estimateRequestTokens({ request, preservedThinking }: { request: ChatRequest; preservedThinking: boolean }): Promise<LocalEstimate> {
  const notes: string[] = [];
  const result = countPromptTokens<never>({
    messages: request.messages,
    tools: request.tools,
    tokenizer: await loadTextTokenizer(),
    preservedThinking,
    mediaTokens: (part: CountablePart) => {
      if (part.type === "image_url") {
        const url = (part as { image_url?: { url?: string } }).image_url?.url ?? "";
        const size = imageSize(url);
        if (!size) notes.push("An image given by URL or file id was not sized; it counts as 0 here.");
        return { ok: true, tokens: size ? visionTokensForImage(size) + mediaMarkerTokens : 0 };
      }
      if (part.type === "video") {
        const frames = (part as { video?: string[] }).video ?? [];
        let tokens = 0;
        for (let start = 0; start < frames.length; start += framesPerChunk) {
          const size = imageSize(frames[start] ?? "");
          if (size) tokens += visionTokensForImage({ ...size, patchLimit: framePatchLimit }) + mediaMarkerTokens;
        }
        return { ok: true, tokens };
      }
      notes.push("A video file was not sized on the server; the workbench page estimates it from its frames.");
      return { ok: true, tokens: 0 };
    },
  });
  // The media callback never refuses, so the count always succeeds.
  if (!result.ok) throw new Error("unreachable");
  return { breakdown: result.breakdown, notes: [...new Set(notes)] };
}
