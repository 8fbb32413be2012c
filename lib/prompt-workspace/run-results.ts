import type { CodedMessage } from "@/lib/wire/coded-message";
import type { Assertion } from "@/lib/evals/assertions";
import type { CellResult, RunDefinition } from "@/lib/runs/run-types";
import type { CellStatus } from "@/lib/store/run-store";

// A run as the results page holds it: polled from the server (`GET /api/runs/{id}`, then `?since`),
// merged by cell id, and read into the matrix, per-column totals and progress figures.

/** One cell as the runs API reports it. */
export interface RunCellState {
  id: string;
  status: CellStatus;
  attempts: number;
  updatedAt?: number;
  result?: CellResult | { error: string; errorParts?: CodedMessage[] };
}

/** What a poll of the runs API answers. */
export interface RunPoll {
  id: string;
  status: "running" | "cancelled" | "finished";
  createdAt: number;
  cursor: number;
  counts: Partial<Record<CellStatus, number>>;
  definition?: RunDefinition;
  cells: RunCellState[];
}

/** The run on screen: the definition from the first poll, every cell merged by id. */
export interface RunSnapshot {
  id: string;
  status: RunPoll["status"];
  createdAt: number;
  cursor: number;
  counts: RunPoll["counts"];
  definition: RunDefinition;
  cells: ReadonlyMap<string, RunCellState>;
}

/** Merges a poll into the snapshot (a new map only when a cell changed, so unchanged views keep their props). */
export function mergeRunPoll({ snapshot, poll }: { snapshot: RunSnapshot | undefined; poll: RunPoll }): RunSnapshot {
  const definition = poll.definition ?? snapshot?.definition;
  if (!definition) throw new Error("The first poll of a run must carry its definition (poll without ?since).");
  let cells = snapshot && !poll.definition ? snapshot.cells : new Map<string, RunCellState>();
  let changed = cells !== snapshot?.cells;
  for (const cell of poll.cells) {
    const before = cells.get(cell.id);
    if (before && before.status === cell.status && before.attempts === cell.attempts && before.updatedAt === cell.updatedAt) continue;
    if (!changed) {
      cells = new Map(cells);
      changed = true;
    }
    (cells as Map<string, RunCellState>).set(cell.id, cell);
  }
  return { id: poll.id, status: poll.status, createdAt: poll.createdAt, cursor: poll.cursor, counts: poll.counts, definition, cells };
}

/** What a cell shows in the matrix. */
export type CellVerdict = "pass" | "fail" | "error" | "pending" | "running" | "queued" | "cancelled" | "waiting" | "no-checks";

/** Each verdict's mark for the grid; its words are in the message catalog (`verdicts.*`). */
export const verdictMarks: Record<CellVerdict, string> = {
  pass: "✓",
  "no-checks": "•",
  fail: "✗",
  error: "!",
  pending: "?",
  running: "…",
  queued: "·",
  cancelled: "–",
  waiting: "⚿",
};

/** A finished cell's result, when it has one. */
export function resultOf(cell: RunCellState | undefined): CellResult | undefined {
  return cell?.result && "record" in cell.result ? cell.result : undefined;
}

/** The verdict of one cell: its state while unfinished, then its checks. */
export function cellVerdict(cell: RunCellState | undefined): CellVerdict {
  if (!cell || cell.status === "queued") return "queued";
  if (cell.status === "running") return "running";
  if (cell.status === "cancelled") return "cancelled";
  if (cell.status === "waiting_for_key") return "waiting";
  const result = resultOf(cell);
  if (!result) return "error";
  if (result.record.error && result.record.status === "failed") return "error";
  if (result.checks.failed > 0) return "fail";
  if (result.checks.pending > 0) return "pending";
  return result.checks.results.length === 0 ? "no-checks" : "pass";
}

function percentile(values: number[], fraction: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

/** Totals of one column for one version. */
export interface ColumnTotals {
  columnId: string;
  label: string;
  cells: number;
  finished: number;
  /** Cells whose every check passed. */
  passed: number;
  /** Cells with a failed check. */
  failed: number;
  /** Cells whose call failed. */
  errors: number;
  checksPassed: number;
  checksFailed: number;
  /** Summed cost by currency (a column has one model, so one currency). */
  cost?: { amount: number; currency: "CNY" | "USD" };
  latencyP50Ms?: number;
  latencyP95Ms?: number;
  firstTokenP50Ms?: number;
}

/** Pass/fail, cost and latency per column, for one version of the prompt. */
export function columnTotals({ snapshot, version }: { snapshot: RunSnapshot; version: number }): ColumnTotals[] {
  return snapshot.definition.columns.map((column) => {
    const totals: ColumnTotals = { columnId: column.id, label: column.label, cells: 0, finished: 0, passed: 0, failed: 0, errors: 0, checksPassed: 0, checksFailed: 0 };
    const latencies: number[] = [];
    const firstTokens: number[] = [];
    for (const row of snapshot.definition.rows) {
      totals.cells += 1;
      const cell = snapshot.cells.get(`${version}:${row.id}:${column.id}`);
      const verdict = cellVerdict(cell);
      if (verdict === "pass" || verdict === "no-checks") totals.passed += 1;
      if (verdict === "fail") totals.failed += 1;
      if (verdict === "error") totals.errors += 1;
      const result = resultOf(cell);
      if (!result) continue;
      totals.finished += 1;
      totals.checksPassed += result.checks.passed;
      totals.checksFailed += result.checks.failed;
      const { cost, latencyMs, firstTokenMs } = result.record;
      if (cost) totals.cost = { amount: (totals.cost?.amount ?? 0) + cost.amount, currency: cost.currency };
      if (latencyMs !== undefined && result.record.status === "done") latencies.push(latencyMs);
      if (firstTokenMs !== undefined) firstTokens.push(firstTokenMs);
    }
    const p50 = percentile(latencies, 0.5);
    const p95 = percentile(latencies, 0.95);
    const firstTokenP50 = percentile(firstTokens, 0.5);
    return { ...totals, ...(p50 !== undefined ? { latencyP50Ms: p50 } : {}), ...(p95 !== undefined ? { latencyP95Ms: p95 } : {}), ...(firstTokenP50 !== undefined ? { firstTokenP50Ms: firstTokenP50 } : {}) };
  });
}

/** Progress of the whole run: counts, pace, spend so far and the time left at that pace. */
export interface RunProgress {
  total: number;
  finished: number;
  running: number;
  queued: number;
  failed: number;
  /** Finished cells per minute, from the run's start to its latest finished cell. */
  perMinute?: number;
  spent: Array<{ amount: number; currency: "CNY" | "USD" }>;
  /** At the current pace; absent until a cell finished or once nothing is left. */
  remainingMs?: number;
}

/** Reads the progress figures from a snapshot. */
export function runProgress(snapshot: RunSnapshot): RunProgress {
  const counts = snapshot.counts;
  const total = Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0);
  const running = counts.running ?? 0;
  const queued = counts.queued ?? 0;
  const finished = total - running - queued;
  const spent = new Map<"CNY" | "USD", number>();
  let lastFinishedAt = 0;
  let finishedSeen = 0;
  for (const cell of snapshot.cells.values()) {
    const result = resultOf(cell);
    if (!result) continue;
    finishedSeen += 1;
    if (cell.updatedAt !== undefined) lastFinishedAt = Math.max(lastFinishedAt, cell.updatedAt);
    if (result.record.cost) spent.set(result.record.cost.currency, (spent.get(result.record.cost.currency) ?? 0) + result.record.cost.amount);
  }
  const elapsed = lastFinishedAt - snapshot.createdAt;
  const perMinute = finishedSeen > 0 && elapsed > 0 ? (finishedSeen / elapsed) * 60_000 : undefined;
  const left = running + queued;
  return {
    total,
    finished,
    running,
    queued,
    failed: counts.failed ?? 0,
    ...(perMinute !== undefined ? { perMinute } : {}),
    spent: [...spent].map(([currency, amount]) => ({ currency, amount })),
    ...(perMinute !== undefined && left > 0 && snapshot.status === "running" ? { remainingMs: (left / perMinute) * 60_000 } : {}),
  };
}

/** The rows the matrix lists for a version: all, or only those with a failed check or a failed call in some column. */
export function matrixRowIds({ snapshot, version, onlyFailures }: { snapshot: RunSnapshot; version: number; onlyFailures: boolean }): string[] {
  const rows = snapshot.definition.rows.map((row) => row.id);
  if (!onlyFailures) return rows;
  return rows.filter((rowId) => snapshot.definition.columns.some((column) => ["fail", "error"].includes(cellVerdict(snapshot.cells.get(`${version}:${rowId}:${column.id}`)))));
}

/** One column of the results matrix: a run's column for one version of the prompt. */
export interface ResultLane {
  key: string;
  runId: string;
  version: number;
  columnId: string;
  label: string;
  snapshot: RunSnapshot;
}

/** The lanes of one or more runs (a run compared with another shows both side by side), and the rows they share or not. */
export function lanesOf(snapshots: readonly RunSnapshot[]): { lanes: ResultLane[]; rowIds: string[] } {
  const lanes: ResultLane[] = [];
  const rowIds: string[] = [];
  const seen = new Set<string>();
  const versionsShown = new Set(snapshots.flatMap((snapshot) => snapshot.definition.versions.map((version) => version.number)));
  for (const snapshot of snapshots) {
    for (const version of snapshot.definition.versions) {
      for (const column of snapshot.definition.columns) {
        lanes.push({ key: `${snapshot.id}|${version.number}|${column.id}`, runId: snapshot.id, version: version.number, columnId: column.id, label: versionsShown.size > 1 ? `v${version.number} · ${column.label}` : column.label, snapshot });
      }
    }
    for (const row of snapshot.definition.rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      rowIds.push(row.id);
    }
  }
  return { lanes, rowIds };
}

/** A lane's cell for a row. */
export function laneCell(lane: ResultLane, rowId: string): RunCellState | undefined {
  return lane.snapshot.cells.get(`${lane.version}:${rowId}:${lane.columnId}`);
}

/** The checks a row's cells were graded on, in the order of their results: the set's, then the row's own. */
export function checksForRow({ definition, rowId }: { definition: Pick<RunDefinition, "assertions" | "rows">; rowId: string }): Assertion[] {
  const row = definition.rows.find((item) => item.id === rowId);
  return [...definition.assertions, ...((row?.assert ?? []) as unknown as Assertion[])];
}
