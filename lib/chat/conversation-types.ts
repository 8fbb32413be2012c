import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { ToolCall, Usage } from "@/lib/gateway/chat-wire";

/** A message the user wrote. */
export interface UserTurn {
  id: string;
  role: "user";
  content: string;
  createdAt: number;
}

/** Time measurements of one answer, taken from the stream in the browser. */
export interface TurnTimings {
  /** From sending the request to the first reasoning or answer token. */
  firstTokenMs?: number;
  /** From the first reasoning token to the first answer token (or the end). */
  thinkingMs?: number;
  /** From sending the request to the end of the stream. */
  totalMs?: number;
  /** Completion tokens per second, measured from the first token to the end. */
  tokensPerSecond?: number;
}

/** An error shown in place of (or after part of) an answer. */
export interface TurnError {
  status?: number;
  type: string;
  message: string;
}

/** An answer from the model. */
export interface AssistantTurn {
  id: string;
  role: "assistant";
  providerId: ProviderId;
  model: string;
  content: string;
  reasoning: string;
  toolCalls?: ToolCall[];
  /** `interrupted`: the page was reloaded while it streamed. */
  status: "streaming" | "done" | "stopped" | "error" | "interrupted";
  finishReason?: string | null;
  usage?: Usage;
  timings?: TurnTimings;
  error?: TurnError;
  /** Upstream attempts the gateway needed (retries before the first byte). */
  attempts?: number;
  createdAt: number;
}

/** One entry of the conversation. */
export type Turn = UserTurn | AssistantTurn;

/** The user's thinking choice: the model's default, or forced on/off. */
export type ThinkingChoice = "default" | "on" | "off";

/** The conversation on screen, with the settings it is sent with. */
export interface Conversation {
  id: string;
  providerId: ProviderId;
  model: string;
  systemPrompt: string;
  thinking: ThinkingChoice;
  turns: Turn[];
  updatedAt: number;
}
