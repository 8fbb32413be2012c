import "server-only";
import { getServerEnv } from "@/lib/env";
import { errorResponse } from "@/lib/http/error-response";
import { describeErrorForLog, logEvent } from "@/lib/log/server-log";
import { serverMessage } from "@/lib/i18n/server-message";

/** A share route's error, in the one envelope every API route answers with; never cached. */
export function shareError({ status, type, message, messageCode, messageValues, headers }: { status: number; type: string; message: string; messageCode?: string; messageValues?: Record<string, string>; headers?: Record<string, string> }): Response {
  return errorResponse({ failure: { status, type, message, ...(messageCode !== undefined ? { messageCode, messageValues } : {}) }, headers: { "cache-control": "no-store", ...headers } });
}

/** The answer for a share that does not exist, has expired or was deleted (deliberately the same). */
export function shareNotFound(): Response {
  return shareError({ status: 404, type: "share_not_found", ...serverMessage({ code: "shareNotFound" }) });
}

/** Share ids are 128 random bits in base64url (22 characters). */
export function isShareId(id: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(id);
}

/** What to tell a client when the share store does not answer (PostgreSQL down, the data dir unwritable). */
export function shareStoreUnavailable(error: unknown): Response {
  logEvent({ level: "error", event: "share_store_unavailable", fields: describeErrorForLog(error) });
  const store = getServerEnv().DATABASE_URL ? "postgres" : "sqlite";
  return shareError({ status: 503, type: "share_store_unavailable", ...serverMessage({ code: "shareStoreUnavailable", values: { store } }), headers: { "retry-after": "5" } });
}

/** Wraps a share route so a failing store answers 503 with what is wrong, not a generic 500. */
export function guardShareStore<Arguments extends unknown[]>(handler: (...args: Arguments) => Promise<Response>): (...args: Arguments) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      return shareStoreUnavailable(error);
    }
  };
}
