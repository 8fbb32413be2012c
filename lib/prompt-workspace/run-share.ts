import type { RunShareSnapshot, SharedCell } from "@/lib/share/run-share-snapshot";
import type { VariableValue } from "@/lib/prompts/prompt-template";
import { resultOf, type RunCellState, type RunSnapshot } from "./run-results";

// A run as a share: what the results page publishes (`POST /api/shares`), and the shared page's way
// back to the same snapshot shape, so one set of helpers (verdicts, totals, lanes) serves both.

function withoutBytes(value: VariableValue): VariableValue {
  // Media bytes are not published: the value keeps its kind and name.
  return value.kind === "media" && value.url.startsWith("data:") ? { kind: "media", media: value.media, url: "omitted", ...(value.name ? { name: value.name } : {}) } : value;
}

/** The snapshot a run is shared as; reasoning (the cells' and the judge's) only when `includeReasoning`. */
export function buildRunShareSnapshot({ snapshot, title, versionNotes, includeReasoning }: { snapshot: RunSnapshot; title: string; versionNotes: ReadonlyMap<number, string>; includeReasoning: boolean }): RunShareSnapshot {
  const { definition } = snapshot;
  const cells: SharedCell[] = [...snapshot.cells.values()].map((cell) => {
    const result = resultOf(cell);
    if (!result) return { id: cell.id, status: cell.status, ...(cell.result && "error" in cell.result ? { error: cell.result.error, ...(cell.result.errorParts ? { errorParts: cell.result.errorParts } : {}) } : {}) };
    const { record, checks } = result;
    return {
      id: cell.id,
      status: cell.status,
      record: { ...record, reasoning: includeReasoning ? record.reasoning : "" },
      checks: { ...checks, results: checks.results.map((check) => (check.pass !== "pending" && check.judge && !includeReasoning ? { ...check, judge: { ...check.judge, reasoning: "" } } : check)) },
    };
  });
  return {
    format: "kimi-workbench-run-share",
    version: 1,
    title: title.trim() || "Prompt run",
    runCreatedAt: snapshot.createdAt,
    versions: definition.versions.map((version) => ({ ...version, ...(versionNotes.get(version.number) ? { note: versionNotes.get(version.number) } : {}) })),
    rows: definition.rows.map((row) => ({ ...row, values: Object.fromEntries(Object.entries(row.values).map(([name, value]) => [name, withoutBytes(value)])) })),
    columns: definition.columns,
    assertions: definition.assertions,
    includesReasoning: includeReasoning,
    cells,
  };
}

/** A shared run read back as a run snapshot (finished as it was shared). */
export function snapshotFromShare(share: RunShareSnapshot): RunSnapshot {
  const cells = new Map<string, RunCellState>();
  const counts: RunSnapshot["counts"] = {};
  for (const cell of share.cells) {
    counts[cell.status] = (counts[cell.status] ?? 0) + 1;
    cells.set(cell.id, { id: cell.id, status: cell.status, attempts: 1, ...(cell.record && cell.checks ? { result: { record: cell.record, checks: cell.checks } } : cell.error ? { result: { error: cell.error, ...(cell.errorParts ? { errorParts: cell.errorParts } : {}) } } : {}) });
  }
  return {
    id: "shared",
    status: "finished",
    createdAt: share.runCreatedAt,
    cursor: 0,
    counts,
    definition: { versions: share.versions, rows: share.rows, columns: share.columns, assertions: share.assertions, pastedKeyColumns: [] },
    cells,
  };
}
