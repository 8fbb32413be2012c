import { createParser, type EventSourceMessage } from "eventsource-parser";

/** One item read from an SSE body, in wire order: an event or a comment line (`:...`). */
export type ServerSentItem = { kind: "event"; event: EventSourceMessage } | { kind: "comment"; comment: string };

/** Raised when the upstream sends nothing for longer than the idle timeout. */
export class UpstreamIdleError extends Error {
  constructor(readonly idleMs: number) {
    super(`The upstream sent nothing for ${Math.round(idleMs / 1000)} s`);
    this.name = "UpstreamIdleError";
  }
}

/**
 * Reads an SSE body as it arrives, yielding each event and comment as soon as its line is complete
 * (no coalescing). Throws {@link UpstreamIdleError} when the body stalls for `idleTimeoutMs` (when
 * given), and whatever the body throws when the connection drops. The gateway reads upstream bodies
 * with it, and the page reads the gateway's.
 */
export async function* readServerSentEvents({
  body,
  idleTimeoutMs,
}: {
  body: ReadableStream<Uint8Array>;
  idleTimeoutMs?: number;
}): AsyncGenerator<ServerSentItem> {
  const pending: ServerSentItem[] = [];
  const parser = createParser({
    onEvent: (event) => pending.push({ kind: "event", event }),
    onComment: (comment) => pending.push({ kind: "comment", comment }),
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    while (true) {
      const next =
        idleTimeoutMs === undefined
          ? await reader.read()
          : await new Promise<ReadableStreamReadResult<Uint8Array>>((resolve, reject) => {
              timer = setTimeout(() => reject(new UpstreamIdleError(idleTimeoutMs)), idleTimeoutMs);
              reader.read().then(resolve, reject);
            }).finally(() => clearTimeout(timer));
      if (next.done) break;
      parser.feed(decoder.decode(next.value, { stream: true }));
      while (pending.length > 0) yield pending.shift()!;
    }
    parser.feed(decoder.decode());
    // A final event without its blank line still counts: some servers end the body right after it.
    parser.feed("\n\n");
    while (pending.length > 0) yield pending.shift()!;
  } finally {
    clearTimeout(timer);
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
