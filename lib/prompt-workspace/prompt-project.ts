import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { Assertion } from "@/lib/evals/assertions";
import { listVariables, type PromptTemplate } from "@/lib/prompts/prompt-template";
import type { PromptVersion } from "@/lib/prompts/prompt-versions";
import type { TestRow } from "@/lib/prompts/test-set";
import type { RunColumn } from "@/lib/runs/run-cell";
import type { WorkbenchMessage } from "@/lib/wire/coded-message";

// A prompt being prototyped, as this browser keeps it: the draft being edited, its saved versions,
// the test set, the checks, the columns to run on, and the runs started from it (the runs themselves
// live on the server).

/** A run started from a project (its results are on the server, under its id). */
export interface ProjectRun {
  id: string;
  createdAt: number;
  versions: number[];
  cells: number;
}

/** Everything about one prompt being prototyped. */
export interface PromptProject {
  id: string;
  name: string;
  /** The provider the draft is written for (where the prompt opens as a conversation). */
  providerId: ProviderId;
  draft: PromptTemplate;
  versions: PromptVersion[];
  rows: TestRow[];
  assertions: Assertion[];
  columns: RunColumn[];
  runs: ProjectRun[];
  /** The kind each test-set column was set to (text, JSON or media), where the user chose one. */
  variableKinds?: Record<string, "text" | "json" | "media">;
  /** What the user should know about the draft (what came along from a conversation); shown until dismissed. */
  /** Older projects hold plain English notes; newer ones carry catalog codes. */
  notes?: Array<string | WorkbenchMessage>;
  /** Bumped when the draft is replaced from outside the editor (a version restored), so editors reset. */
  draftRevision?: number;
  updatedAt: number;
}

/** A new project: a system prompt and a user message with one placeholder, one simulator column. */
export function createProject({ id, now, name = "Untitled prompt" }: { id: string; now: number; name?: string }): PromptProject {
  return {
    id,
    name,
    providerId: "simulator",
    draft: {
      model: "kimi-k2.6",
      messages: [
        { role: "system", content: "You are a concise assistant." },
        { role: "user", content: "{{question}}" },
      ],
      parameters: {},
    },
    versions: [],
    rows: [{ id: "row-1", values: { question: { kind: "text", text: "What is the capital of France?" } } }],
    assertions: [],
    columns: [{ id: "column-1", label: "kimi-k2.6 · Simulator (offline)", providerId: "simulator", model: "kimi-k2.6", overrides: {} }],
    runs: [],
    updatedAt: now,
  };
}

/** The variables of the draft, and for each whether any row lacks a value. */
export function variablesOf(project: Pick<PromptProject, "draft" | "rows">): Array<{ name: string; missingIn: number; kind: "text" | "json" | "media" | "mixed" | "none" }> {
  return listVariables(project.draft).map((name) => {
    const kinds = new Set(project.rows.flatMap((row) => (row.values[name] ? [row.values[name].kind] : [])));
    return { name, missingIn: project.rows.filter((row) => !row.values[name]).length, kind: kinds.size === 0 ? "none" : kinds.size > 1 ? "mixed" : [...kinds][0]! };
  });
}

/** A row id not yet used in the set. */
export function nextRowId(rows: readonly TestRow[]): string {
  const used = new Set(rows.map((row) => row.id));
  let number = rows.length + 1;
  while (used.has(`row-${number}`)) number += 1;
  return `row-${number}`;
}

/** A column id not yet used. */
export function nextColumnId(columns: readonly RunColumn[]): string {
  const used = new Set(columns.map((column) => column.id));
  let number = columns.length + 1;
  while (used.has(`column-${number}`)) number += 1;
  return `column-${number}`;
}

/** A readable label for a column: model, overrides that matter, provider. */
export function columnLabel({ model, providerLabel, overrides }: { model: string; providerLabel: string; overrides: Record<string, unknown> }): string {
  const effort = typeof overrides.reasoning_effort === "string" ? ` (${overrides.reasoning_effort})` : "";
  return `${model}${effort} · ${providerLabel}`;
}
