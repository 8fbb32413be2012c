import "server-only";
import pino, { type Logger } from "pino";
import { getServerEnv, serverSecrets } from "@/lib/env";
import { redactText } from "@/lib/wire/redact-secrets";

/** A value a log line may carry: identifiers, counts and outcomes, never message text. */
export type LogValue = string | number | boolean | undefined;

let logger: Logger | undefined;

function getLogger(): Logger {
  // One JSON object per line on stdout; pino's encoding escapes newlines, so input cannot forge a line.
  logger ??= pino({ level: getServerEnv().LOG_LEVEL, base: undefined, timestamp: pino.stdTimeFunctions.isoTime, messageKey: "event" });
  return logger;
}

// Control characters (newlines, escapes, bidi overrides) and over-long values are cut from strings
// that came from a request, such as a model name.
function cleanString({ value, secrets }: { value: string; secrets: ReadonlyArray<string | undefined> }): string {
  const redacted = redactText({ text: value, secrets: [...serverSecrets(), ...secrets] });
  const printable = redacted.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "?");
  return printable.length > 160 ? `${printable.slice(0, 160)}…` : printable;
}

/**
 * Writes one structured log line. Fields are identifiers and figures only (never message content or
 * headers); every string is redacted against the server's keys and `secrets` (e.g. a pasted key).
 */
export function logEvent({
  level = "info",
  event,
  fields = {},
  secrets = [],
}: {
  level?: "info" | "warn" | "error";
  event: string;
  fields?: Record<string, LogValue>;
  secrets?: ReadonlyArray<string | undefined>;
}): void {
  const target = getLogger();
  if (!target.isLevelEnabled(level)) return;
  const clean: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    clean[name] = typeof value === "string" ? cleanString({ value, secrets }) : value;
  }
  target[level](clean, event);
}

/** What may be logged of an unexpected error: its class and code, not its message (which may quote input). */
export function describeErrorForLog(error: unknown): Record<string, LogValue> {
  if (!(error instanceof Error)) return { error: typeof error };
  const code = (error as { code?: unknown }).code;
  return { error: error.name, ...(typeof code === "string" || typeof code === "number" ? { code: String(code) } : {}) };
}
