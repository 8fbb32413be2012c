import type { RetryNoticeData } from "@/lib/wire/retry-notice";

/** What a retry notice says, ready for the "Retrying (2 of 4) after 429 — waiting 1 s" message. */
export interface RetryParts {
  attempt: number;
  maxAttempts: number;
  /** The HTTP status when there was one, else the failure's type in words ("upstream unreachable"). */
  cause: string;
  /** The wait, to a tenth of a second. */
  seconds: number;
}

export function retryParts(notice: RetryNoticeData): RetryParts {
  return {
    attempt: notice.attempt,
    maxAttempts: notice.maxAttempts,
    cause: notice.status >= 400 ? String(notice.status) : notice.type.replaceAll("_", " "),
    seconds: Math.round(notice.waitMs / 100) / 10,
  };
}
