// The Kimi dialect of the OpenAI Chat Completions API, request side: what the gateway accepts from
// clients whatever the upstream provider speaks (docs/kimi-wire-format.md).

/** A text content part. */
export interface TextPart {
  type: "text";
  text: string;
}

/** An image as a data URL, `ms://` file id, or (DashScope) http(s) URL. */
export interface ImageUrlPart {
  type: "image_url";
  image_url: { url: string; detail?: string };
}

/** A video file; `fps` and `max_frames` sit beside `video_url`, as the providers document. */
export interface VideoUrlPart {
  type: "video_url";
  video_url: { url: string };
  fps?: number;
  max_frames?: number;
}

/** A video sent as a list of frames (4 – 2000 images). */
export interface VideoFramesPart {
  type: "video";
  video: string[];
  fps?: number;
}

/** Any content part of a message. */
export type ContentPart = TextPart | ImageUrlPart | VideoUrlPart | VideoFramesPart;

/** Message content: plain text or parts. */
export type MessageContent = string | ContentPart[];

/** A tool call made by the model; `type` is `builtin_function` for Kimi builtins like `$web_search`. */
export interface ToolCall {
  id: string;
  type: string;
  function: { name: string; arguments: string };
}

/** A message in the conversation sent to the model. */
export type ChatMessage =
  | { role: "system"; content: MessageContent; name?: string }
  | { role: "user"; content: MessageContent; name?: string }
  | {
      role: "assistant";
      content?: MessageContent | null;
      reasoning_content?: string | null;
      tool_calls?: ToolCall[];
      partial?: boolean;
      name?: string;
    }
  | { role: "tool"; content: MessageContent; tool_call_id: string; name?: string };

/** A tool the model may call. */
export interface ToolDefinition {
  type: string;
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

/** Moonshot's thinking switch. */
export interface ThinkingOption {
  type: "enabled" | "disabled";
  keep?: "all" | null;
  budget_tokens?: number;
}

/** A chat request as a client sends it to the gateway (provider-specific fields pass through). */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean } | null;
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
  top_p?: number;
  n?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  stop?: string | string[] | null;
  response_format?: { type: string; json_schema?: unknown } | null;
  tools?: ToolDefinition[];
  tool_choice?: string | { type: string; function: { name: string } } | null;
  thinking?: ThinkingOption | null;
  enable_thinking?: boolean;
  preserve_thinking?: boolean;
  thinking_budget?: number;
  prompt_cache_key?: string;
  [field: string]: unknown;
}

/** Something the workbench or the gateway does to a request beyond what the user set, and why (shown in the preview). */
export interface RequestAdjustment {
  kind: "added" | "changed" | "dropped";
  field: string;
  /** Why, in English; the page words it from `adjustments.<code>` with `values`. */
  reason: string;
  code?: string;
  values?: Record<string, string>;
}
