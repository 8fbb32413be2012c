// The Kimi dialect of the OpenAI Chat Completions API, response side: what the gateway sends back,
// normalized whatever the upstream sent (docs/kimi-wire-format.md).

import type { ToolCall } from "./chat-request";

/** Token usage, normalized: Moonshot's top-level `cached_tokens` and OpenAI's details both filled. */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cached_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number; text_tokens?: number; image_tokens?: number; video_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number };
}

/** A tool-call fragment in a stream delta; `index` is always present after normalization. */
export interface ToolCallDelta {
  index: number;
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

/** The `finish_reason` values the gateway emits. */
export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter" | (string & {});

/** One streamed chunk, normalized. */
export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: { role?: "assistant"; content?: string | null; reasoning_content?: string | null; tool_calls?: ToolCallDelta[] };
    finish_reason: FinishReason | null;
    [field: string]: unknown;
  }>;
  usage?: Usage;
  [field: string]: unknown;
}

/** A complete (non-streamed) answer, normalized. */
export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: { role: "assistant"; content: string | null; reasoning_content?: string | null; tool_calls?: ToolCall[] };
    finish_reason: FinishReason | null;
    [field: string]: unknown;
  }>;
  usage?: Usage;
  [field: string]: unknown;
}
