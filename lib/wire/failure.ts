/**
 * A failure the gateway reports: an upstream's error reduced to what is needed to report and retry
 * it, or the gateway's own refusal. Once a stream has started it travels as a value, never thrown.
 */
export interface UpstreamFailure {
  /** HTTP status to answer with (the upstream's own where it gave one). */
  status: number;
  type: string;
  message: string;
  code?: string;
  requestId?: string;
  /** Whether trying again may succeed (rate limits, overload, 5xx, dropped connections). */
  retryable: boolean;
  /** How long the upstream asked us to wait, from `Retry-After` or its message. */
  retryAfterMs?: number;
  /** Status the upstream itself reported, when it reported one. */
  upstreamStatus?: number;
  /** Set when the workbench wrote the message itself: its catalog code (`serverErrors.<code>`) and values, so a page words it in its own language. A provider's message has none. */
  messageCode?: string;
  messageValues?: Record<string, string>;
}

const retryableStatuses = new Set([408, 409, 425, 429, 500, 502, 503, 504, 529]);

// Quota and balance errors come back as 429 but waiting does not fix them.
const nonRetryableTypes = new Set(["exceeded_current_quota_error", "insufficient_quota", "Arrearage"]);

/** Whether an upstream status/type pair is worth retrying. */
export function isRetryable({ status, type }: { status: number; type?: string }): boolean {
  if (type !== undefined && nonRetryableTypes.has(type)) return false;
  return retryableStatuses.has(status);
}

/** Reads `Retry-After` (seconds or an HTTP date) in milliseconds. */
export function parseRetryAfterHeader({ value, now = Date.now() }: { value: string | null; now?: number }): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Reads Moonshot's "please try again after N seconds" hint in milliseconds. */
export function parseRetryAfterMessage(message: string): number | undefined {
  const match = /try again (?:after|in) (\d+(?:\.\d+)?) ?(seconds?|s|ms|milliseconds?)\b/i.exec(message);
  if (!match?.[1]) return undefined;
  const amount = Number(match[1]);
  return /^m/i.test(match[2] ?? "") ? Math.round(amount) : Math.round(amount * 1000);
}

/** A failure raised by the gateway itself (bad request, access, configuration). */
export function gatewayFailure({ status, type, message, messageCode, messageValues }: { status: number; type: string; message: string; messageCode?: string; messageValues?: Record<string, string> }): UpstreamFailure {
  return { status, type, message, retryable: false, ...(messageCode !== undefined ? { messageCode, messageValues: messageValues ?? {} } : {}) };
}

/** The error type to report when the upstream gave a status but no type. */
export function errorTypeForStatus(status: number): string {
  if (status === 400 || status === 422) return "invalid_request_error";
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_denied_error";
  if (status === 404) return "resource_not_found_error";
  if (status === 413) return "request_too_large";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "upstream_error";
}
