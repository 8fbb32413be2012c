import type { FinishReason } from "./chat-response";

/**
 * Maps provider finish reasons onto OpenAI's: DashScope sends the string "null" while streaming and
 * `function_call` / `max_tokens` in older shapes; Moonshot's content filter says `sensitive`.
 */
export function mapFinishReason(value: string | null | undefined): FinishReason | null {
  if (value === null || value === undefined || value === "" || value === "null") return null;
  if (value === "function_call") return "tool_calls";
  if (value === "max_tokens") return "length";
  if (value === "sensitive") return "content_filter";
  return value;
}
