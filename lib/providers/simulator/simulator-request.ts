import { z } from "zod";

/** A Moonshot-shaped error the simulator answers with. */
export interface SimulatorError {
  status: number;
  type: string;
  message: string;
}

/** Builds a Moonshot-shaped error response: `{"error":{"message","type"}}`. */
export function simulatorErrorResponse(error: SimulatorError, headers?: HeadersInit): Response {
  return Response.json({ error: { message: error.message, type: error.type } }, { status: error.status, headers });
}

/** Shorthand for Moonshot's `invalid_request_error` (HTTP 400). */
export function invalidRequest(message: string): SimulatorError {
  return { status: 400, type: "invalid_request_error", message };
}

const partSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  image_url: z.looseObject({ url: z.string() }).optional(),
  video_url: z.looseObject({ url: z.string() }).optional(),
  video: z.array(z.string()).optional(),
  fps: z.number().optional(),
  max_frames: z.number().optional(),
});

const toolCallSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});

const messageSchema = z.looseObject({
  role: z.enum(["system", "user", "assistant", "tool"]),
  content: z.union([z.string(), z.array(partSchema)]).nullish(),
  reasoning_content: z.string().nullish(),
  tool_calls: z.array(toolCallSchema).nullish(),
  tool_call_id: z.string().nullish(),
  name: z.string().nullish(),
  partial: z.boolean().nullish(),
});

const toolSchema = z.looseObject({
  type: z.string(),
  function: z.looseObject({ name: z.string(), description: z.string().nullish(), parameters: z.unknown().optional() }),
});

const simulatorRequestSchema = z.looseObject({
  model: z.string(),
  messages: z.array(messageSchema),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  max_tokens: z.number().int().nullish(),
  max_completion_tokens: z.number().int().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  n: z.number().int().nullish(),
  presence_penalty: z.number().nullish(),
  frequency_penalty: z.number().nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  tools: z.array(toolSchema).nullish(),
  tool_choice: z.union([z.string(), z.looseObject({ type: z.string(), function: z.looseObject({ name: z.string() }) })]).nullish(),
  thinking: z.looseObject({ type: z.string(), keep: z.string().nullish() }).nullish(),
  response_format: z.looseObject({ type: z.string(), json_schema: z.unknown().optional() }).nullish(),
  prompt_cache_key: z.string().nullish(),
});

/** A chat request as the simulator reads it. */
export type SimulatorRequest = z.infer<typeof simulatorRequestSchema>;
/** A message as the simulator reads it. */
export type SimulatorMessage = SimulatorRequest["messages"][number];
/** A content part as the simulator reads it. */
export type SimulatorPart = z.infer<typeof partSchema>;
/** A tool definition as the simulator reads it. */
export type SimulatorTool = z.infer<typeof toolSchema>;

/** Parses a request body, or explains what is wrong with it the way Moonshot does. */
export function parseSimulatorRequest(body: unknown): { ok: true; request: SimulatorRequest } | { ok: false; error: SimulatorError } {
  const parsed = simulatorRequestSchema.safeParse(body);
  if (parsed.success) return { ok: true, request: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.join(".") || "body";
  return { ok: false, error: invalidRequest(`Invalid request: ${field}: ${issue?.message ?? "invalid value"}`) };
}

/** The text of a message's content (parts joined; media ignored). */
export function messageText(content: SimulatorMessage["content"]): string {
  if (content === null || content === undefined) return "";
  if (typeof content === "string") return content;
  return content
    .filter((part) => part.type === "text")
    .map((part) => part.text ?? "")
    .join("\n");
}
