import { z } from "zod";
import { readServerSentEvents } from "@/lib/wire/read-server-sent-events";
import { mapFinishReason } from "@/lib/wire/finish-reason";
import { redactText } from "@/lib/wire/redact-secrets";
import { failureFromErrorBody } from "../openai-style/openai-style-errors";
import type { LenientChunk, StreamPart } from "@/lib/wire/upstream-chunk";
import { midStreamFailure } from "../openai-style/openai-style-stream";
import { nativeUsageSchema, toOpenAiStyleUsage } from "./dashscope-native-usage";
import { serverMessage } from "@/lib/i18n/server-message";

const nativeContentSchema = z.union([z.string(), z.array(z.looseObject({ text: z.string().nullish() }))]).nullish();

const nativeToolCallSchema = z.looseObject({
  index: z.number().int().nullish(),
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});

/** A native response body (one stream event, or the whole non-streamed answer). */
export const nativeResponseSchema = z.looseObject({
  request_id: z.string().nullish(),
  output: z
    .looseObject({
      text: z.string().nullish(),
      finish_reason: z.string().nullish(),
      choices: z
        .array(
          z.looseObject({
            finish_reason: z.string().nullish(),
            message: z
              .looseObject({
                role: z.string().nullish(),
                content: nativeContentSchema,
                reasoning_content: z.string().nullish(),
                tool_calls: z.array(nativeToolCallSchema).nullish(),
              })
              .nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
  usage: nativeUsageSchema.nullish(),
});

/** A native response, leniently parsed. */
export type NativeResponse = z.infer<typeof nativeResponseSchema>;

/** The text of native content: a string (text-generation) or `[{"text"}]` items (multimodal). */
export function nativeContentText(content: z.infer<typeof nativeContentSchema>): string | undefined {
  if (content === null || content === undefined) return undefined;
  if (typeof content === "string") return content;
  return content.map((item) => item.text ?? "").join("");
}

/** One native event as an OpenAI-style chunk, so the shared normalizer can finish the job. */
export function nativeEventToChunk({ response, model, created }: { response: NativeResponse; model: string; created: number }): LenientChunk {
  const output = response.output;
  const choices = output?.choices ?? (output?.text !== undefined ? [{ finish_reason: output.finish_reason, message: { content: output.text } }] : []);
  return {
    id: response.request_id ?? undefined,
    object: "chat.completion.chunk",
    created,
    model,
    choices: choices.map((choice, index) => ({
      index,
      delta: {
        content: nativeContentText(choice.message?.content),
        reasoning_content: choice.message?.reasoning_content ?? undefined,
        tool_calls: choice.message?.tool_calls ?? undefined,
      },
      finish_reason: choice.finish_reason,
    })),
    usage: response.usage ? toOpenAiStyleUsage(response.usage) : undefined,
  };
}

/**
 * Parses the native SSE stream: `id:` / `event:` / `:HTTP_STATUS/NNN` / `data:` lines without a
 * space after the colon, `finish_reason` "null" until the end, cumulative usage in every event, no
 * `[DONE]`, and errors as `event:error` under HTTP 200.
 */
export async function* parseDashscopeNativeStream({
  body,
  model,
  idleTimeoutMs,
  signal,
  secrets,
}: {
  body: ReadableStream<Uint8Array>;
  model: string;
  idleTimeoutMs: number;
  signal: AbortSignal;
  secrets: ReadonlyArray<string | undefined>;
}): AsyncGenerator<StreamPart> {
  const created = Math.floor(Date.now() / 1000);
  let eventStatus: number | undefined;
  let finished = false;
  let first = true;
  try {
    for await (const item of readServerSentEvents({ body, idleTimeoutMs })) {
      if (item.kind === "comment") {
        const match = /^\s*HTTP_STATUS\/(\d{3})/.exec(item.comment);
        if (match) eventStatus = Number(match[1]);
        continue;
      }
      const status = eventStatus;
      eventStatus = undefined;
      let json: unknown;
      try {
        json = JSON.parse(item.event.data);
      } catch {
        yield {
          type: "error",
          failure: { status: 502, type: "upstream_invalid_chunk", ...serverMessage({ code: "dashscopeEventNotJson", values: { event: redactText({ text: item.event.data.slice(0, 120), secrets }) } }), retryable: false },
        };
        return;
      }
      const isError = item.event.event === "error" || (status !== undefined && status >= 400) || (typeof json === "object" && json !== null && "code" in json && !("output" in json));
      if (isError) {
        const upstreamStatus = status !== undefined && status >= 400 ? status : 500;
        yield { type: "error", failure: failureFromErrorBody({ body: json, status: upstreamStatus, secrets }) };
        return;
      }
      const parsed = nativeResponseSchema.safeParse(json);
      if (!parsed.success) {
        yield {
          type: "error",
          failure: { status: 502, type: "upstream_invalid_chunk", ...serverMessage({ code: "dashscopeEventUnreadable" }), retryable: false },
        };
        return;
      }
      const chunk = nativeEventToChunk({ response: parsed.data, model, created });
      if (first) {
        for (const choice of chunk.choices ?? []) if (choice.delta) choice.delta.role = "assistant";
        first = false;
      }
      if (chunk.choices?.some((choice) => mapFinishReason(choice.finish_reason) !== null)) finished = true;
      yield { type: "chunk", chunk };
    }
    yield { type: "end", complete: finished };
  } catch (error) {
    if (signal.aborted) return;
    yield { type: "error", failure: midStreamFailure({ error }) };
  }
}
