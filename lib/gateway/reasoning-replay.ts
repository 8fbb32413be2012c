import "server-only";
import { createHash } from "node:crypto";
import { getServerEnv } from "@/lib/env";
import type { ChatMessage, ChatRequest, ToolCall } from "@/lib/wire/chat-request";

// With thinking on, Kimi refuses an assistant tool-call turn sent back without its
// reasoning_content, and common clients drop it (LangChain's ChatOpenAI never sends it; the openai
// SDK's runTools strips it). The gateway remembers each answer's reasoning by the conversation that
// led to it and the tool calls it made, and puts it back when such a turn comes back without it. It
// is announced: a response header and the request log say how many turns were restored.

/** Bounds of the memory, per process: the oldest entries go first. */
export interface ReplayBounds {
  maxEntries: number;
  maxCharacters: number;
}

const defaultBounds: ReplayBounds = { maxEntries: 5_000, maxCharacters: 32 * 1024 * 1024 };

/** A content value as text, the same whether a client sends a string or text parts. */
function contentKey(content: ChatMessage["content"]): string {
  if (content === null || content === undefined) return "";
  if (typeof content === "string") return content;
  return content
    .map((part) => {
      if (part.type === "text") return part.text;
      if (part.type === "image_url") return `[image ${part.image_url.url}]`;
      if (part.type === "video_url") return `[video ${part.video_url.url}]`;
      return `[frames ${part.video.length}]`;
    })
    .join("");
}

/** Arguments as a client re-serializes them (LangChain parses and re-stringifies, changing spaces). */
function argumentsKey(text: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(text)));
  } catch {
    return text;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
}

function toolCallsKey(calls: readonly ToolCall[]): unknown[] {
  return calls.map((call) => [call.id, call.function.name, argumentsKey(call.function.arguments)]);
}

/** A message as far as it identifies the conversation (its reasoning left out: clients drop it). */
function messageKey(message: ChatMessage): unknown[] {
  const base = [message.role, contentKey(message.content)];
  if (message.role === "assistant") return [...base, toolCallsKey(message.tool_calls ?? [])];
  if (message.role === "tool") return [...base, message.tool_call_id];
  return base;
}

/** The memory's key: who asked (a hash of the credential), the model, the conversation before the turn, and the turn's tool calls. */
function replayKey({ scope, model, prefix, toolCalls }: { scope: string; model: string; prefix: readonly ChatMessage[]; toolCalls: readonly ToolCall[] }): string {
  return createHash("sha256").update(JSON.stringify([scope, model, prefix.map(messageKey), toolCallsKey(toolCalls)])).digest("base64url");
}

/** The reasoning of answers that made tool calls, remembered for clients that drop it. */
export class ReasoningMemory {
  private readonly entries = new Map<string, string>();
  private characters = 0;

  constructor(private readonly bounds: ReplayBounds = defaultBounds) {}

  /** Remembers an answer's reasoning (answers without tool calls or reasoning are not needed back). */
  remember({ scope, request, toolCalls, reasoning }: { scope: string; request: Pick<ChatRequest, "model" | "messages">; toolCalls: readonly ToolCall[]; reasoning: string }): void {
    if (toolCalls.length === 0 || !reasoning) return;
    const key = replayKey({ scope, model: request.model, prefix: request.messages, toolCalls });
    const existing = this.entries.get(key);
    if (existing !== undefined) {
      this.entries.delete(key);
      this.characters -= existing.length;
    }
    if (reasoning.length > this.bounds.maxCharacters) return;
    this.entries.set(key, reasoning);
    this.characters += reasoning.length;
    for (const [oldest, value] of this.entries) {
      if (this.entries.size <= this.bounds.maxEntries && this.characters <= this.bounds.maxCharacters) break;
      this.entries.delete(oldest);
      this.characters -= value.length;
    }
  }

  /**
   * The request with remembered reasoning put back on the assistant tool-call turns that came
   * without it, and how many turns were restored.
   */
  restore({ scope, request }: { scope: string; request: ChatRequest }): { request: ChatRequest; restored: number } {
    let restored = 0;
    const messages = request.messages.map((message, index): ChatMessage => {
      if (message.role !== "assistant" || !message.tool_calls?.length || message.reasoning_content) return message;
      const key = replayKey({ scope, model: request.model, prefix: request.messages.slice(0, index), toolCalls: message.tool_calls });
      const reasoning = this.entries.get(key);
      if (reasoning === undefined) return message;
      // Recently used entries stay longest.
      this.entries.delete(key);
      this.entries.set(key, reasoning);
      restored += 1;
      return { ...message, reasoning_content: reasoning };
    });
    return restored === 0 ? { request, restored } : { request: { ...request, messages }, restored };
  }

  /** How much is held (for tests and diagnostics). */
  size(): { entries: number; characters: number } {
    return { entries: this.entries.size, characters: this.characters };
  }
}

/** Who a memory entry belongs to: a hash of the credential the call spends, so one caller never gets another's reasoning. */
export function replayScope({ providerId, apiKey }: { providerId: string; apiKey: string | undefined }): string {
  return createHash("sha256").update(`${providerId}\u0000${apiKey ?? ""}`).digest("base64url");
}

const memoryKey = Symbol.for("kimi-workbench.reasoning-memory");

/** The process's memory (one per process, however the modules are bundled). */
export function reasoningMemory(): ReasoningMemory {
  const holder = globalThis as unknown as Record<symbol, ReasoningMemory | undefined>;
  // Characters stand in for bytes: reasoning is mostly one-byte text, and the bound only needs to be sure.
  holder[memoryKey] ??= new ReasoningMemory({ ...defaultBounds, maxCharacters: getServerEnv().GATEWAY_REASONING_REPLAY_MB * 1024 * 1024 });
  return holder[memoryKey];
}
