"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useLocale, useTranslations } from "next-intl";
import { memo, useRef } from "react";
import type { Translate } from "@/lib/i18n/translate";
import { formatMoney } from "@/lib/tokens/token-preview";
import { checkReasonText, partsText } from "@/components/share/describe-check";
import { cellVerdict, laneCell, resultOf, verdictMarks, type CellVerdict, type ColumnTotals, type ResultLane } from "@/lib/prompt-workspace/run-results";

const rowHeight = 36;

const verdictClass: Record<CellVerdict, string> = {
  pass: "bg-emerald-50 text-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-300",
  "no-checks": "bg-zinc-50 text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300",
  fail: "bg-red-50 text-red-800 dark:bg-red-950/60 dark:text-red-300",
  error: "bg-amber-50 text-amber-900 dark:bg-amber-950/60 dark:text-amber-300",
  pending: "bg-zinc-50 text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300",
  running: "text-accent-700 dark:text-accent-100 animate-pulse",
  queued: "text-zinc-400",
  cancelled: "text-zinc-500 dark:text-zinc-400",
  waiting: "text-amber-700 dark:text-amber-400",
};

const seconds = (ms: number, t: Translate) => t("runResults.seconds", { seconds: (ms / 1000).toFixed(ms < 10_000 ? 1 : 0) });

/** One cell of the matrix: its verdict and figures, as plain strings so it re-renders only when they change. */
const MatrixCell = memo(function MatrixCell({ verdict, detail, title, rowId, laneLabel, onOpen }: { verdict: CellVerdict; detail: string; title: string; rowId: string; laneLabel: string; onOpen: (rowId: string) => void }) {
  const t = useTranslations();
  const style = { mark: verdictMarks[verdict], label: t(`verdicts.${verdict}`), className: verdictClass[verdict] };
  return (
    <span role="cell" className="min-w-0">
      <button type="button" title={title} aria-label={`${rowId}, ${laneLabel}: ${style.label}${detail ? `, ${detail}` : ""}`} onClick={() => onOpen(rowId)} className={`flex h-full w-full min-w-0 items-center gap-1.5 rounded px-2 text-left text-xs hover:ring-1 hover:ring-accent-500 focus-visible:outline-2 focus-visible:outline-accent-500 ${style.className}`}>
        <span aria-hidden="true" className="font-semibold">
          {style.mark}
        </span>
        <span className="truncate tabular-nums">{detail}</span>
      </button>
    </span>
  );
});

function cellProps(lane: ResultLane, rowId: string, t: Translate): { verdict: CellVerdict; detail: string; title: string } {
  const cell = laneCell(lane, rowId);
  const verdict = cellVerdict(cell);
  const result = resultOf(cell);
  if (!result) return { verdict, detail: cell?.result && "error" in cell.result ? t("runResults.error") : "", title: cell?.result && "error" in cell.result ? partsText({ parts: cell.result.errorParts, english: cell.result.error }, t) : t(`verdicts.${verdict}`) };
  const { record, checks } = result;
  // A failed call shows its error (what the provider said), not a count of checks it could not pass.
  const error = record.error === undefined ? undefined : partsText({ parts: record.errorParts, english: record.error }, t);
  if (verdict === "error") return { verdict, detail: error ?? t("verdicts.error"), title: error ?? t("verdicts.error") };
  const detail = [record.latencyMs !== undefined ? seconds(record.latencyMs, t) : "", checks.results.length > 0 ? `${checks.passed}/${checks.results.length}` : ""].filter(Boolean).join(" · ");
  const reasons = checks.results.flatMap((check) => (check.pass === false ? [checkReasonText(check, t)] : []));
  return { verdict, detail, title: error ?? (reasons.length > 0 ? reasons.join("\n") : record.output.slice(0, 300)) };
}

/** The pass/fail matrix: a row per test row, a column per lane, totals on top; virtualized so thousands of rows stay smooth. */
export const ResultsMatrix = memo(function ResultsMatrix({ lanes, rowIds, rowPreviews, totals, onOpen, selectedRowId }: { lanes: ResultLane[]; rowIds: string[]; rowPreviews: ReadonlyMap<string, string>; totals: ColumnTotals[]; onOpen: (rowId: string) => void; selectedRowId: string | undefined }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rowIds.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 12 });
  const template = `10rem repeat(${lanes.length}, minmax(9rem, 1fr))`;
  const t = useTranslations();
  const locale = useLocale();
  return (
    <div ref={scroller} className="max-h-[32rem] overflow-auto rounded-md border border-zinc-200 dark:border-zinc-800" role="table" aria-label={t("runResults.matrix")} aria-rowcount={rowIds.length + 1}>
      <div style={{ minWidth: `${10 + lanes.length * 9}rem` }}>
        <div role="row" className="sticky top-0 z-10 grid gap-1 border-b border-zinc-200 bg-zinc-50 px-1 py-1.5 text-xs dark:border-zinc-800 dark:bg-zinc-900" style={{ gridTemplateColumns: template }}>
          <span role="columnheader" className="sticky left-0 z-[1] self-stretch bg-zinc-50 px-1 pt-8 font-medium dark:bg-zinc-900">
            {t("runResults.row")}
          </span>
          {lanes.map((lane, index) => {
            const total = totals[index]!;
            const judged = total.passed + total.failed + total.errors;
            return (
              <span role="columnheader" key={lane.key} className="min-w-0 px-1" data-testid="lane-header">
                <span className="block truncate font-medium" title={lane.label}>
                  {lane.label}
                </span>
                <span className="block tabular-nums text-zinc-600 dark:text-zinc-400">
                  <span className="text-emerald-700 dark:text-emerald-400">{t("runResults.passCount", { count: total.passed })}</span> · <span className={total.failed > 0 ? "text-red-700 dark:text-red-400" : ""}>{t("runResults.failCount", { count: total.failed })}</span>
                  {total.errors > 0 && <span className="text-amber-700 dark:text-amber-400"> · {t("runResults.errorCount", { count: total.errors })}</span>}
                  {judged < total.cells && <span> · {t("runResults.leftCount", { count: total.cells - judged })}</span>}
                </span>
                <span className="block tabular-nums text-zinc-500 dark:text-zinc-400">
                  {total.cost ? formatMoney({ amount: total.cost.amount, currency: total.cost.currency, locale, fractionDigits: 4 }) : t("runResults.noPrice")}
                  {total.latencyP50Ms !== undefined && ` · p50 ${seconds(total.latencyP50Ms, t)}`}
                  {total.latencyP95Ms !== undefined && ` · p95 ${seconds(total.latencyP95Ms, t)}`}
                </span>
              </span>
            );
          })}
        </div>
        {rowIds.length === 0 ? (
          <p className="p-4 text-sm text-zinc-500 dark:text-zinc-400">{t("runResults.noRows")}</p>
        ) : (
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const rowId = rowIds[item.index]!;
              return (
                <div key={rowId} role="row" className={`absolute left-0 right-0 grid gap-1 px-1 py-0.5 ${selectedRowId === rowId ? "bg-accent-50 dark:bg-zinc-900" : ""}`} style={{ gridTemplateColumns: template, height: rowHeight, transform: `translateY(${item.start}px)` }}>
                  <span role="rowheader" className="sticky left-0 z-[1] min-w-0 self-stretch truncate bg-white px-1 py-2 text-xs dark:bg-zinc-950" title={`${rowId}: ${rowPreviews.get(rowId) ?? ""}`}>
                    <span className="font-mono text-zinc-500 dark:text-zinc-400">{rowId}</span> {rowPreviews.get(rowId)}
                  </span>
                  {lanes.map((lane) => {
                    const props = cellProps(lane, rowId, t);
                    return <MatrixCell key={lane.key} {...props} rowId={rowId} laneLabel={lane.label} onOpen={onOpen} />;
                  })}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
});
