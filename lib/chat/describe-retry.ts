import type { RetryNoticeData } from "@/lib/wire/retry-notice";

/** "1 s", "0.3 s", "1.6 s": a wait as people read it. */
function formatWait(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** What an answer waiting on the gateway's retries says, e.g. "Retrying (2 of 4) after 429 — waiting 1 s". */
export function describeRetry(notice: RetryNoticeData): string {
  const cause = notice.status >= 400 ? String(notice.status) : notice.type.replaceAll("_", " ");
  return `Retrying (${notice.attempt} of ${notice.maxAttempts}) after ${cause} — waiting ${formatWait(notice.waitMs)}`;
}
