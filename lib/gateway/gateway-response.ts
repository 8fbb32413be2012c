import type { GatewayEvent } from "./normalize-stream";
import { toErrorEnvelope } from "@/lib/wire/error-envelope";
import type { UpstreamFailure } from "@/lib/wire/failure";
import { retryNoticeEventName } from "@/lib/wire/retry-notice";
import { serverMessage } from "@/lib/i18n/server-message";

/** Headers for every streamed answer: no caching, no compression or proxy buffering. */
export const streamingHeaders = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
} as const;

/**
 * Streams gateway events as SSE. Each event is written as soon as it is produced (one chunk per
 * pull, nothing coalesced). `onClose` runs once when the stream ends, fails or is cancelled by the
 * client, so the caller can abort the upstream request.
 */
export function streamResponse({
  events,
  provider,
  headers,
  onClose,
}: {
  events: AsyncGenerator<GatewayEvent>;
  provider: string;
  headers?: HeadersInit;
  onClose: (outcome: "done" | "error" | "cancelled") => void;
}): Response {
  const encoder = new TextEncoder();
  let closed = false;
  const close = (outcome: "done" | "error" | "cancelled") => {
    if (closed) return;
    closed = true;
    onClose(outcome);
  };
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await events.next();
        if (next.done) {
          controller.close();
          close("done");
          return;
        }
        const event = next.value;
        if (event.type === "chunk") controller.enqueue(encoder.encode(`data: ${JSON.stringify(event.chunk)}\n\n`));
        else if (event.type === "done") controller.enqueue(encoder.encode("data: [DONE]\n\n"));
        else if (event.type === "retry") controller.enqueue(encoder.encode(`event: ${retryNoticeEventName}\ndata: ${JSON.stringify(event.notice)}\n\n`));
        else {
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(toErrorEnvelope({ failure: event.failure, provider }))}\n\n`));
          controller.close();
          close("error");
        }
      } catch (error) {
        if (closed) return;
        const failure: UpstreamFailure = {
          status: 500,
          type: "gateway_error",
          ...serverMessage({ code: "streamingFailed", values: { problem: error instanceof Error ? error.message : String(error) } }),
          retryable: false,
        };
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(toErrorEnvelope({ failure, provider }))}\n\n`));
        controller.close();
        close("error");
      }
    },
    cancel() {
      close("cancelled");
      void events.return(undefined).catch(() => undefined);
    },
  });
  return new Response(stream, { headers: { ...streamingHeaders, ...Object.fromEntries(new Headers(headers)) } });
}
