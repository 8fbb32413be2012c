import "@/lib/wire/zod-browser";
import { z } from "zod";
import type { UpstreamFailure } from "./failure";

// What an adapter hands the gateway while a stream is open. Every upstream (Moonshot, DashScope in
// both modes, vLLM, SGLang, the simulator) is read into OpenAI-style chunks, leniently: any field
// may be missing or null and unknown fields are kept; the gateway's normalizer does the rest.

const count = z.number().nullish();

/** Usage as any OpenAI-style upstream reports it. */
export const lenientUsageSchema = z.looseObject({
  prompt_tokens: count,
  completion_tokens: count,
  total_tokens: count,
  cached_tokens: count,
  prompt_tokens_details: z
    .looseObject({ cached_tokens: count, text_tokens: count, image_tokens: count, video_tokens: count })
    .nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: count }).nullish(),
});

/** Usage, leniently parsed. */
export type LenientUsage = z.infer<typeof lenientUsageSchema>;

const lenientToolCallDeltaSchema = z.looseObject({
  index: z.number().int().nullish(),
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});

/** A tool-call fragment, leniently parsed (`index` may be missing, `id` may be ""). */
export type LenientToolCallDelta = z.infer<typeof lenientToolCallDeltaSchema>;

const lenientDeltaSchema = z.looseObject({
  role: z.string().nullish(),
  content: z.string().nullish(),
  reasoning_content: z.string().nullish(),
  // vLLM ≥ 0.11 and OpenRouter name the field `reasoning`.
  reasoning: z.string().nullish(),
  tool_calls: z.array(lenientToolCallDeltaSchema).nullish(),
});

const lenientChunkChoiceSchema = z.looseObject({
  index: z.number().int().nullish(),
  delta: lenientDeltaSchema.nullish(),
  finish_reason: z.string().nullish(),
  // Moonshot puts usage inside the finishing choice.
  usage: lenientUsageSchema.nullish(),
});

/** A streamed chunk as an upstream sends it. */
export const lenientChunkSchema = z.looseObject({
  id: z.string().nullish(),
  object: z.string().nullish(),
  created: z.number().nullish(),
  model: z.string().nullish(),
  choices: z.array(lenientChunkChoiceSchema).nullish(),
  usage: lenientUsageSchema.nullish(),
});

/** A streamed chunk, leniently parsed. */
export type LenientChunk = z.infer<typeof lenientChunkSchema>;


/** What an adapter yields while a stream is open: OpenAI-style chunks, an error, or the end. */
export type StreamPart =
  | { type: "chunk"; chunk: LenientChunk }
  | { type: "error"; failure: UpstreamFailure }
  /** `complete` is false when the body ended without the provider's end marker. */
  | { type: "end"; complete: boolean };
