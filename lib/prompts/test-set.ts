import type { CodedMessage } from "@/lib/wire/coded-message";
import Papa from "papaparse";
import type { VariableValue } from "./prompt-template";

// A test set: rows of variable values, each with an optional expected output and notes. Imported
// from CSV, JSONL or a pasted JSON array, exported back to CSV and JSONL. Errors name the row (as the
// file numbers it) and the column.

/** One row of a test set. */
export interface TestRow {
  id: string;
  values: Record<string, VariableValue>;
  expected?: string;
  notes?: string;
  /**
   * Checks for this row only, on top of the set's (JSON objects like {"type": "contains", "value": "Paris"};
   * imported from an `assert` column and validated where checks are defined, lib/evals).
   */
  assert?: Array<Record<string, unknown>>;
}

/** A problem in an imported file, where it is. */
export interface ImportProblem extends CodedMessage {
  /** The line (CSV: counting the header as line 1; JSONL: the line) or the array index + 1. */
  row: number;
  column?: string;
}

/** Columns with these names (any case) are not variables. */
const expectedColumns = new Set(["expected", "expected_output", "__expected"]);
const notesColumns = new Set(["notes", "note", "__notes"]);
const idColumns = new Set(["id", "__id"]);
/** A row's own checks: a JSON array (`assert` or `assert:json` in CSV, `assert` in JSONL). */
const assertColumns = new Set(["assert", "assert:json", "__assert"]);

/** A column whose header ends in ":json" holds JSON (`{"a":1}`, `[1,2]`, `42`); others hold text. */
const jsonSuffix = /:json$/i;

const maxRows = 10_000;

function readCell({ header, cell, row, problems }: { header: string; cell: unknown; row: number; problems: ImportProblem[] }): VariableValue | undefined {
  const name = header.replace(jsonSuffix, "");
  if (jsonSuffix.test(header)) {
    if (typeof cell !== "string") return { kind: "json", value: cell };
    if (cell.trim() === "") return undefined;
    try {
      return { kind: "json", value: JSON.parse(cell) };
    } catch (error) {
      problems.push({ row, column: name, message: `is marked JSON (${header}) but is not valid JSON (${error instanceof Error ? error.message : "parse error"}): fix the value, or rename the column to "${name}" for text.`, code: "json-value", values: { header, problem: error instanceof Error ? error.message : "parse error", name } });
      return undefined;
    }
  }
  if (cell === null || cell === undefined) return undefined;
  if (typeof cell === "string") return { kind: "text", text: cell };
  if (typeof cell === "object" && cell !== null && (cell as { kind?: unknown }).kind === "media") {
    const media = cell as { media?: unknown; url?: unknown; name?: unknown };
    if ((media.media === "image" || media.media === "video") && typeof media.url === "string") return { kind: "media", media: media.media, url: media.url, ...(typeof media.name === "string" ? { name: media.name } : {}) };
    problems.push({ row, column: name, message: 'is a media value without a valid "media" ("image" or "video") and "url".', code: "media-value", values: {} });
    return undefined;
  }
  return { kind: "json", value: cell };
}

function rowFromRecord({ record, row, problems }: { record: Record<string, unknown>; row: number; problems: ImportProblem[] }): TestRow {
  const values: Record<string, VariableValue> = {};
  let expected: string | undefined;
  let notes: string | undefined;
  let id: string | undefined;
  let assert: TestRow["assert"];
  for (const [header, cell] of Object.entries(record)) {
    const key = header.trim().toLowerCase();
    const text = typeof cell === "string" ? cell : cell === null || cell === undefined ? undefined : JSON.stringify(cell);
    if (assertColumns.has(key)) {
      const read = readRowAssert({ cell, row, problems });
      if (read) assert = read;
    } else if (expectedColumns.has(key)) expected = text || undefined;
    else if (notesColumns.has(key)) notes = text || undefined;
    else if (idColumns.has(key)) id = text || undefined;
    else if (header.trim() === "") problems.push({ row, message: "has a value in a column without a header: name every column in the first line.", code: "no-header", values: {} });
    else {
      const value = readCell({ header: header.trim(), cell, row, problems });
      if (value) values[header.trim().replace(jsonSuffix, "")] = value;
    }
  }
  return { id: id ?? `row-${row}`, values, ...(expected !== undefined ? { expected } : {}), ...(notes !== undefined ? { notes } : {}), ...(assert ? { assert } : {}) };
}

/** A row's `assert` cell: a JSON array of objects with a "type" (what each check means is checked later, against the kinds of checks). */
function readRowAssert({ cell, row, problems }: { cell: unknown; row: number; problems: ImportProblem[] }): TestRow["assert"] | undefined {
  let value = cell;
  if (typeof cell === "string") {
    if (cell.trim() === "") return undefined;
    try {
      value = JSON.parse(cell);
    } catch (error) {
      problems.push({ row, column: "assert", message: `must be a JSON array of checks, e.g. [{"type": "contains", "value": "Paris"}]; it is not valid JSON (${error instanceof Error ? error.message : "parse error"}).`, code: "assert-json", values: { problem: error instanceof Error ? error.message : "parse error" } });
      return undefined;
    }
  }
  if (!Array.isArray(value) || value.some((item) => typeof item !== "object" || item === null || typeof (item as { type?: unknown }).type !== "string")) {
    problems.push({ row, column: "assert", message: 'must be a JSON array of checks, each an object with a "type", e.g. [{"type": "contains", "value": "Paris"}].', code: "assert-shape", values: {} });
    return undefined;
  }
  return value as Array<Record<string, unknown>>;
}

/** Reads a test set from CSV (first line: headers), with every problem found. */
export function parseCsvTestSet(text: string): { rows: TestRow[]; problems: ImportProblem[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: "greedy" });
  const problems: ImportProblem[] = parsed.errors.map((error) => ({
    row: (error.row ?? 0) + 2,
    message: error.code === "TooFewFields" || error.code === "TooManyFields" ? `${error.message}: every line needs one value per header (quote values that contain commas).` : `${error.message}.`,
    // The CSV reader's own words (English) are kept; the page adds its advice for a wrong field count.
    code: error.code === "TooFewFields" || error.code === "TooManyFields" ? "field-count" : "csv",
    values: { problem: error.message },
  }));
  const headers = parsed.meta.fields ?? [];
  if (headers.length === 0) return { rows: [], problems: [{ row: 1, message: "The first line must name the columns (e.g. city,question,expected).", code: "no-columns", values: {} }] };
  // Papa Parse renames a repeated header ("a", "a_1"); the file's own first line says what was meant.
  const firstLine = (Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { preview: 1 }).data[0] ?? []).map((header) => header.trim());
  const duplicate = firstLine.find((header, index) => header !== "" && firstLine.indexOf(header) !== index);
  if (duplicate) problems.push({ row: 1, column: duplicate, message: "appears twice in the header: give every column its own name.", code: "duplicate-column", values: {} });
  if (parsed.data.length > maxRows) problems.push({ row: maxRows + 2, message: `A test set holds at most ${maxRows.toLocaleString("en-US")} rows; split the file.`, code: "too-many-rows", values: { max: maxRows.toLocaleString("en-US") } });
  const rows = parsed.data.slice(0, maxRows).map((record, index) => rowFromRecord({ record, row: index + 2, problems }));
  return { rows, problems };
}

/** Reads a test set from JSON Lines (one object per line) or a JSON array of objects. */
export function parseJsonTestSet(text: string): { rows: TestRow[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  let records: Array<{ record: unknown; row: number }>;
  if (trimmed.startsWith("[")) {
    try {
      records = (JSON.parse(trimmed) as unknown[]).map((record, index) => ({ record, row: index + 1 }));
    } catch (error) {
      return { rows: [], problems: [{ row: 1, message: `The text starts with [ but is not a valid JSON array (${error instanceof Error ? error.message : "parse error"}).`, code: "json-array", values: { problem: error instanceof Error ? error.message : "parse error" } }] };
    }
    if (!Array.isArray(records)) return { rows: [], problems: [{ row: 1, message: "Expected a JSON array of objects.", code: "not-array", values: {} }] };
  } else {
    records = [];
    for (const [index, line] of trimmed.split(/\r?\n/).entries()) {
      if (line.trim() === "") continue;
      try {
        records.push({ record: JSON.parse(line), row: index + 1 });
      } catch (error) {
        problems.push({ row: index + 1, message: `is not valid JSON (${error instanceof Error ? error.message : "parse error"}): each line must be one JSON object.`, code: "jsonl-line", values: { problem: error instanceof Error ? error.message : "parse error" } });
      }
    }
  }
  if (records.length > maxRows) problems.push({ row: maxRows + 1, message: `A test set holds at most ${maxRows.toLocaleString("en-US")} rows; split the file.`, code: "too-many-rows", values: { max: maxRows.toLocaleString("en-US") } });
  const rows: TestRow[] = [];
  for (const { record, row } of records.slice(0, maxRows)) {
    if (!record || typeof record !== "object" || Array.isArray(record)) {
      problems.push({ row, message: `must be an object of column values, e.g. {"city": "Paris", "expected": "France"}; found ${Array.isArray(record) ? "an array" : JSON.stringify(record)}.`, code: "not-object", values: { found: Array.isArray(record) ? "" : JSON.stringify(record), array: Array.isArray(record) ? "yes" : "no" } });
      continue;
    }
    // JSON values keep their type: strings are text, anything else is JSON.
    rows.push(rowFromRecord({ record: record as Record<string, unknown>, row, problems }));
  }
  return { rows, problems };
}

/** The columns of a set: every variable in first-seen order, then expected and notes when any row has them. */
export function columnsOf(rows: readonly TestRow[]): { variables: string[]; expected: boolean; notes: boolean; assert: boolean } {
  const variables: string[] = [];
  for (const row of rows) for (const name of Object.keys(row.values)) if (!variables.includes(name)) variables.push(name);
  return { variables, expected: rows.some((row) => row.expected !== undefined), notes: rows.some((row) => row.notes !== undefined), assert: rows.some((row) => (row.assert?.length ?? 0) > 0) };
}

function cellText(value: VariableValue | undefined): string {
  if (!value) return "";
  if (value.kind === "text") return value.text;
  if (value.kind === "json") return JSON.stringify(value.value);
  return value.url;
}

/** The set as CSV: JSON columns keep their ":json" header so the file reads back the same. */
export function exportCsvTestSet(rows: readonly TestRow[]): string {
  const { variables, expected, notes, assert } = columnsOf(rows);
  const isJson = (name: string) => rows.some((row) => row.values[name]?.kind === "json");
  const headers = [...variables.map((name) => (isJson(name) ? `${name}:json` : name)), ...(expected ? ["expected"] : []), ...(notes ? ["notes"] : []), ...(assert ? ["assert:json"] : [])];
  const data = rows.map((row) => [...variables.map((name) => cellText(row.values[name])), ...(expected ? [row.expected ?? ""] : []), ...(notes ? [row.notes ?? ""] : []), ...(assert ? [row.assert?.length ? JSON.stringify(row.assert) : ""] : [])]);
  return Papa.unparse({ fields: headers, data });
}

/** The set as JSON Lines: text as strings, JSON as its value, media as {"kind":"media",…}. */
export function exportJsonlTestSet(rows: readonly TestRow[]): string {
  return rows
    .map((row) => {
      const record: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(row.values)) record[name] = value.kind === "text" ? value.text : value.kind === "json" ? value.value : value;
      if (row.expected !== undefined) record.expected = row.expected;
      if (row.notes !== undefined) record.notes = row.notes;
      if (row.assert?.length) record.assert = row.assert;
      return JSON.stringify(record);
    })
    .join("\n");
}
