import { z } from "zod";
import { lenientUsageSchema } from "@/lib/wire/upstream-chunk";

// Lenient schemas for the rest of what OpenAI-style upstreams send: complete answers and errors.

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
