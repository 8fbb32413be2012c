import type { CountableMessage, PromptTokenBreakdown } from "./prompt-tokens";

/** What the page asks the token-count worker: a display body's messages and what each media part costs. */
export interface TokenCountRequest {
  id: number;
  messages: CountableMessage[];
  tools: unknown[] | undefined;
  preservedThinking: boolean;
  /** Tokens per media part, by `mediaKeyOf` (the attachment a placeholder names). */
  mediaTokens: Record<string, number>;
}

/** The worker's answer to one request. */
export type TokenCountReply = { id: number; ok: true; breakdown: PromptTokenBreakdown; unsized: number; approximatedCharacters: number } | { id: number; ok: false; message: string };
