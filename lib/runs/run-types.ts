import type { Assertion, checkCell } from "@/lib/evals/assertions";
import type { PromptTemplate } from "@/lib/prompts/prompt-template";
import type { TestRow } from "@/lib/prompts/test-set";
import type { CellRecord, RunColumn } from "./run-cell";

// What a run is and what its cells record, shared by the workers, the routes and the results page.

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

/** The parts of a cell's id (a row id may contain ':'; version and column ids may not). */
export function parseCellId(cellId: string): { version: number; rowId: string; columnId: string } {
  const [version = "", ...rest] = cellId.split(":");
  const columnId = rest.pop() ?? "";
  return { version: Number(version), rowId: rest.join(":"), columnId };
}

/** Keys pasted for runs, by run and column: in memory only, gone with the process. */
export type PastedKeys = Map<string, Map<string, string>>;

