import { toErrorEnvelope } from "@/lib/wire/error-envelope";
import type { UpstreamFailure } from "@/lib/wire/failure";

/**
 * A JSON error response in the one envelope every API route uses (`{"error":{"type","message",…}}`),
 * with the failure's status; `provider` is set on the gateway's provider routes.
 */
export function errorResponse({ failure, provider, headers }: { failure: Omit<UpstreamFailure, "retryable"> & { retryable?: boolean }; provider?: string; headers?: HeadersInit }): Response {
  const responseHeaders = new Headers(headers);
  if (failure.retryAfterMs !== undefined && failure.status === 429) {
    responseHeaders.set("retry-after", String(Math.ceil(failure.retryAfterMs / 1000)));
  }
  // An oversized body was not read to the end; the connection cannot carry another request.
  if (failure.status === 413) responseHeaders.set("connection", "close");
  return Response.json(toErrorEnvelope({ failure, provider }), { status: failure.status, headers: responseHeaders });
}
