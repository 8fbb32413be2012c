"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useTranslations } from "next-intl";
import { memo, useMemo, useRef, useState } from "react";
import { nextRowId, variablesOf, type PromptProject } from "@/lib/prompt-workspace/prompt-project";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { ProvidersResponse } from "@/lib/catalog/provider-summary";
import { loadProviderKeys } from "@/lib/chat/browser-storage";
import { extractDocumentText, mediaFileProblem, readMediaPart } from "@/lib/prompt-workspace/prompt-media";
import { readRowChecks } from "@/lib/evals/assertion-schema";
import type { VariableValue } from "@/lib/prompts/prompt-template";
import { columnsOf, exportCsvTestSet, exportJsonlTestSet, parseCsvTestSet, parseJsonTestSet, type ImportProblem, type TestRow } from "@/lib/prompts/test-set";
import { attachProblemText } from "@/components/i18n/media-text";
import { catalogText } from "@/components/i18n/catalog-text";
import { downloadText } from "./download-file";
import { buttonClass, inputClass, labelClass, sectionClass } from "./prompt-styles";

type Update = (change: (project: PromptProject) => PromptProject) => void;
type Kind = VariableValue["kind"];

const rowHeight = 44;

function valueText(value: VariableValue | undefined): string {
  if (!value) return "";
  if (value.kind === "text") return value.text;
  if (value.kind === "json") return JSON.stringify(value.value);
  return value.name ?? value.url.slice(0, 40);
}

/** One editable value: text, JSON (checked as typed) or a media file. */
/** The provider the prompt is written for: it extracts documents' text and sets the inline media limits. */
interface CellProvider {
  id: ProviderId;
  label: string;
}

function ValueCell({ rowIndex, name, value, kind, provider, report, setValue }: { rowIndex: number; name: string; value: VariableValue | undefined; kind: Kind; provider: CellProvider; report: (problem: string | undefined) => void; setValue: (value: VariableValue | undefined) => void }) {
  const [draft, setDraft] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const t = useTranslations();
  const label = t("testSet.cellLabel", { name, row: rowIndex + 1 });
  if (kind === "media") {
    return (
      <span className="flex min-w-0 items-center gap-1">
        <span className="truncate text-xs">{value?.kind === "media" ? `${value.media}: ${valueText(value)}` : <span className="text-amber-700 dark:text-amber-400">{t("testSet.noFile")}</span>}</span>
        <label className={`${buttonClass} h-6 shrink-0 cursor-pointer px-1.5 text-xs`}>
          {t("testSet.choose")}
          <input
            type="file"
            accept="image/*,video/*"
            className="sr-only"
            aria-label={t("testSet.fileFor", { label })}
            onChange={async (event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (!file) return;
              const refused = mediaFileProblem({ file, providerId: provider.id });
              report(refused && `${label}: ${attachProblemText(refused, t)}`);
              if (refused) return;
              const part = await readMediaPart(file);
              setValue(part.type === "video_url" ? { kind: "media", media: "video", url: part.video_url.url, name: file.name } : part.type === "image_url" ? { kind: "media", media: "image", url: part.image_url.url, name: file.name } : undefined);
            }}
          />
        </label>
      </span>
    );
  }
  // A text value can be a document's text, extracted by the prompt's provider as the chat does.
  const fromDocument = kind === "text" && (
    <label className={`${buttonClass} h-8 shrink-0 cursor-pointer px-1.5 text-xs`} title={t("testSet.documentTitle", { provider: provider.label })}>
      {busy ? "…" : t("testSet.document")}
      <input
        type="file"
        className="sr-only"
        aria-label={t("testSet.documentFor", { label })}
        disabled={busy}
        onChange={async (event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (!file) return;
          setBusy(true);
          const extracted = await extractDocumentText({ file, providerId: provider.id, providerLabel: provider.label, apiKey: loadProviderKeys()[provider.id] });
          setBusy(false);
          report(extracted.ok ? undefined : `${label}: ${attachProblemText(extracted, t)}`);
          if (extracted.ok) setValue({ kind: "text", text: extracted.text });
        }}
      />
    </label>
  );
  const shown = draft ?? valueText(value);
  const input = (
    <input
      aria-label={label}
      className={`${inputClass} h-8 w-full min-w-0 ${kind === "json" ? "font-mono text-xs" : ""} ${problem ? "border-red-500" : ""} ${value === undefined ? "placeholder:text-amber-600" : ""}`}
      value={shown}
      placeholder={value === undefined ? t("testSet.missing") : undefined}
      title={problem}
      aria-invalid={problem ? true : undefined}
      onChange={(event) => {
        const text = event.target.value;
        if (kind === "text") {
          setValue({ kind: "text", text });
          return;
        }
        setDraft(text);
        try {
          setValue({ kind: "json", value: JSON.parse(text) });
          setProblem(undefined);
        } catch {
          setProblem(t("testSet.jsonNotValid"));
        }
      }}
      onBlur={() => {
        setDraft(undefined);
        setProblem(undefined);
      }}
    />
  );
  if (!fromDocument) return input;
  return (
    <span className="flex min-w-0 items-center gap-1">
      {input}
      {fromDocument}
    </span>
  );
}

const TableRow = memo(function TableRow({ row, index, names, kinds, template, provider, report, update }: { row: TestRow; index: number; names: string[]; kinds: Record<string, Kind>; template: string; provider: CellProvider; report: (problem: string | undefined) => void; update: Update }) {
  const t = useTranslations();
  const setRow = (change: (row: TestRow) => TestRow) => update((project) => ({ ...project, rows: project.rows.map((item) => (item.id === row.id ? change(item) : item)) }));
  return (
    <div role="row" aria-rowindex={index + 2} className="grid items-center gap-2 border-b border-zinc-100 px-2 dark:border-zinc-900" style={{ gridTemplateColumns: template, height: rowHeight }}>
      <span role="cell" className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400" title={row.id}>
        {row.id}
      </span>
      {names.map((name) => (
        <span role="cell" key={name} className="min-w-0">
          <ValueCell
            rowIndex={index}
            name={name}
            value={row.values[name]}
            kind={kinds[name] ?? "text"}
            provider={provider}
            report={report}
            setValue={(value) =>
              setRow((current) => {
                const values = { ...current.values };
                if (value) values[name] = value;
                else delete values[name];
                return { ...current, values };
              })
            }
          />
        </span>
      ))}
      <span role="cell" className="min-w-0">
        <input aria-label={t("testSet.expectedLabel", { row: index + 1 })} className={`${inputClass} h-8 w-full min-w-0`} value={row.expected ?? ""} onChange={(event) => setRow((current) => ({ ...current, expected: event.target.value || undefined }))} />
      </span>
      <span role="cell" className="min-w-0">
        <input aria-label={t("testSet.notesLabel", { row: index + 1 })} className={`${inputClass} h-8 w-full min-w-0`} value={row.notes ?? ""} onChange={(event) => setRow((current) => ({ ...current, notes: event.target.value || undefined }))} />
      </span>
      <span role="cell" className="flex justify-end">
        <button type="button" aria-label={t("testSet.removeRow", { row: index + 1 })} className={`${buttonClass} h-7 px-2 text-xs`} onClick={() => update((project) => ({ ...project, rows: project.rows.filter((item) => item.id !== row.id) }))}>
          ✕
        </button>
      </span>
    </div>
  );
});

function convert(value: VariableValue, kind: Kind): VariableValue | undefined {
  if (value.kind === kind) return value;
  const text = valueText(value);
  if (kind === "text") return { kind: "text", text: value.kind === "media" ? value.url : text };
  if (kind === "json") {
    try {
      return { kind: "json", value: JSON.parse(text) };
    } catch {
      return { kind: "json", value: text };
    }
  }
  return /^(data:|https?:|ms:\/\/)/.test(text) ? { kind: "media", media: text.startsWith("data:video") ? "video" : "image", url: text } : undefined;
}

/** Import from a file or pasted text: CSV, JSON Lines or a JSON array; every problem named, nothing half-imported. */
function ImportControls({ project, update }: { project: PromptProject; update: Update }) {
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const [status, setStatus] = useState<string>();
  const [pasted, setPasted] = useState("");
  const [mode, setMode] = useState<"replace" | "append">("replace");
  const t = useTranslations();
  const problemText = (problem: ImportProblem) => catalogText({ keys: [`testSetProblems.${problem.code}`], values: problem.values, english: problem.message }, t);
  const importText = (text: string, source: string) => {
    const trimmed = text.replace(/^\uFEFF/, "").trimStart();
    const read = trimmed.startsWith("{") || trimmed.startsWith("[") ? parseJsonTestSet(text) : parseCsvTestSet(text);
    // Rows' own checks are checked against the kinds of checks here, before anything is imported.
    for (const [index, row] of read.rows.entries()) {
      if (!row.assert) continue;
      const checks = readRowChecks(row.assert);
      if (!checks.ok) read.problems.push({ row: Number(/^row-(\d+)$/.exec(row.id)?.[1] ?? index + 1), column: "assert", message: checks.message, code: "assert-check", values: { problem: checks.message } });
    }
    if (read.problems.length > 0) {
      setProblems(read.problems);
      setStatus(t("testSet.nothingImported", { source, count: read.problems.length }));
      return;
    }
    if (read.rows.length === 0) {
      setProblems([]);
      setStatus(t("testSet.noRows", { source }));
      return;
    }
    setProblems([]);
    update((current) => {
      // A replaced set's columns take the kinds of their new values.
      if (mode === "replace") {
        const { variableKinds: _kinds, ...rest } = current;
        return { ...rest, rows: read.rows };
      }
      const rows = [...current.rows];
      for (const row of read.rows) rows.push(rows.some((item) => item.id === row.id) ? { ...row, id: nextRowId(rows) } : row);
      return { ...current, rows };
    });
    setStatus(t(mode === "replace" ? "testSet.replaced" : "testSet.added", { source, count: read.rows.length }));
  };
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-0.5">
          <span className={labelClass}>{t("testSet.importedRows")}</span>
          <select className={inputClass} value={mode} onChange={(event) => setMode(event.target.value as "replace" | "append")}>
            <option value="replace">{t("testSet.replaceSet")}</option>
            <option value="append">{t("testSet.areAdded")}</option>
          </select>
        </label>
        <label className={`${buttonClass} cursor-pointer`}>
          {t("testSet.importFile")}
          <input
            type="file"
            accept=".csv,.jsonl,.json,.txt,text/csv,application/json"
            className="sr-only"
            onChange={async (event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file) importText(await file.text(), file.name);
            }}
          />
        </label>
        <button type="button" className={buttonClass} disabled={project.rows.length === 0} onClick={() => downloadText({ name: `${project.name}.csv`, text: exportCsvTestSet(project.rows), type: "text/csv" })}>
          {t("testSet.exportCsv")}
        </button>
        <button type="button" className={buttonClass} disabled={project.rows.length === 0} onClick={() => downloadText({ name: `${project.name}.jsonl`, text: exportJsonlTestSet(project.rows), type: "application/jsonl" })}>
          {t("testSet.exportJsonl")}
        </button>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">{t("testSet.paste")}</summary>
        <div className="mt-2 space-y-2">
          <textarea aria-label={t("testSet.pasted")} className={`${inputClass} block min-h-24 w-full font-mono text-xs`} value={pasted} placeholder={'question,expected\n"Capital of France?",Paris'} onChange={(event) => setPasted(event.target.value)} />
          <button type="button" className={buttonClass} disabled={pasted.trim() === ""} onClick={() => importText(pasted, t("testSet.pastedSource"))}>
            {t("testSet.importPasted")}
          </button>
        </div>
      </details>
      {status && (
        <p role="status" className={`text-sm ${problems.length > 0 ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}>
          {status}
        </p>
      )}
      {problems.length > 0 && (
        <ul className="max-h-40 list-disc overflow-y-auto pl-5 text-sm text-red-700 dark:text-red-400" aria-label={t("testSet.importProblems")}>
          {problems.slice(0, 200).map((problem, index) => (
            <li key={index}>
              {problem.column ? t("testSet.problemAtColumn", { row: problem.row, column: problem.column, message: problemText(problem) }) : t("testSet.problemAtLine", { row: problem.row, message: problemText(problem) })}
            </li>
          ))}
          {problems.length > 200 && <li>{t("testSet.more", { count: problems.length - 200 })}</li>}
        </ul>
      )}
    </div>
  );
}

/** The test set: one row per input, a column per variable, expected output and notes; virtualized for thousands of rows. */
export const TestSetTable = memo(function TestSetTable({ project, providers, update }: { project: PromptProject; providers: ProvidersResponse; update: Update }) {
  const scroller = useRef<HTMLDivElement>(null);
  const providerLabel = providers.providers.find((item) => item.id === project.providerId)?.label ?? project.providerId;
  const provider = useMemo(() => ({ id: project.providerId, label: providerLabel }), [project.providerId, providerLabel]);
  const promptVariables = variablesOf(project).map((variable) => variable.name);
  const names = [...new Set([...promptVariables, ...columnsOf(project.rows).variables])];
  const [tableProblem, setTableProblem] = useState<string>();
  const t = useTranslations();
  // A column's kind as chosen, else as its values hold (a column without values can be made media before any file is chosen).
  const kinds: Record<string, Kind> = Object.fromEntries(names.map((name) => [name, project.variableKinds?.[name] ?? project.rows.find((row) => row.values[name])?.values[name]?.kind ?? "text"]));
  const template = `5.5rem repeat(${names.length}, minmax(9rem, 1fr)) minmax(8rem, 1fr) minmax(7rem, 0.8fr) 2.5rem`;
  // TanStack Virtual keeps its own state; the React Compiler leaves this component to plain React.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: project.rows.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 8 });
  return (
    <section className={sectionClass} aria-labelledby="test-set-heading">
      <div className="flex flex-wrap items-baseline gap-2">
        <h2 id="test-set-heading" className="text-base font-semibold">
          {t("testSet.heading")}
        </h2>
        <span className="text-sm text-zinc-500 dark:text-zinc-400">
          {t("testSet.rowCount", { count: project.rows.length })}
        </span>
        {names.filter((name) => !promptVariables.includes(name)).length > 0 && <span className="text-xs text-amber-700 dark:text-amber-400">{t("testSet.unusedColumns", { names: names.filter((name) => !promptVariables.includes(name)).join(", ") })}</span>}
      </div>
      <ImportControls project={project} update={update} />
      {tableProblem && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {tableProblem}
        </p>
      )}
      <div ref={scroller} className="max-h-[28rem] overflow-auto rounded-md border border-zinc-200 dark:border-zinc-800" role="table" aria-label={t("testSet.rowsLabel")} aria-rowcount={project.rows.length + 1}>
        <div style={{ minWidth: `${10 + names.length * 9 + 18}rem` }}>
          <div role="row" aria-rowindex={1} className="sticky top-0 z-10 grid items-end gap-2 border-b border-zinc-200 bg-zinc-50 px-2 py-1.5 text-xs font-medium dark:border-zinc-800 dark:bg-zinc-900" style={{ gridTemplateColumns: template }}>
            <span role="columnheader">{t("testSet.id")}</span>
            {names.map((name) => (
              <span role="columnheader" key={name} className="flex min-w-0 items-center gap-1">
                <code className="truncate">{name}</code>
                <select
                  aria-label={t("testSet.kindOf", { name })}
                  className="rounded border border-zinc-300 bg-transparent text-[11px] dark:border-zinc-700"
                  value={kinds[name]}
                  onChange={(event) => {
                    const kind = event.target.value as Kind;
                    // Every value converts, or none: text that is no URL cannot become a media file, and is not dropped.
                    const stuck = project.rows.flatMap((row, index) => (row.values[name] && !convert(row.values[name], kind) ? [index + 1] : []));
                    if (stuck.length > 0) {
                      setTableProblem(t("testSet.kindStuck", { name, kind: kinds[name] ?? "text", count: stuck.length, rows: stuck.slice(0, 5).join(", "), more: Math.max(0, stuck.length - 5) }));
                      return;
                    }
                    setTableProblem(undefined);
                    update((project) => ({
                      ...project,
                      variableKinds: { ...project.variableKinds, [name]: kind },
                      rows: project.rows.map((row) => {
                        const value = row.values[name];
                        return value ? { ...row, values: { ...row.values, [name]: convert(value, kind)! } } : row;
                      }),
                    }));
                  }}
                >
                  <option value="text">{t("testSet.kindText")}</option>
                  <option value="json">{t("testSet.kindJson")}</option>
                  <option value="media">{t("testSet.kindMedia")}</option>
                </select>
              </span>
            ))}
            <span role="columnheader">{t("testSet.expected")}</span>
            <span role="columnheader">{t("testSet.notes")}</span>
            <span role="columnheader" className="sr-only">
              {t("testSet.actions")}
            </span>
          </div>
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => (
              <div key={project.rows[item.index]!.id} style={{ position: "absolute", top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}>
                <TableRow row={project.rows[item.index]!} index={item.index} names={names} kinds={kinds} template={template} provider={provider} report={setTableProblem} update={update} />
              </div>
            ))}
          </div>
        </div>
      </div>
      <button type="button" className={buttonClass} onClick={() => update((current) => ({ ...current, rows: [...current.rows, { id: nextRowId(current.rows), values: {} }] }))}>
        {t("testSet.addRow")}
      </button>
    </section>
  );
});
