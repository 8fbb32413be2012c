import type { RetryNoticeData } from "@/lib/wire/retry-notice";
import type { RetryNotice } from "./retry";

/** The notice as it goes on the wire: the next attempt's number, the failure's status and type, the wait. */
export function toRetryNoticeData(notice: RetryNotice): RetryNoticeData {
  return { attempt: notice.nextAttempt, maxAttempts: notice.maxAttempts, status: notice.failure.status, type: notice.failure.type, waitMs: Math.round(notice.waitMs) };
}

/**
 * Retry notices between the retry loop (which pushes) and the response stream (which takes them in
 * order). `first` settles at the first notice: the moment the gateway starts the response.
 */
export class RetryNoticeQueue {
  private readonly queued: RetryNoticeData[] = [];
  private waiting: ((notice: RetryNoticeData) => void) | undefined;
  private announceFirst!: () => void;
  /** Settles when the first retry is announced. */
  readonly first = new Promise<void>((resolve) => (this.announceFirst = resolve));

  readonly push = (notice: RetryNotice): void => {
    const data = toRetryNoticeData(notice);
    this.announceFirst();
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve(data);
    } else this.queued.push(data);
  };

  /** The next notice, as soon as there is one. */
  next(): Promise<RetryNoticeData> {
    const queued = this.queued.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => (this.waiting = resolve));
  }
}
