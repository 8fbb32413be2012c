import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { checkCell, tallyChecks, type Assertion } from "@/lib/evals/assertions";
import { renderTemplate } from "@/lib/prompts/prompt-template";
import type { RunStore, StoredCell } from "@/lib/store/run-store";
import { estimateRequestTokens } from "@/lib/tokens/estimate-request-tokens";
import { parseChatRequest } from "@/lib/wire/chat-request-schema";
import { completionLimits, requestLimits, type BudgetLimit, type RequestBudget } from "./request-budget";
import { runCell, sendChat, type RunColumn } from "./run-cell";
import { gradeJudges } from "./run-judge";
import { parseCellId, type CellResult, type PastedKeys, type RunDefinition } from "./run-types";
import { serverMessage } from "@/lib/i18n/server-message";
import { cellError } from "./cell-error";

// What a worker does with one claimed cell, whichever worker it is (the in-process poller, or a
// BullMQ job): find it in the run's definition, wait for the provider's request budget, run it,
// grade it (the judge included), and write the result once, only while holding its lease. Every
// request a cell sends draws on its provider's budget: the cell's own (handed back to the queue
// when the budget says wait), the gateway's retries of it and the judge's (waited for in the cell).

/** How a cell ended for the worker: written, or handed back because the provider's budget or a 429 said wait. */
export type CellOutcomeForWorker = { kind: "written" } | { kind: "limited"; waitMs: number; reason: "budget" | "429" };

/** Most times a cell is handed back after a final 429 before the 429 is recorded as its error. */
const maxRateLimitedAttempts = 4;

/** Runs claimed cells for one worker; keeps a few runs' definitions parsed. */
export function createCellExecutor({
  store,
  workerId,
  pastedKeys,
  budget,
  isStopping,
  rateLimitBackoffMs = 5_000,
}: {
  store: RunStore;
  workerId: string;
  pastedKeys: PastedKeys;
  budget: RequestBudget;
  isStopping: () => boolean;
  /** The first wait after a final 429, doubled by attempt. */
  rateLimitBackoffMs?: number;
}) {
  const definitions = new Map<string, RunDefinition>();
  const definitionOf = async (runId: string): Promise<RunDefinition | undefined> => {
    let definition = definitions.get(runId);
    if (!definition) {
      const run = await store.getRun(runId);
      if (!run) return undefined;
      definition = JSON.parse(run.definition) as RunDefinition;
      // A few runs' definitions are kept parsed (one can hold 10,000 rows); older ones are read again when needed.
      if (definitions.size >= 8) definitions.delete(definitions.keys().next().value!);
      definitions.set(runId, definition);
    }
    return definition;
  };

  /** The budgets a request draws on; undefined when it does not parse (the gateway then refuses it without sending). */
  const limitsFor = async ({ body, column }: { body: Record<string, unknown>; column: Pick<RunColumn, "providerId" | "model"> }): Promise<BudgetLimit[] | undefined> => {
    const parsed = parseChatRequest({ ...body, model: column.model });
    if (!parsed.ok) return undefined;
    const promptTokens = (await estimateRequestTokens({ request: parsed.request, providerId: column.providerId, preservedThinking: false })).breakdown.total;
    return requestLimits({ providerId: column.providerId, model: column.model, promptTokens });
  };

  /** Waits, in the cell, until the budget grants `limits` (or the cell is cancelled: the request then ends at once). */
  const waitForBudget = async ({ limits, signal }: { limits: readonly BudgetLimit[]; signal: AbortSignal }): Promise<void> => {
    for (;;) {
      const waitMs = await budget.reserve(limits);
      if (waitMs <= 0 || signal.aborted) return;
      await sleep(Math.min(waitMs, 1_000), undefined, { signal }).catch(() => undefined);
    }
  };

  /** A request the cell makes besides its own (the judge's), sent once the provider's budget grants it. */
  const sendWithinBudget: typeof sendChat = async (request) => {
    const limits = await limitsFor(request);
    if (limits) await waitForBudget({ limits, signal: request.signal });
    const record = await sendChat({ ...request, ...(limits ? { beforeRetry: () => waitForBudget({ limits, signal: request.signal }) } : {}) });
    if (record.usage) await budget.record(completionLimits({ providerId: request.column.providerId, model: request.column.model, completionTokens: record.usage.completion_tokens }));
    return record;
  };

  /** Runs one cell this worker has claimed. `limited`: the cell was handed back to the queue (its lease released). */
  const execute = async (cell: StoredCell, controller: AbortController): Promise<CellOutcomeForWorker> => {
    const definition = await definitionOf(cell.runId);
    const { version, rowId, columnId } = parseCellId(cell.cellId);
    const template = definition?.versions.find((item) => item.number === version)?.template;
    const row = definition?.rows.find((item) => item.id === rowId);
    const column = definition?.columns.find((item) => item.id === columnId);
    const finish = async (status: "done" | "failed" | "cancelled" | "waiting_for_key", result: unknown): Promise<CellOutcomeForWorker> => {
      // A worker that is stopping leaves its cells to the next one (their leases run out), unfinished.
      if (!isStopping()) await store.completeCell({ workerId, runId: cell.runId, cellId: cell.cellId, status, record: JSON.stringify(result), now: Date.now() });
      return { kind: "written" };
    };
    if (!definition || !template || !row || !column) return finish("failed", cellError(serverMessage({ code: "cellNoLongerDefined" })));
    const apiKey = pastedKeys.get(cell.runId)?.get(column.id);
    if (definition.pastedKeyColumns.includes(column.id) && !apiKey) {
      // The key lived in the memory of a process that is gone: the owner must give it again.
      return finish("waiting_for_key", cellError(serverMessage({ code: "cellWaitingForKey" })));
    }
    // The provider's budget: one request and its prompt tokens (counted locally), in the sliding window.
    const rendered = renderTemplate({ template, values: row.values });
    const body = rendered.ok ? { ...rendered.request, ...column.overrides } : undefined;
    const limits = body ? await limitsFor({ body, column }) : undefined;
    if (limits) {
      const waitMs = await budget.reserve(limits);
      if (waitMs > 0) {
        await store.releaseCell({ workerId, runId: cell.runId, cellId: cell.cellId, countAttempt: false, now: Date.now() });
        return { kind: "limited", waitMs, reason: "budget" };
      }
    }
    // The prompt rendered above is the one sent (runCell would render it again); the gateway's
    // retries draw on the budget too, waiting for it in the cell.
    const record = body
      ? await sendChat({ body, column, ...(apiKey ? { apiKey } : {}), signal: controller.signal, ...(limits ? { beforeRetry: () => waitForBudget({ limits, signal: controller.signal }) } : {}) })
      : await runCell({ template, values: row.values, column, ...(apiKey ? { apiKey } : {}), signal: controller.signal });
    if (record.usage) await budget.record(completionLimits({ providerId: column.providerId, model: column.model, completionTokens: record.usage.completion_tokens }));
    // A 429 that outlasted the gateway's retries: the provider wants the whole queue to slow down.
    if (record.status === "failed" && record.error?.startsWith("429") && cell.attempts < maxRateLimitedAttempts) {
      await store.releaseCell({ workerId, runId: cell.runId, cellId: cell.cellId, countAttempt: true, now: Date.now() });
      return { kind: "limited", waitMs: rateLimitBackoffMs * 2 ** (cell.attempts - 1), reason: "429" };
    }
    // The set's checks, then the row's own (validated by the runs API).
    const assertions = [...definition.assertions, ...((row.assert ?? []) as unknown as Assertion[])];
    let checks = checkCell({ assertions, outcome: record, ...(row.expected !== undefined ? { expected: row.expected } : {}) });
    if (checks.pending > 0 && record.status === "done") {
      const keys = pastedKeys.get(cell.runId);
      // The judge spends a key pasted for its provider in this run, if any; otherwise the server's.
      const keyFor = (providerId: string) => definition.columns.filter((item) => item.providerId === providerId).map((item) => keys?.get(item.id)).find(Boolean);
      const graded = await gradeJudges({ assertions, results: checks.results, outcome: record, messages: rendered.ok ? rendered.request.messages : [], ...(row.expected !== undefined ? { expected: row.expected } : {}), keyFor, signal: controller.signal, send: sendWithinBudget });
      checks = tallyChecks(graded);
    }
    return finish(record.status === "cancelled" ? "cancelled" : record.status === "failed" ? "failed" : "done", { record, checks } satisfies CellResult);
  };

  return { execute };
}
