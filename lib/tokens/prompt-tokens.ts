import type { TextTokenizer } from "./text-tokenizer";

// Kimi's chat template wraps each message as <|im_user|>user<|im_middle|>…<|im_end|>.
const messageOverheadTokens = 3;
const assistantPrimingTokens = 3;
const toolsOverheadTokens = 10;

/** A content part, structurally (works for the gateway's and the simulator's message types). */
export interface CountablePart {
  type: string;
  text?: string;
}

/** A message, structurally. */
export interface CountableMessage {
  role: string;
  content?: string | readonly CountablePart[] | null;
  reasoning_content?: string | null;
  tool_calls?: ReadonlyArray<{ function: { name: string; arguments: string } }> | null;
}

/** Prompt tokens by where they come from. */
export interface PromptTokenBreakdown {
  system: number;
  history: number;
  tools: number;
  /** The last message (usually the new user turn). */
  lastMessage: number;
  media: Array<{ messageIndex: number; partIndex: number; kind: string; tokens: number }>;
  messageTokens: number[];
  total: number;
}

/**
 * Counts a prompt the way Kimi bills it: text by BPE, media by `mediaTokens` (which may refuse a
 * part with an error of the caller's type), a few template tokens per message, tools as JSON.
 * Reasoning of earlier turns counts for tool-call turns and when thinking is preserved.
 */
export function countPromptTokens<E>({
  messages,
  tools,
  tokenizer,
  preservedThinking,
  mediaTokens,
}: {
  messages: readonly CountableMessage[];
  tools: readonly unknown[] | null | undefined;
  tokenizer: TextTokenizer;
  preservedThinking: boolean;
  mediaTokens: (part: CountablePart) => { ok: true; tokens: number } | { ok: false; error: E };
}): { ok: true; breakdown: PromptTokenBreakdown } | { ok: false; error: E } {
  const breakdown: PromptTokenBreakdown = { system: 0, history: 0, tools: 0, lastMessage: 0, media: [], messageTokens: [], total: 0 };
  for (const [messageIndex, message] of messages.entries()) {
    let tokens = messageOverheadTokens;
    const { content } = message;
    if (typeof content === "string") tokens += tokenizer.count(content);
    else if (content) {
      for (const [partIndex, part] of content.entries()) {
        if (part.type === "text") {
          tokens += tokenizer.count(part.text ?? "");
          continue;
        }
        const counted = mediaTokens(part);
        if (!counted.ok) return counted;
        tokens += counted.tokens;
        breakdown.media.push({ messageIndex, partIndex, kind: part.type, tokens: counted.tokens });
      }
    }
    if (message.role === "assistant") {
      const hasToolCalls = (message.tool_calls?.length ?? 0) > 0;
      if (message.reasoning_content && (preservedThinking || hasToolCalls)) tokens += tokenizer.count(message.reasoning_content) + 2;
      for (const call of message.tool_calls ?? []) tokens += tokenizer.count(call.function.name) + tokenizer.count(call.function.arguments) + 4;
    }
    breakdown.messageTokens.push(tokens);
    if (messageIndex === messages.length - 1) breakdown.lastMessage = tokens;
    else if (message.role === "system") breakdown.system += tokens;
    else breakdown.history += tokens;
  }
  breakdown.tools = tools && tools.length > 0 ? tokenizer.count(JSON.stringify(tools)) + toolsOverheadTokens : 0;
  breakdown.total = breakdown.system + breakdown.history + breakdown.lastMessage + breakdown.tools + assistantPrimingTokens;
  return { ok: true, breakdown };
}
