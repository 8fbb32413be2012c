import type { UpstreamFailure } from "@/lib/wire/failure";
import { failureFromResponse } from "./openai-style/openai-style-errors";

/** Describes a network-level failure (refused, reset, DNS) without leaking request details. */
function describeConnectionFailure({ error, url }: { error: unknown; url: string }): UpstreamFailure {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : undefined;
  const detail = code ?? (cause instanceof Error ? cause.message : "connection failed");
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the raw value
  }
  return {
    status: 502,
    type: "upstream_connection_error",
    message: `Could not reach ${host} (${detail}). Check the provider's base URL and that the service is up.`,
    retryable: true,
    ...(code !== undefined ? { code } : {}),
  };
}

/**
 * Sends one request to a provider: a connection that fails becomes a (retryable) failure, an error
 * status becomes a failure read from the provider's error body (with the key redacted), and a
 * client abort is re-thrown for the caller to handle.
 */
export async function sendUpstream({
  url,
  init,
  signal,
  apiKey,
  transport = fetch,
}: {
  url: string;
  init: RequestInit;
  signal: AbortSignal;
  apiKey: string | undefined;
  transport?: typeof fetch;
}): Promise<{ ok: true; response: Response } | { ok: false; failure: UpstreamFailure }> {
  let response: Response;
  try {
    response = await transport(url, { ...init, signal });
  } catch (error) {
    if (signal.aborted) throw error;
    return { ok: false, failure: describeConnectionFailure({ error, url }) };
  }
  if (!response.ok) return { ok: false, failure: await failureFromResponse({ response, secrets: [apiKey] }) };
  return { ok: true, response };
}
