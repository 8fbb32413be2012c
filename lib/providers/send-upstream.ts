import { describeConnectionFailure, type UpstreamFailure } from "@/lib/gateway/upstream-failure";
import { failureFromResponse } from "./openai-style/openai-style-errors";

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
