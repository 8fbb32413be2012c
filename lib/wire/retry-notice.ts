import { z } from "zod";

/** The SSE event name of a retry notice on the gateway's stream (sent only when the client asks). */
export const retryNoticeEventName = "workbench.retry";

/** What a retry notice says: attempt `attempt` of `maxAttempts` follows a failure with `status`, after `waitMs`. */
export const retryNoticeSchema = z.object({
  attempt: z.number().int().positive(),
  maxAttempts: z.number().int().positive(),
  status: z.number().int(),
  type: z.string(),
  waitMs: z.number().nonnegative(),
});

/** A retry notice as the page reads it. */
export type RetryNoticeData = z.infer<typeof retryNoticeSchema>;
