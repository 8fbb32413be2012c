import "server-only";
import { randomBytes } from "node:crypto";
import { checkCell, tallyChecks, type Assertion } from "@/lib/evals/assertions";
import { describeErrorForLog, logEvent } from "@/lib/log/server-log";
import { renderTemplate, type PromptTemplate } from "@/lib/prompts/prompt-template";
import type { TestRow } from "@/lib/prompts/test-set";
import type { RunStore, StoredCell } from "@/lib/store/run-store";
import { runCell, type CellRecord, type RunColumn } from "./run-cell";
import { gradeJudges } from "./run-judge";

// The in-process worker: takes cells from the run store under a lease, runs them (a few at a time),
// renews its leases while they stream, and writes each result once. Runs survive the tab closing
// (they are the server's) and a server restart (leases of a killed worker run out; its cells are
// taken again; finished cells are never run again).

/** What a run is: versions × rows × columns, and the checks on every cell. */
export interface RunDefinition {
  versions: Array<{ number: number; template: PromptTemplate }>;
  rows: TestRow[];
  columns: RunColumn[];
  assertions: Assertion[];
  /** Columns that spend a key the owner pasted (held in this process's memory only). */
  pastedKeyColumns: string[];
}

/** What a finished cell stores: its record and its checks. */
export interface CellResult {
  record: CellRecord;
  checks: ReturnType<typeof checkCell>;
}

/** A cell's id within its run. */
export function cellIdOf({ version, rowId, columnId }: { version: number; rowId: string; columnId: string }): string {
  return `${version}:${rowId}:${columnId}`;
}

function parseCellId(cellId: string): { version: number; rowId: string; columnId: string } {
  const [version = "", ...rest] = cellId.split(":");
  const columnId = rest.pop() ?? "";
  return { version: Number(version), rowId: rest.join(":"), columnId };
}

/** Stores a new run with every cell queued; returns its id. */
export async function createRun({ store, definition, now }: { store: RunStore; definition: RunDefinition; now: number }): Promise<string> {
  const id = randomBytes(12).toString("base64url");
  const cellIds = definition.versions.flatMap((version) => definition.rows.flatMap((row) => definition.columns.map((column) => cellIdOf({ version: version.number, rowId: row.id, columnId: column.id }))));
  await store.createRun({ run: { id, definition: JSON.stringify(definition), status: "running", createdAt: now }, cellIds });
  return id;
}

/** Keys pasted for runs, by run and column: in memory only, gone with the process. */
export type PastedKeys = Map<string, Map<string, string>>;

/** Starts a worker; `stop` waits for its cells to be released (not finished). */
export function startRunWorker({
  store,
  concurrency,
  leaseMs = 30_000,
  pollMs = 200,
  pastedKeys = new Map(),
  workerId = randomBytes(8).toString("hex"),
}: {
  store: RunStore;
  concurrency: number;
  leaseMs?: number;
  pollMs?: number;
  pastedKeys?: PastedKeys;
  workerId?: string;
}): { workerId: string; stop(): Promise<void> } {
  const active = new Map<string, { cell: StoredCell; controller: AbortController; done: Promise<void> }>();
  const definitions = new Map<string, RunDefinition>();
  let stopped = false;

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

  const work = async (cell: StoredCell, controller: AbortController): Promise<void> => {
    const definition = await definitionOf(cell.runId);
    const { version, rowId, columnId } = parseCellId(cell.cellId);
    const template = definition?.versions.find((item) => item.number === version)?.template;
    const row = definition?.rows.find((item) => item.id === rowId);
    const column = definition?.columns.find((item) => item.id === columnId);
    // A worker that is stopping leaves its cells to the next one (their leases run out), unfinished.
    const finish = (status: "done" | "failed" | "cancelled" | "waiting_for_key", result: unknown) => !stopped && store.completeCell({ workerId, runId: cell.runId, cellId: cell.cellId, status, record: JSON.stringify(result), now: Date.now() });
    if (!definition || !template || !row || !column) {
      await finish("failed", { error: "The run's definition no longer has this cell." });
      return;
    }
    const apiKey = pastedKeys.get(cell.runId)?.get(column.id);
    if (definition.pastedKeyColumns.includes(column.id) && !apiKey) {
      // The key lived in the memory of a process that is gone: the owner must give it again.
      await finish("waiting_for_key", { error: `This column spends a key pasted in the browser, which the server keeps in memory only; paste it again to continue the run.` });
      return;
    }
    const record = await runCell({ template, values: row.values, column, ...(apiKey ? { apiKey } : {}), signal: controller.signal });
    let checks = checkCell({ assertions: definition.assertions, outcome: record, ...(row.expected !== undefined ? { expected: row.expected } : {}) });
    if (checks.pending > 0 && record.status === "done") {
      const rendered = renderTemplate({ template, values: row.values });
      const keys = pastedKeys.get(cell.runId);
      // The judge spends a key pasted for its provider in this run, if any; otherwise the server's.
      const keyFor = (providerId: string) => definition.columns.filter((item) => item.providerId === providerId).map((item) => keys?.get(item.id)).find(Boolean);
      const graded = await gradeJudges({ assertions: definition.assertions, results: checks.results, outcome: record, messages: rendered.ok ? rendered.request.messages : [], ...(row.expected !== undefined ? { expected: row.expected } : {}), keyFor, signal: controller.signal });
      checks = tallyChecks(graded);
    }
    await finish(record.status === "cancelled" ? "cancelled" : record.status === "failed" ? "failed" : "done", { record, checks } satisfies CellResult);
  };

  const tickOnce = async () => {
    const now = Date.now();
    if (active.size > 0) await store.renewLeases({ workerId, cellIds: [...active.values()].map(({ cell }) => cell), leaseMs, now });
    // Cells of a run cancelled meanwhile stop at once (their upstream requests are aborted).
    const runIds = new Set([...active.values()].map(({ cell }) => cell.runId));
    for (const runId of runIds) {
      if ((await store.getRun(runId))?.status !== "cancelled") continue;
      for (const { cell, controller } of active.values()) if (cell.runId === runId) controller.abort();
    }
    const free = concurrency - active.size;
    if (free <= 0 || stopped) return;
    for (const cell of await store.claimCells({ workerId, limit: free, leaseMs, now })) {
      const controller = new AbortController();
      const key = `${cell.runId}|${cell.cellId}`;
      const done = work(cell, controller)
        .catch(() => store.completeCell({ workerId, runId: cell.runId, cellId: cell.cellId, status: "failed", record: JSON.stringify({ error: "The worker failed on this cell." }), now: Date.now() }))
        .then(() => {
          active.delete(key);
        });
      active.set(key, { cell, controller, done });
    }
  };
  // One tick at a time (a store call may take longer than the interval); a failing store is retried next tick.
  let ticking: Promise<void> | undefined;
  const tick = () => {
    if (stopped || ticking) return;
    ticking = tickOnce()
      .catch((error: unknown) => logEvent({ level: "warn", event: "run_worker_tick_failed", fields: describeErrorForLog(error) }))
      .finally(() => {
        ticking = undefined;
      });
  };
  const timer = setInterval(tick, pollMs);
  tick();
  return {
    workerId,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await ticking;
      for (const { controller } of active.values()) controller.abort();
      await Promise.all([...active.values()].map(({ done }) => done));
    },
  };
}
