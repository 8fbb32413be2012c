import { createParser } from "eventsource-parser";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { ChatCompletionChunk, ChatRequest, GatewayErrorBody, ToolCallDelta, Usage } from "@/lib/gateway/chat-wire";
import type { TurnError } from "./conversation-types";

/** What the chat screen reacts to while an answer streams in. */
export type ChatStreamEvent =
  | { type: "reasoning"; text: string; choice: number }
  | { type: "content"; text: string; choice: number }
  | { type: "tool-call"; delta: ToolCallDelta; choice: number }
  | { type: "finish"; reason: string; choice: number }
  | { type: "usage"; usage: Usage }
  | { type: "error"; error: TurnError }
  | { type: "done" };

/** The header that carries a key the user pasted (kept in their browser, sent per request). */
export const userKeyHeaderName = "x-provider-api-key";

function describeErrorBody(body: unknown, status: number): TurnError {
  const error = (body as Partial<GatewayErrorBody> | undefined)?.error;
  if (error && typeof error.message === "string") {
    return { status: error.upstream_status ?? status, type: error.type ?? "error", message: error.message };
  }
  return { status, type: "http_error", message: `The gateway answered HTTP ${status}.` };
}

/** Sends a streaming chat request through the gateway. */
export async function openChatStream({
  providerId,
  body,
  apiKey,
  signal,
}: {
  providerId: ProviderId;
  body: ChatRequest;
  apiKey: string | undefined;
  signal: AbortSignal;
}): Promise<{ ok: true; response: Response; attempts: number } | { ok: false; error: TurnError }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (apiKey) headers[userKeyHeaderName] = apiKey;
  let response: Response;
  try {
    response = await fetch(`/api/providers/${providerId}/v1/chat/completions`, { method: "POST", headers, body: JSON.stringify(body), signal });
  } catch (error) {
    if (signal.aborted) throw error;
    return { ok: false, error: { type: "network_error", message: "Could not reach the workbench server. Is it still running?" } };
  }
  const attempts = Number(response.headers.get("x-workbench-attempts") ?? "1");
  if (!response.ok || !response.body) {
    const parsed: unknown = await response.json().catch(() => undefined);
    return { ok: false, error: describeErrorBody(parsed, response.status) };
  }
  return { ok: true, response, attempts };
}

/** Reads the gateway's SSE body into events; a stream that stops without `[DONE]` ends with an error. */
export async function* readChatStream(response: Response): AsyncGenerator<ChatStreamEvent> {
  const pending: ChatStreamEvent[] = [];
  let finished = false;
  const parser = createParser({
    onEvent: ({ data }) => {
      if (finished) return;
      if (data === "[DONE]") {
        pending.push({ type: "done" });
        finished = true;
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        return;
      }
      if (typeof json === "object" && json !== null && "error" in json) {
        pending.push({ type: "error", error: describeErrorBody(json, 502) });
        finished = true;
        return;
      }
      const chunk = json as ChatCompletionChunk;
      if (chunk.usage) pending.push({ type: "usage", usage: chunk.usage });
      for (const choice of chunk.choices ?? []) {
        const index = choice.index ?? 0;
        if (choice.delta.reasoning_content) pending.push({ type: "reasoning", text: choice.delta.reasoning_content, choice: index });
        if (choice.delta.content) pending.push({ type: "content", text: choice.delta.content, choice: index });
        for (const delta of choice.delta.tool_calls ?? []) pending.push({ type: "tool-call", delta, choice: index });
        if (choice.finish_reason) pending.push({ type: "finish", reason: choice.finish_reason, choice: index });
      }
    },
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(value);
      while (pending.length > 0) yield pending.shift()!;
      if (finished) return;
    }
  } finally {
    reader.releaseLock();
  }
  yield { type: "error", error: { type: "connection_closed", message: "The connection closed before the answer finished." } };
}
