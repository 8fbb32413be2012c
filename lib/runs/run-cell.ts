import "server-only";
import type { CodedMessage } from "@/lib/wire/coded-message";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import { describeModel } from "@/lib/catalog/model-catalog";
import { applyStreamEvent, startAnswerProgress } from "@/lib/conversation/answer-reducer";
import type { CellOutcome } from "@/lib/evals/assertions";
import { serveChatCompletion } from "@/lib/gateway/chat-gateway";
import { getProviderRuntime } from "@/lib/providers/provider-registry";
import { renderTemplate, type PromptTemplate, type VariableValue } from "@/lib/prompts/prompt-template";
import { usageCost } from "@/lib/tokens/token-preview";
import type { Usage } from "@/lib/wire/chat-response";
import { readChatStream } from "@/lib/wire/chat-stream-events";
import { parseChatRequest } from "@/lib/wire/chat-request-schema";
import { envelopeMessage } from "@/lib/wire/error-envelope";
import { serverMessage, type ServerMessage } from "@/lib/i18n/server-message";
import { cellError } from "./cell-error";

// One cell of a run: a prompt version rendered for one row, sent to one column (provider, model,
// parameter overrides) through the gateway's own code path — retries, timeouts, the deadline,
// reasoning replay and redaction included — streamed, and measured.

/** A column of a run: where and how every row is sent. */
export interface RunColumn {
  id: string;
  label: string;
  providerId: ProviderId;
  model: string;
  /** Request fields set on top of the prompt's own (e.g. `reasoning_effort`, `temperature`). */
  overrides: Record<string, unknown>;
}

/** What a cell recorded. */
export interface CellRecord extends CellOutcome {
  status: "done" | "failed" | "cancelled";
  /** When the row could not be rendered: each problem with its catalog code, so the page can word `error` (older runs have none). */
  errorParts?: CodedMessage[];
  usage?: Usage;
  /** From sending to the first reasoning or answer token. */
  firstTokenMs?: number;
  durationMs: number;
}

const now = () => performance.now();

/** Runs one cell; never throws (a failure is recorded as the cell's error). */
export async function runCell({
  template,
  values,
  column,
  apiKey,
  signal,
}: {
  template: PromptTemplate;
  values: Readonly<Record<string, VariableValue>>;
  column: RunColumn;
  /** A key the run's owner pasted (held in memory for the run); otherwise the server's own. */
  apiKey?: string;
  signal: AbortSignal;
}): Promise<CellRecord> {
  const startedAt = now();
  const rendered = renderTemplate({ template, values });
  if (!rendered.ok) return { status: "failed", output: "", reasoning: "", toolCalls: [], finishReason: null, error: rendered.problems.map((problem) => problem.message).join(" "), errorParts: rendered.problems.map(({ message, code, values }) => ({ message, code, values })), durationMs: now() - startedAt };
  return sendChat({ body: { ...rendered.request, ...column.overrides }, column, ...(apiKey ? { apiKey } : {}), signal, startedAt });
}

/**
 * Sends one chat request (already rendered) to a column's provider and model through the gateway's
 * code path, streamed, and records it. Used for cells and for the judge's grading calls.
 */
export async function sendChat({ body, column, apiKey, signal, startedAt = now(), beforeRetry }: { body: Record<string, unknown>; column: Pick<RunColumn, "providerId" | "model">; apiKey?: string; signal: AbortSignal; startedAt?: number; beforeRetry?: () => Promise<void> }): Promise<CellRecord> {
  const failed = (error: string | ServerMessage, status: CellRecord["status"] = "failed"): CellRecord => ({ status, output: "", reasoning: "", toolCalls: [], finishReason: null, ...cellError(error), durationMs: now() - startedAt });
  const parsed = parseChatRequest({ ...body, model: column.model, stream: true, stream_options: { include_usage: true } });
  if (!parsed.ok) return failed(parsed.message);
  const runtime = getProviderRuntime(column.providerId);
  if (!runtime.adapter) return failed(serverMessage({ code: "cellProviderNotConfigured", values: { provider: runtime.descriptor.label, hint: runtime.setupHint ?? "" } }));
  const key = apiKey ?? runtime.serverApiKey;
  if (runtime.requiresKey && !key) return failed(serverMessage({ code: "cellMissingKey", values: { provider: runtime.descriptor.label } }));
  const response = await serveChatCompletion({
    request: new Request("http://runs.local/v1/chat/completions", { method: "POST", signal }),
    call: { runtime, adapter: runtime.adapter, apiKey: key, bodyLimit: { maxBytes: Number.POSITIVE_INFINITY, source: "runs" }, ...(beforeRetry ? { beforeRetry } : {}) },
    body: parsed.request,
  }).catch((error: unknown) => (signal.aborted ? undefined : Promise.reject(error)));
  if (!response) return failed(serverMessage({ code: "cellCancelledBeforeAnswer" }), "cancelled");
  if (!response.ok || !response.headers.get("content-type")?.includes("text/event-stream")) {
    const text = await response.text().catch(() => "");
    return failed(serverMessage({ code: "cellHttpError", values: { status: response.status, problem: envelopeMessage(text) ?? (text.slice(0, 300) || "no message") } }));
  }
  let progress = startAnswerProgress({ at: startedAt });
  try {
    for await (const event of readChatStream(response)) progress = applyStreamEvent(progress, { event, at: now() });
  } catch (error) {
    if (signal.aborted) return { ...failed(serverMessage({ code: "cellCancelledWhileStreaming" }), "cancelled"), output: progress.content, reasoning: progress.reasoning };
    return { ...failed(serverMessage({ code: "cellStreamBroke", values: { problem: error instanceof Error ? error.message : String(error) } })), output: progress.content, reasoning: progress.reasoning };
  }
  const endedAt = now();
  const firstTokenAt = Math.min(progress.reasoningStartedAt ?? Number.POSITIVE_INFINITY, progress.answerStartedAt ?? Number.POSITIVE_INFINITY);
  const prices = describeModel({ providerId: column.providerId, modelId: column.model }).prices;
  const usage = progress.usage;
  return {
    status: signal.aborted ? "cancelled" : progress.error ? "failed" : "done",
    output: progress.content,
    reasoning: progress.reasoning,
    toolCalls: progress.toolCalls,
    finishReason: progress.finishReason,
    ...(progress.error ? { error: `${progress.error.type}: ${progress.error.message}` } : {}),
    ...(usage ? { usage, reasoningTokens: usage.completion_tokens_details?.reasoning_tokens } : {}),
    ...(usage && prices ? { cost: usageCost({ usage, prices }) } : {}),
    ...(Number.isFinite(firstTokenAt) ? { firstTokenMs: firstTokenAt - startedAt } : {}),
    latencyMs: endedAt - startedAt,
    durationMs: endedAt - startedAt,
  };
}
