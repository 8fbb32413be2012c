import "@/lib/wire/zod-browser";
import { z } from "zod";
import type { ChatRequest } from "./chat-request";
import { describeSchemaIssue, toSchemaIssues, type SchemaIssue } from "./schema-issues";
import { videoLimits } from "./video-limits";

// What the gateway accepts for chat completions and token counts, and what the JSON view checks:
// known fields are typed and required fields enforced; provider-specific fields (top-level and
// beside media parts) pass through untouched.

const fpsSchema = z
  .number()
  .min(videoLimits.minFps, `fps must be at least ${videoLimits.minFps}`)
  .max(videoLimits.maxFps, `fps must be at most ${videoLimits.maxFps}`);

const textPart = z.looseObject({ type: z.literal("text"), text: z.string() });
const imageUrlPart = z.looseObject({
  type: z.literal("image_url"),
  image_url: z.looseObject({ url: z.string().min(1, "image_url.url must not be empty"), detail: z.string().optional() }),
});
const videoUrlPart = z.looseObject({
  type: z.literal("video_url"),
  video_url: z.looseObject({ url: z.string().min(1, "video_url.url must not be empty") }),
  fps: fpsSchema.optional(),
  max_frames: z
    .number()
    .int()
    .min(videoLimits.minMaxFrames)
    .max(videoLimits.maxMaxFrames, `max_frames must be at most ${videoLimits.maxMaxFrames}`)
    .optional(),
});
const videoFramesPart = z.looseObject({
  type: z.literal("video"),
  video: z.array(z.string().min(1)).min(1, "video needs at least one frame"),
  fps: fpsSchema.optional(),
});
const contentPart = z.discriminatedUnion("type", [textPart, imageUrlPart, videoUrlPart, videoFramesPart]);
const content = z.union([z.string(), z.array(contentPart)]);
const toolCall = z.looseObject({
  id: z.string(),
  type: z.string(),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});

const message = z.discriminatedUnion("role", [
  z.looseObject({ role: z.literal("system"), content, name: z.string().optional() }),
  z.looseObject({ role: z.literal("user"), content, name: z.string().optional() }),
  z.looseObject({
    role: z.literal("assistant"),
    content: content.nullish(),
    reasoning_content: z.string().nullish(),
    tool_calls: z.array(toolCall).optional(),
    partial: z.boolean().optional(),
    name: z.string().optional(),
  }),
  z.looseObject({ role: z.literal("tool"), content, tool_call_id: z.string(), name: z.string().optional() }),
]);

const tool = z.looseObject({
  type: z.string(),
  function: z.looseObject({
    name: z.string(),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().optional(),
  }),
});

/** The chat request body the gateway accepts (also the token-count body). */
export const chatRequestSchema = z.looseObject({
  model: z.string().min(1, "model is required"),
  messages: z.array(message).min(1, "messages must contain at least one message"),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().positive().optional(),
  max_completion_tokens: z.number().int().positive().optional(),
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  n: z.number().int().positive().optional(),
  presence_penalty: z.number().optional(),
  frequency_penalty: z.number().optional(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  response_format: z.looseObject({ type: z.string(), json_schema: z.unknown().optional() }).nullish(),
  tools: z.array(tool).optional(),
  tool_choice: z.union([z.string(), z.looseObject({ type: z.string(), function: z.looseObject({ name: z.string() }) })]).nullish(),
  thinking: z
    .looseObject({
      type: z.enum(["enabled", "disabled"]),
      keep: z.literal("all").nullish(),
      budget_tokens: z.number().int().positive().optional(),
    })
    .nullish(),
  enable_thinking: z.boolean().optional(),
  preserve_thinking: z.boolean().optional(),
  thinking_budget: z.number().int().positive().optional(),
  prompt_cache_key: z.string().optional(),
});

/**
 * Validates a chat body. A refusal carries every issue with its path (for marks in the JSON view)
 * and a message naming the first field and its problem (for API clients).
 */
export function parseChatRequest(body: unknown): { ok: true; request: ChatRequest } | { ok: false; message: string; issues: SchemaIssue[] } {
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, message: `Invalid request body: ${describeSchemaIssue(parsed.error.issues)}`, issues: toSchemaIssues(parsed.error.issues) };
  return { ok: true, request: parsed.data };
}
