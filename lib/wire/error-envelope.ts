import type { UpstreamFailure } from "./failure";

/**
 * The one error envelope every API route answers with, in a response or as a final stream event:
 * OpenAI's `{"error":{"type","message"}}`, plus the provider and its status where one was involved.
 */
export interface ErrorEnvelope {
  error: {
    type: string;
    message: string;
    provider?: string;
    upstream_status?: number;
    code?: string;
    request_id?: string;
  };
}

/** The envelope for a failure; `provider` names the provider when the route is a provider's. */
export function toErrorEnvelope({ failure, provider }: { failure: Pick<UpstreamFailure, "type" | "message" | "upstreamStatus" | "code" | "requestId">; provider?: string }): ErrorEnvelope {
  return {
    error: {
      type: failure.type,
      message: failure.message,
      ...(provider !== undefined ? { provider } : {}),
      ...(failure.upstreamStatus !== undefined ? { upstream_status: failure.upstreamStatus } : {}),
      ...(failure.code !== undefined ? { code: failure.code } : {}),
      ...(failure.requestId !== undefined ? { request_id: failure.requestId } : {}),
    },
  };
}

/** The message of an error envelope in a response text, or undefined when the text is not one. */
export function envelopeMessage(text: string): string | undefined {
  try {
    const message = (JSON.parse(text) as Partial<ErrorEnvelope> | null)?.error?.message;
    return typeof message === "string" && message !== "" ? message : undefined;
  } catch {
    return undefined;
  }
}
