import { z } from "zod";

// Lenient schemas for what OpenAI-style upstreams (Moonshot, DashScope compatible mode, vLLM,
// SGLang, the simulator) send: every field may be missing or null, unknown fields are kept.

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

const lenientToolCallSchema = z.looseObject({
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});

/** A complete answer as an upstream sends it. */
export const lenientCompletionSchema = z.looseObject({
  id: z.string().nullish(),
  object: z.string().nullish(),
  created: z.number().nullish(),
  model: z.string().nullish(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().int().nullish(),
        message: z
          .looseObject({
            role: z.string().nullish(),
            content: z.string().nullish(),
            reasoning_content: z.string().nullish(),
            reasoning: z.string().nullish(),
            tool_calls: z.array(lenientToolCallSchema).nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: lenientUsageSchema.nullish(),
});

/** A complete answer, leniently parsed. */
export type LenientCompletion = z.infer<typeof lenientCompletionSchema>;

/** An OpenAI-style error body: `{"error":{...}}`, or a bare `{message, type}` from some servers. */
export const lenientErrorSchema = z.looseObject({
  error: z
    .union([
      z.looseObject({
        message: z.string().nullish(),
        type: z.string().nullish(),
        code: z.union([z.string(), z.number()]).nullish(),
      }),
      z.string(),
    ])
    .nullish(),
  message: z.string().nullish(),
  type: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
  detail: z.unknown().optional(),
  request_id: z.string().nullish(),
});
