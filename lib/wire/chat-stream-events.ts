import type { ChatCompletionChunk, ToolCallDelta, Usage } from "./chat-response";
import { envelopeErrorOf, type ErrorEnvelope } from "./error-envelope";
import { readServerSentEvents } from "./read-server-sent-events";
import { readRetryNotice, retryNoticeEventName, type RetryNoticeData } from "./retry-notice";

/** An error as a client of the gateway reports it: the provider's status where there was one. */
export interface ReportedError {
  status?: number;
  type: string;
  message: string;
  /** Set when the workbench wrote the message itself: the page words it from `answerErrors.<code>` or, from the server, `serverErrors.<code>` (a provider's message has none). */
  code?: string;
  values?: Record<string, string>;
}

/** What a client of the gateway reacts to while an answer streams in, in wire order. */
export type ChatStreamEvent =
  | { type: "reasoning"; text: string; choice: number }
  | { type: "content"; text: string; choice: number }
  | { type: "tool-call"; delta: ToolCallDelta; choice: number }
  | { type: "finish"; reason: string; choice: number }
  | { type: "usage"; usage: Usage }
  | { type: "error"; error: ReportedError }
  /** The gateway is retrying before the first token (only when the client asked to be told). */
  | { type: "retry"; notice: RetryNoticeData }
  | { type: "done" };

/** Reads an error envelope (a response body or a final stream event) into a reported error. */
export function readErrorEnvelope({ body, status }: { body: unknown; status: number }): ReportedError {
  const error = (body as Partial<ErrorEnvelope> | undefined)?.error;
  const written = envelopeErrorOf(body);
  if (error && written) return { status: error.upstream_status ?? status, type: error.type ?? "error", ...written };
  return { status, type: "http_error", message: `The gateway answered HTTP ${status}.`, code: "http", values: { status: String(status) } };
}

function eventsOf(json: unknown): ChatStreamEvent[] {
  if (typeof json === "object" && json !== null && "error" in json) return [{ type: "error", error: readErrorEnvelope({ body: json, status: 502 }) }];
  const chunk = json as ChatCompletionChunk;
  const events: ChatStreamEvent[] = [];
  if (chunk.usage) events.push({ type: "usage", usage: chunk.usage });
  for (const choice of chunk.choices ?? []) {
    const index = choice.index ?? 0;
    if (choice.delta.reasoning_content) events.push({ type: "reasoning", text: choice.delta.reasoning_content, choice: index });
    if (choice.delta.content) events.push({ type: "content", text: choice.delta.content, choice: index });
    for (const delta of choice.delta.tool_calls ?? []) events.push({ type: "tool-call", delta, choice: index });
    if (choice.finish_reason) events.push({ type: "finish", reason: choice.finish_reason, choice: index });
  }
  return events;
}

/**
 * Reads the gateway's SSE body into events, each as soon as its line is complete. The stream ends
 * with `done`, or with an `error` (the gateway's final error event, or a body that stopped early).
 */
export async function* readChatStream(response: Response): AsyncGenerator<ChatStreamEvent> {
  if (!response.body) {
    yield { type: "error", error: { type: "connection_closed", message: "The gateway answered without a body.", code: "no-body", values: {} } };
    return;
  }
  for await (const item of readServerSentEvents({ body: response.body })) {
    if (item.kind !== "event") continue;
    const data = item.event.data;
    if (item.event.event === retryNoticeEventName) {
      let notice: unknown;
      try {
        notice = JSON.parse(data);
      } catch {
        continue;
      }
      const read = readRetryNotice(notice);
      if (read) yield { type: "retry", notice: read };
      continue;
    }
    if (data === "[DONE]") {
      yield { type: "done" };
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      continue;
    }
    for (const event of eventsOf(json)) {
      yield event;
      if (event.type === "error") return;
    }
  }
  yield { type: "error", error: { type: "connection_closed", message: "The connection closed before the answer finished.", code: "closed", values: {} } };
}
