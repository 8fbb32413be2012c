import { Agent } from "undici";
import { getServerEnv } from "@/lib/env";
import type { UpstreamFailure } from "@/lib/wire/failure";
import { failureFromResponse } from "./openai-style/openai-style-errors";
import { serverMessage } from "@/lib/i18n/server-message";

// Connect and first-byte timeouts for every upstream call, through an undici dispatcher (Node's own
// fetch is undici; the package is pinned to the version Node 20 bundles). The body has no timeout
// here: streams are watched for idleness by the stream readers (GATEWAY_IDLE_TIMEOUT_MS).
let dispatcher: { key: string; agent: Agent } | undefined;

function upstreamDispatcher(): { agent: Agent; connectMs: number; firstByteMs: number } {
  const env = getServerEnv();
  const connectMs = env.GATEWAY_CONNECT_TIMEOUT_MS;
  const firstByteMs = env.GATEWAY_FIRST_BYTE_TIMEOUT_MS;
  const key = `${connectMs}:${firstByteMs}`;
  if (dispatcher?.key !== key) dispatcher = { key, agent: new Agent({ connect: { timeout: connectMs }, headersTimeout: firstByteMs, bodyTimeout: 0 }) };
  return { agent: dispatcher.agent, connectMs, firstByteMs };
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

/** Describes a network-level failure (refused, reset, DNS) without leaking request details. */
function describeConnectionFailure({ error, url, timeouts }: { error: unknown; url: string; timeouts?: { connectMs: number; firstByteMs: number } }): UpstreamFailure {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : undefined;
  const detail = code ?? (cause instanceof Error ? cause.message : "connection failed");
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the raw value
  }
  if (code === "UND_ERR_CONNECT_TIMEOUT" && timeouts) {
    return { status: 504, type: "upstream_connect_timeout", ...serverMessage({ code: "upstreamConnectTimeout", values: { host, time: seconds(timeouts.connectMs) } }), retryable: true, code };
  }
  if (code === "UND_ERR_HEADERS_TIMEOUT" && timeouts) {
    return { status: 504, type: "upstream_timeout", ...serverMessage({ code: "upstreamFirstByteTimeout", values: { host, time: seconds(timeouts.firstByteMs) } }), retryable: true, code };
  }
  return {
    status: 502,
    type: "upstream_connection_error",
    ...serverMessage({ code: "upstreamUnreachable", values: { host, problem: detail } }),
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
  // Only real network calls get the timeouts (the simulator's in-process transport has no sockets).
  const timed = transport === fetch ? upstreamDispatcher() : undefined;
  try {
    response = await transport(url, { ...init, signal, ...(timed ? { dispatcher: timed.agent } : {}) } as RequestInit);
  } catch (error) {
    if (signal.aborted) throw error;
    return { ok: false, failure: describeConnectionFailure({ error, url, timeouts: timed }) };
  }
  if (!response.ok) return { ok: false, failure: await failureFromResponse({ response, secrets: [apiKey] }) };
  return { ok: true, response };
}
