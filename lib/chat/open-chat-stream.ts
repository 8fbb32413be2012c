import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { ChatRequest } from "@/lib/wire/chat-request";
import { readErrorEnvelope, type ReportedError } from "@/lib/wire/chat-stream-events";
import { attemptsHeader, retryNoticesHeader, userKeyHeader } from "@/lib/wire/wire-headers";

/** Sends a streaming chat request through the gateway; the response's body is read with `readChatStream`. */
export async function openChatStream({
  gatewayOrigin = "",
  providerId,
  body,
  apiKey,
  signal,
}: {
  /** Where the gateway is; the page's own origin when empty. */
  gatewayOrigin?: string;
  providerId: ProviderId;
  body: ChatRequest;
  apiKey: string | undefined;
  signal: AbortSignal;
}): Promise<{ ok: true; response: Response; attempts: number | undefined } | { ok: false; error: ReportedError }> {
  // Retries are shown on the answer as they happen (the stream then says how many there were).
  const headers: Record<string, string> = { "content-type": "application/json", [retryNoticesHeader]: "1" };
  if (apiKey) headers[userKeyHeader] = apiKey;
  let response: Response;
  try {
    response = await fetch(`${gatewayOrigin}/api/providers/${providerId}/v1/chat/completions`, { method: "POST", headers, body: JSON.stringify(body), signal });
  } catch (error) {
    if (signal.aborted) throw error;
    return { ok: false, error: { type: "network_error", message: "Could not reach the workbench server. Is it still running?", code: "unreachable", values: {} } };
  }
  const attemptsValue = response.headers.get(attemptsHeader);
  const attempts = attemptsValue === null ? undefined : Number(attemptsValue);
  if (!response.ok || !response.body) {
    const parsed: unknown = await response.json().catch(() => undefined);
    return { ok: false, error: readErrorEnvelope({ body: parsed, status: response.status }) };
  }
  return { ok: true, response, attempts };
}
