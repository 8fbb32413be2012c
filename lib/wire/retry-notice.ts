/** The SSE event name of a retry notice on the gateway's stream (sent only when the client asks). */
export const retryNoticeEventName = "workbench.retry";

/** What a retry notice says: attempt `attempt` of `maxAttempts` follows a failure with `status`, after `waitMs`. */
export interface RetryNoticeData {
  attempt: number;
  maxAttempts: number;
  status: number;
  type: string;
  waitMs: number;
}

const isCount = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value > 0;

/**
 * Reads a retry notice from its JSON, or undefined when it is not one. A plain check, not a zod
 * schema: this runs in the page's stream reader, and zod would be the largest part of its first load.
 */
export function readRetryNotice(json: unknown): RetryNoticeData | undefined {
  if (typeof json !== "object" || json === null) return undefined;
  const { attempt, maxAttempts, status, type, waitMs } = json as Record<string, unknown>;
  if (!isCount(attempt) || !isCount(maxAttempts) || typeof status !== "number" || !Number.isInteger(status) || typeof type !== "string" || typeof waitMs !== "number" || !(waitMs >= 0)) return undefined;
  return { attempt, maxAttempts, status, type, waitMs };
}
