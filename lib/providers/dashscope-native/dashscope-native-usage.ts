import { z } from "zod";
import type { LenientUsage } from "@/lib/wire/upstream-chunk";

const count = z.number().nullish();

/** Usage as the native API reports it (cumulative in every stream event; 2024 and 2025+ shapes). */
export const nativeUsageSchema = z.looseObject({
  input_tokens: count,
  output_tokens: count,
  total_tokens: count,
  image_tokens: count,
  video_tokens: count,
  input_tokens_details: z.looseObject({ text_tokens: count, image_tokens: count, video_tokens: count, cached_tokens: count }).nullish(),
  output_tokens_details: z.looseObject({ reasoning_tokens: count, text_tokens: count }).nullish(),
  prompt_tokens_details: z.looseObject({ cached_tokens: count }).nullish(),
});

/** Native usage, leniently parsed. */
export type NativeUsage = z.infer<typeof nativeUsageSchema>;

/** Native usage in OpenAI's field names, ready for the shared normalizer. */
export function toOpenAiStyleUsage(usage: NativeUsage): LenientUsage {
  const details = usage.input_tokens_details;
  return {
    prompt_tokens: usage.input_tokens,
    completion_tokens: usage.output_tokens,
    total_tokens: usage.total_tokens,
    prompt_tokens_details: {
      cached_tokens: usage.prompt_tokens_details?.cached_tokens ?? details?.cached_tokens,
      text_tokens: details?.text_tokens,
      image_tokens: details?.image_tokens ?? usage.image_tokens,
      video_tokens: details?.video_tokens ?? usage.video_tokens,
    },
    completion_tokens_details: { reasoning_tokens: usage.output_tokens_details?.reasoning_tokens },
  };
}
