"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useCallback, useMemo, useState } from "react";
import { cancelRun, retryCells } from "@/lib/prompt-workspace/run-client";
import { exportRunCsv, exportRunJsonl, promptfooConfig } from "@/lib/prompt-workspace/run-exports";
import { cellVerdict, columnTotals, laneCell, lanesOf, runProgress, type RunSnapshot } from "@/lib/prompt-workspace/run-results";
import type { PromptProject } from "@/lib/prompt-workspace/prompt-project";
import { useRunSnapshot } from "@/lib/prompt-workspace/use-run-snapshot";
import { formatMoney } from "@/lib/tokens/token-preview";
import { downloadText } from "./download-file";
import { buttonClass, inputClass, labelClass, sectionClass } from "./prompt-styles";
import { ResultsMatrix } from "./results-matrix";
import { RowCompare } from "./row-compare";
import { RunSharePanel } from "./run-share-panel";
import { workbenchText } from "@/components/i18n/workbench-text";

function ProgressBar({ snapshot }: { snapshot: RunSnapshot }) {
  const progress = runProgress(snapshot);
  const percent = progress.total === 0 ? 0 : Math.round((progress.finished / progress.total) * 100);
  const t = useTranslations();
  const locale = useLocale();
  const remainingSeconds = progress.remainingMs === undefined ? 0 : Math.round(progress.remainingMs / 1000);
  return (
    <div className="space-y-1">
      <div role="progressbar" aria-label={t("runResults.progress")} aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.finished} aria-valuetext={t("runResults.progressValue", { finished: progress.finished, total: progress.total })} className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
        <div className={`h-full ${snapshot.status === "cancelled" ? "bg-zinc-500" : "bg-accent-600"} transition-[width]`} style={{ width: `${percent}%` }} />
      </div>
      <p className="flex flex-wrap gap-x-3 text-xs tabular-nums text-zinc-600 dark:text-zinc-400" data-testid="run-progress">
        <span>
          {t("runResults.status", { status: snapshot.status === "running" || snapshot.status === "cancelled" ? snapshot.status : "finished", finished: progress.finished, total: progress.total })}
        </span>
        {progress.running > 0 && <span>{t("runResults.inFlight", { count: progress.running })}</span>}
        {progress.queued > 0 && <span>{t("runResults.queued", { count: progress.queued })}</span>}
        {progress.failed > 0 && <span className="text-amber-700 dark:text-amber-400">{t("runResults.failedCalls", { count: progress.failed })}</span>}
        {progress.perMinute !== undefined && <span>{t("runResults.perMinute", { rate: progress.perMinute.toFixed(progress.perMinute < 10 ? 1 : 0) })}</span>}
        <span>{t("runResults.spent", { amount: progress.spent.length === 0 ? t("runResults.nothingPriced") : progress.spent.map((item) => formatMoney({ amount: item.amount, currency: item.currency, locale, fractionDigits: 4 })).join(" + ") })}</span>
        {progress.remainingMs !== undefined && <span>{t("runResults.left", { minutes: Math.floor(remainingSeconds / 60), seconds: remainingSeconds % 60 })}</span>}
      </p>
    </div>
  );
}

/** A run's results: progress, actions, exports, the matrix with totals, and one row side by side. */
export function RunResultsView({ project, runId, onSelectRun }: { project: PromptProject; runId: string; onSelectRun: (runId: string) => void }) {
  const [compareWith, setCompareWith] = useState<string>("");
  const [onlyFailures, setOnlyFailures] = useState(false);
  const [selectedRow, setSelectedRow] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [sharing, setSharing] = useState(false);
  const t = useTranslations();
  const format = useFormatter();
  const date = (at: number) => format.dateTime(at, { dateStyle: "medium", timeStyle: "short" });
  const main = useRunSnapshot(runId);
  const other = useRunSnapshot(compareWith || undefined);
  const snapshots = useMemo(() => [main.snapshot, compareWith ? other.snapshot : undefined].filter((snapshot): snapshot is RunSnapshot => snapshot !== undefined), [main.snapshot, other.snapshot, compareWith]);
  const { lanes, rowIds: allRows } = useMemo(() => lanesOf(snapshots), [snapshots]);
  const totals = useMemo(() => {
    // One pass per (run, version), shared by that version's lanes.
    const byVersion = new Map<string, ReturnType<typeof columnTotals>>();
    return lanes.map((lane) => {
      const key = `${lane.runId}|${lane.version}`;
      let computed = byVersion.get(key);
      if (!computed) byVersion.set(key, (computed = columnTotals({ snapshot: lane.snapshot, version: lane.version })));
      return computed.find((total) => total.columnId === lane.columnId)!;
    });
  }, [lanes]);
  const rowIds = useMemo(() => (onlyFailures ? allRows.filter((rowId) => lanes.some((lane) => ["fail", "error"].includes(cellVerdict(laneCell(lane, rowId))))) : allRows), [allRows, lanes, onlyFailures]);
  const rowPreviews = useMemo(() => {
    const previews = new Map<string, string>();
    for (const snapshot of snapshots) {
      for (const row of snapshot.definition.rows) {
        if (previews.has(row.id)) continue;
        previews.set(row.id, Object.values(row.values).map((value) => (value.kind === "text" ? value.text : value.kind === "json" ? JSON.stringify(value.value) : (value.name ?? value.media))).join(" · ").slice(0, 80));
      }
    }
    return previews;
  }, [snapshots]);
  const open = useCallback((rowId: string) => setSelectedRow((current) => (current === rowId ? undefined : rowId)), []);
  const refresh = useCallback(() => {
    main.refresh();
    other.refresh();
  }, [main, other]);
  const snapshot = main.snapshot;
  return (
    <section className={sectionClass} aria-labelledby="run-results-heading">
      <div className="flex flex-wrap items-end gap-2">
        <h2 id="run-results-heading" className="mr-auto text-base font-semibold">
          {t("runResults.heading")}
        </h2>
        <label className="flex flex-col gap-0.5">
          <span className={labelClass}>{t("runResults.run")}</span>
          <select className={inputClass} value={runId} onChange={(event) => onSelectRun(event.target.value)}>
            {project.runs.map((run) => (
              <option key={run.id} value={run.id}>
                {t("runResults.runOption", { date: date(run.createdAt), versions: `v${run.versions.join(", v")}`, cells: run.cells })}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-0.5">
          <span className={labelClass}>{t("runResults.compareWith")}</span>
          <select className={inputClass} value={compareWith} onChange={(event) => setCompareWith(event.target.value)}>
            <option value="">{t("runResults.noOtherRun")}</option>
            {project.runs
              .filter((run) => run.id !== runId)
              .map((run) => (
                <option key={run.id} value={run.id}>
                  {`${date(run.createdAt)} · v${run.versions.join(", v")}`}
                </option>
              ))}
          </select>
        </label>
      </div>
      {main.problem && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {main.problem.gone ? t("runResults.gone", { problem: workbenchText(main.problem.error, t) }) : workbenchText(main.problem.error, t)}
        </p>
      )}
      {!snapshot && !main.problem && <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("runResults.loading")}</p>}
      {snapshot && (
        <>
          <ProgressBar snapshot={snapshot} />
          <div className="flex flex-wrap items-center gap-2">
            <button
              type="button"
              className={buttonClass}
              disabled={snapshot.status !== "running"}
              onClick={async () => {
                const result = await cancelRun(snapshot.id);
                setNotice(result.ok ? t("runResults.cancelled") : workbenchText(result, t));
                refresh();
              }}
            >
              {t("runResults.cancel")}
            </button>
            <button
              type="button"
              className={buttonClass}
              disabled={(snapshot.counts.failed ?? 0) === 0}
              onClick={async () => {
                const result = await retryCells({ runId: snapshot.id });
                setNotice(result.ok ? t("runResults.requeued", { count: result.value.queued }) : workbenchText(result, t));
                refresh();
              }}
            >
              {t("runResults.rerunFailed")}
            </button>
            <label className="flex items-center gap-1 text-sm">
              <input type="checkbox" checked={onlyFailures} onChange={(event) => setOnlyFailures(event.target.checked)} /> {t("runResults.onlyFailures")}
            </label>
            <span className="ml-auto flex flex-wrap gap-2">
              <button type="button" className={buttonClass} aria-expanded={sharing} onClick={() => setSharing((current) => !current)}>
                {t("runResults.share")}
              </button>
              <button type="button" className={buttonClass} onClick={() => downloadText({ name: `run-${snapshot.id}.csv`, text: exportRunCsv(snapshot), type: "text/csv" })}>
                {t("testSet.exportCsv")}
              </button>
              <button type="button" className={buttonClass} onClick={() => downloadText({ name: `run-${snapshot.id}.jsonl`, text: exportRunJsonl(snapshot), type: "application/jsonl" })}>
                {t("testSet.exportJsonl")}
              </button>
              <button
                type="button"
                className={buttonClass}
                onClick={() => {
                  const version = snapshot.definition.versions.at(-1)!.number;
                  const { config } = promptfooConfig({ definition: snapshot.definition, version, origin: window.location.origin });
                  downloadText({ name: "promptfooconfig.json", text: `${JSON.stringify(config, null, 2)}\n`, type: "application/json" });
                }}
              >
                {t("runResults.promptfoo")}
              </button>
            </span>
          </div>
          {sharing && <RunSharePanel snapshot={snapshot} title={project.name} versionNotes={new Map(project.versions.flatMap((version) => (version.note ? [[version.number, version.note] as const] : [])))} onClose={() => setSharing(false)} />}
          {notice && (
            <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
              {notice}
            </p>
          )}
          <ResultsMatrix lanes={lanes} rowIds={rowIds} rowPreviews={rowPreviews} totals={totals} onOpen={open} selectedRowId={selectedRow} />
          {selectedRow && <RowCompare rowId={selectedRow} lanes={lanes} onClose={() => setSelectedRow(undefined)} onChanged={refresh} />}
        </>
      )}
    </section>
  );
}
