import type { ChatCompletionChunk, Usage } from "@/lib/wire/chat-response";
import type { ChatRequest } from "@/lib/wire/chat-request";
import { normalizeStream, type GatewayEvent } from "@/lib/gateway/normalize-stream";
import type { UpstreamFailure } from "@/lib/wire/failure";
import type { ProviderAdapter } from "@/lib/providers/provider-adapter";

/** Runs one streamed request through an adapter and the gateway's normalizer (usage placed as the request asks), collecting every event. */
export async function streamThroughGateway({
  adapter,
  request,
  apiKey = "sk-test-key",
}: {
  adapter: ProviderAdapter;
  request: ChatRequest;
  apiKey?: string;
}): Promise<{ ok: true; events: GatewayEvent[] } | { ok: false; failure: UpstreamFailure }> {
  const attempt = await adapter.streamChat({ request, apiKey, signal: new AbortController().signal });
  if (!attempt.ok) return attempt;
  const events: GatewayEvent[] = [];
  for await (const event of normalizeStream({ parts: attempt.parts, requestedModel: request.model, includeUsage: request.stream_options?.include_usage === true })) events.push(event);
  return { ok: true, events };
}

/** What a client assembles from a normalized stream. */
export interface AssembledAnswer {
  reasoning: string;
  content: string;
  toolCalls: Array<{ id?: string; type?: string; name: string; arguments: string }>;
  finishReason: string | null;
  usage: Usage[];
  chunks: ChatCompletionChunk[];
  error?: UpstreamFailure;
  done: boolean;
}

/** Folds gateway events the way a client would: text concatenated, tool calls merged by index. */
export function assembleAnswer(events: readonly GatewayEvent[]): AssembledAnswer {
  const answer: AssembledAnswer = { reasoning: "", content: "", toolCalls: [], finishReason: null, usage: [], chunks: [], done: false };
  for (const event of events) {
    if (event.type === "done") answer.done = true;
    else if (event.type === "error") answer.error = event.failure;
    else if (event.type === "chunk") {
      answer.chunks.push(event.chunk);
      if (event.chunk.usage) answer.usage.push(event.chunk.usage);
      for (const choice of event.chunk.choices) {
        answer.reasoning += choice.delta.reasoning_content ?? "";
        answer.content += choice.delta.content ?? "";
        if (choice.finish_reason) answer.finishReason = choice.finish_reason;
        for (const call of choice.delta.tool_calls ?? []) {
          const existing = (answer.toolCalls[call.index] ??= { name: "", arguments: "" });
          if (call.id) existing.id = call.id;
          if (call.type) existing.type = call.type;
          existing.name += call.function?.name ?? "";
          existing.arguments += call.function?.arguments ?? "";
        }
      }
    }
  }
  return answer;
}

/** Parses an SSE response body from the gateway into its `data:` payloads. */
export function parseSsePayloads(text: string): string[] {
  return text
    .split("\n\n")
    .map((block) => block.trim())
    .filter((block) => block.startsWith("data: "))
    .map((block) => block.slice("data: ".length));
}
