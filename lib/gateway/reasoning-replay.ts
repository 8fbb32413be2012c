import "server-only";
import { createHash, type Hash } from "node:crypto";
import { getServerEnv } from "@/lib/env";
import { canonicalArguments } from "@/lib/wire/canonical-arguments";
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

function toolCallsKey(calls: readonly ToolCall[]): unknown[] {
  return calls.map((call) => [call.id, call.function.name, canonicalArguments(call.function.arguments)]);
}

/** A message as far as it identifies the conversation (its reasoning left out: clients drop it). */
function messageKey(message: ChatMessage): unknown[] {
  const base = [message.role, contentKey(message.content)];
  if (message.role === "assistant") return [...base, toolCallsKey(message.tool_calls ?? [])];
  if (message.role === "tool") return [...base, message.tool_call_id];
  return base;
}

/**
 * The memory's keys along a conversation: who asked (a hash of the credential), the model, the
 * messages so far, and a turn's tool calls. One running hash is fed message by message and copied
 * at each turn, so a long agent loop is hashed once, not once per turn.
 */
class ReplayKeys {
  private readonly hash: Hash;

  constructor({ scope, model }: { scope: string; model: string }) {
    this.hash = createHash("sha256").update(JSON.stringify([scope, model]));
  }

  /** Adds the next message of the conversation. */
  add(message: ChatMessage): void {
    this.hash.update(JSON.stringify(messageKey(message)));
  }

  /** The key of a turn that made `toolCalls` after the messages added so far. */
  keyFor(toolCalls: readonly ToolCall[]): string {
    return this.hash.copy().update(`|${JSON.stringify(toolCallsKey(toolCalls))}`).digest("base64url");
  }
}

/** The reasoning of answers that made tool calls, remembered for clients that drop it. */
export class ReasoningMemory {
  private readonly entries = new Map<string, string>();
  private characters = 0;

  constructor(private readonly bounds: ReplayBounds = defaultBounds) {}

  /** Remembers an answer's reasoning (answers without tool calls or reasoning are not needed back). */
  remember({ scope, request, toolCalls, reasoning }: { scope: string; request: Pick<ChatRequest, "model" | "messages">; toolCalls: readonly ToolCall[]; reasoning: string }): void {
    if (toolCalls.length === 0 || !reasoning) return;
    const keys = new ReplayKeys({ scope, model: request.model });
    for (const message of request.messages) keys.add(message);
    const key = keys.keyFor(toolCalls);
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
    // Nothing to look up unless a tool-call turn came back without its reasoning.
    if (!request.messages.some((message) => message.role === "assistant" && message.tool_calls?.length && !message.reasoning_content)) return { request, restored: 0 };
    let restored = 0;
    const keys = new ReplayKeys({ scope, model: request.model });
    const messages = request.messages.map((message): ChatMessage => {
      const key = message.role === "assistant" && message.tool_calls?.length && !message.reasoning_content ? keys.keyFor(message.tool_calls) : undefined;
      keys.add(message);
      if (key === undefined || message.role !== "assistant") return message;
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
