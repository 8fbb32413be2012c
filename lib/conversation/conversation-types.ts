import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { ToolCall } from "@/lib/wire/chat-request";
import type { Usage } from "@/lib/wire/chat-response";
import type { Attachment } from "./attachment-types";
import type { ReportedError } from "@/lib/wire/chat-stream-events";

/** A message the user wrote, with what they attached to it. */
export interface UserTurn {
  id: string;
  role: "user";
  content: string;
  attachments?: Attachment[];
  /** Earlier and later versions from here on (this message was edited). */
  versions?: TurnVersions;
  createdAt: number;
}

/**
 * The other versions of a conversation from one turn on, kept when Regenerate or Edit replaces it:
 * whole tails (that turn and everything after it), in the order they were made, around the one shown.
 */
export interface TurnVersions {
  before: Turn[][];
  after: Turn[][];
}

/** The prompt-token count the workbench showed before sending, to compare with the usage. */
export interface PromptEstimate {
  tokens: number;
  /** True when it came from the provider's own counting endpoint. */
  exact: boolean;
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
export type TurnError = ReportedError;

/**
 * Partial mode: text the answer must start with, sent as a last assistant message with
 * `partial: true` (and an optional speaker `name`); the model continues it without repeating it.
 */
export interface AssistantPrefix {
  content: string;
  name?: string;
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
  /** What the workbench estimated the prompt at when it sent the request. */
  promptEstimate?: PromptEstimate;
  /** The prefix it continues (partial mode); `content` holds only the continuation, shown joined. */
  prefix?: AssistantPrefix;
  /** Further choices when the request asked for `n` > 1 (the first is `content` / `reasoning`). */
  otherChoices?: Array<{ content: string; reasoning: string; finishReason: string | null }>;
  /** Earlier and later versions from here on (this answer was regenerated). */
  versions?: TurnVersions;
  createdAt: number;
}

/** Who produced a tool result the user did not type: Kimi's web search, an official tool, or a mock. */
export type ToolResultSource = "web-search" | "official-tool" | "mock";

/** A tool's result, in answer to a tool call: written by the user, or produced by the workbench. */
export interface ToolTurn {
  id: string;
  role: "tool";
  toolCallId: string;
  name?: string;
  content: string;
  /** Set when the workbench answered the call by itself. */
  source?: ToolResultSource;
  /** What produced it: the formula URI and fiber id, or that a run failed. */
  detail?: string;
  createdAt: number;
}

/** An official tool (formula) whose functions are in `tools`, and which of them run without asking. */
export interface OfficialTool {
  uri: string;
  toolNames: string[];
  /** Functions the workbench runs by itself when the model calls them. */
  autoRun: string[];
}

/** One entry of the conversation. */
export type Turn = UserTurn | AssistantTurn | ToolTurn;

/**
 * Request parameters as the user set them, in the selected provider's own field names (`thinking`
 * on Moonshot, `enable_thinking` on DashScope, …): the request body minus model and messages.
 */
export type RequestParameters = Record<string, unknown>;

/** The conversation on screen, with the settings it is sent with. */
export interface Conversation {
  id: string;
  providerId: ProviderId;
  model: string;
  systemPrompt: string;
  parameters: RequestParameters;
  /** The message being written (part of the next request). */
  draft: string;
  /** Pictures, videos and documents attached to the message being written. */
  draftAttachments: Attachment[];
  /** The answer's prefix for the next request (partial mode), written under the composer. */
  assistantPrefix?: AssistantPrefix;
  /** Official tools added by URI (their functions are in `parameters.tools`). */
  officialTools?: OfficialTool[];
  /** Results the workbench answers a tool's calls with by itself: JSON templates with {{argument}} placeholders, by tool name. */
  toolMocks?: Record<string, string>;
  turns: Turn[];
  updatedAt: number;
  /** A name the user gave it (otherwise its first message names it). */
  title?: string;
  /** The share it was opened from ("Open in workbench"). */
  forkedFrom?: { shareId: string; title: string };
}
