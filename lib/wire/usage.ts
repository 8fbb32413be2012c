import type { LenientUsage } from "./upstream-chunk";
import type { Usage } from "./chat-response";

/**
 * One usage shape for every provider: Moonshot's top-level `cached_tokens` and OpenAI's
 * `prompt_tokens_details.cached_tokens` are both filled when either is known; absent stays absent.
 */
export function normalizeUsage(usage: LenientUsage): Usage {
  const promptTokens = usage.prompt_tokens ?? 0;
  const completionTokens = usage.completion_tokens ?? 0;
  const cachedTokens = usage.cached_tokens ?? usage.prompt_tokens_details?.cached_tokens ?? undefined;
  const reasoningTokens = usage.completion_tokens_details?.reasoning_tokens ?? undefined;
  const details = usage.prompt_tokens_details;
  const promptDetails: NonNullable<Usage["prompt_tokens_details"]> = {};
  if (cachedTokens != null) promptDetails.cached_tokens = cachedTokens;
  if (details?.text_tokens != null) promptDetails.text_tokens = details.text_tokens;
  if (details?.image_tokens != null) promptDetails.image_tokens = details.image_tokens;
  if (details?.video_tokens != null) promptDetails.video_tokens = details.video_tokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: usage.total_tokens ?? promptTokens + completionTokens,
    ...(cachedTokens != null ? { cached_tokens: cachedTokens } : {}),
    ...(Object.keys(promptDetails).length > 0 ? { prompt_tokens_details: promptDetails } : {}),
    ...(reasoningTokens != null ? { completion_tokens_details: { reasoning_tokens: reasoningTokens } } : {}),
  };
}
