import { readServerSentEvents, UpstreamIdleError } from "@/lib/wire/read-server-sent-events";
import type { UpstreamFailure } from "@/lib/wire/failure";
import { type StreamPart, lenientChunkSchema } from "@/lib/wire/upstream-chunk";
import { redactText } from "@/lib/wire/redact-secrets";
import { failureFromErrorBody } from "./openai-style-errors";
import { serverMessage } from "@/lib/i18n/server-message";

/** The failure reported when a body stops mid-stream; shared by every adapter. */
export function midStreamFailure({ error }: { error: unknown }): UpstreamFailure {
  if (error instanceof UpstreamIdleError) {
    return { status: 504, type: "upstream_timeout", ...serverMessage({ code: "upstreamIdle", values: { seconds: Math.round(error.idleMs / 1000) } }), retryable: false };
  }
  const detail = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  return {
    status: 502,
    type: "upstream_connection_error",
    ...serverMessage({ code: "upstreamDropped", values: { problem: detail } }),
    retryable: false,
  };
}

/**
 * Parses an OpenAI-style SSE body (`data: {chunk}` lines, `data: [DONE]`) into stream parts.
 * An `{"error":...}` event or a dropped connection becomes an `error` part.
 */
export async function* parseOpenAiStyleStream({
  body,
  idleTimeoutMs,
  signal,
  secrets,
}: {
  body: ReadableStream<Uint8Array>;
  idleTimeoutMs: number;
  signal: AbortSignal;
  secrets: ReadonlyArray<string | undefined>;
}): AsyncGenerator<StreamPart> {
  try {
    for await (const item of readServerSentEvents({ body, idleTimeoutMs })) {
      if (item.kind !== "event") continue;
      const data = item.event.data.trim();
      if (data === "") continue;
      if (data === "[DONE]") {
        yield { type: "end", complete: true };
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        yield {
          type: "error",
          failure: {
            status: 502,
            type: "upstream_invalid_chunk",
            ...serverMessage({ code: "upstreamEventNotJson", values: { event: redactText({ text: data.slice(0, 120), secrets }) } }),
            retryable: false,
          },
        };
        return;
      }
      if (typeof json === "object" && json !== null && "error" in json && json.error) {
        const status = typeof (json.error as { code?: unknown }).code === "number" ? Number((json.error as { code: number }).code) : 500;
        const failure = failureFromErrorBody({ body: json, status: status >= 400 && status < 600 ? status : 500, secrets });
        yield { type: "error", failure: { ...failure, upstreamStatus: undefined } };
        return;
      }
      const parsed = lenientChunkSchema.safeParse(json);
      if (!parsed.success) {
        yield {
          type: "error",
          failure: {
            status: 502,
            type: "upstream_invalid_chunk",
            ...serverMessage({ code: "upstreamChunkUnreadable", values: { problem: parsed.error.issues[0]?.message ?? "invalid shape" } }),
            retryable: false,
          },
        };
        return;
      }
      yield { type: "chunk", chunk: parsed.data };
    }
    yield { type: "end", complete: false };
  } catch (error) {
    if (signal.aborted) return;
    yield { type: "error", failure: midStreamFailure({ error }) };
  }
}
