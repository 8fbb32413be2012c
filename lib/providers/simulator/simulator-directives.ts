import { invalidRequest, type SimulatorError } from "./simulator-request";

/** Knobs a prompt can turn on the simulator with a `[[sim key=value ...]]` tag in the last user message. */
export interface SimulatorDirectives {
  /** Length of the answer in tokens. */
  answerTokens?: number;
  /** Length of the reasoning in tokens (thinking on). */
  reasoningTokens?: number;
  /** Streaming pace for this request. */
  tokensPerSecond?: number;
  /** Delay before the first token. */
  firstTokenMs?: number;
  /** Answer with this HTTP error (400, 401, 403, 404, 429, 500, 503) instead. */
  error?: number;
  /** With `error`: fail only the first N identical requests, then answer normally. */
  failAttempts?: number;
  /** Drop the connection after this many streamed tokens. */
  dropAfter?: number;
  /** `off` answers in text even when tools are given. */
  toolCalls?: boolean;
  /** Rounds of tool calls before answering (default 1), for rehearsing multi-step agents. */
  toolRounds?: number;
}

const tagPattern = /\[\[sim:?\s*([^\]]*)\]\]/i;

const numericKeys: Record<string, { field: keyof SimulatorDirectives; min: number; max: number }> = {
  answer_tokens: { field: "answerTokens", min: 1, max: 2_000_000 },
  reasoning_tokens: { field: "reasoningTokens", min: 0, max: 2_000_000 },
  tokens_per_second: { field: "tokensPerSecond", min: 1, max: 10_000_000 },
  first_token_ms: { field: "firstTokenMs", min: 0, max: 120_000 },
  error: { field: "error", min: 400, max: 599 },
  fail_attempts: { field: "failAttempts", min: 1, max: 100 },
  drop_after: { field: "dropAfter", min: 0, max: 2_000_000 },
  tool_rounds: { field: "toolRounds", min: 1, max: 50 },
};

/** Reads the `[[sim ...]]` tag from a prompt; an unknown key or bad value is a 400 that says so. */
export function parseSimulatorDirectives(text: string): { ok: true; directives: SimulatorDirectives } | { ok: false; error: SimulatorError } {
  const match = tagPattern.exec(text);
  if (!match) return { ok: true, directives: {} };
  const directives: SimulatorDirectives = {};
  for (const pair of (match[1] ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [key = "", value = ""] = pair.split("=", 2);
    if (key === "tool_calls") {
      if (value !== "on" && value !== "off") return { ok: false, error: invalidRequest(`Invalid simulator directive: tool_calls must be on or off, got "${value}"`) };
      directives.toolCalls = value === "on";
      continue;
    }
    const rule = numericKeys[key];
    if (!rule) {
      const known = ["tool_calls", ...Object.keys(numericKeys)].join(", ");
      return { ok: false, error: invalidRequest(`Invalid simulator directive "${key}"; known directives: ${known}`) };
    }
    const number = Number(value);
    if (!Number.isFinite(number) || number < rule.min || number > rule.max) {
      return { ok: false, error: invalidRequest(`Invalid simulator directive: ${key} must be a number from ${rule.min} to ${rule.max}, got "${value}"`) };
    }
    (directives as Record<string, number>)[rule.field] = number;
  }
  return { ok: true, directives };
}

/** The prompt text with the directive tag removed, so answers do not quote it. */
export function stripSimulatorDirectives(text: string): string {
  return text.replace(tagPattern, "").trim();
}
