"use client";

import { diffWords } from "diff";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { storeOpenedConversation } from "@/lib/prompt-workspace/open-as-conversation";
import { conversationFromCell } from "@/lib/prompt-workspace/conversation-bridge";
import { retryCells } from "@/lib/prompt-workspace/run-client";
import { cellVerdict, checksForRow, laneCell, resultOf, type ResultLane } from "@/lib/prompt-workspace/run-results";
import { checkReasonText, describeCheck, partsText } from "@/components/share/describe-check";
import { formatMoney } from "@/lib/tokens/token-preview";
import { buttonClass } from "./prompt-styles";
import { workbenchText } from "@/components/i18n/workbench-text";

function OutputDiff({ base, text }: { base: string; text: string }) {
  return (
    <>
      {diffWords(base, text).map((part, index) =>
        part.added ? (
          <ins key={index} className="bg-emerald-100 no-underline dark:bg-emerald-950">
            {part.value}
          </ins>
        ) : part.removed ? (
          <del key={index} className="bg-red-100 dark:bg-red-950">
            {part.value}
          </del>
        ) : (
          <span key={index}>{part.value}</span>
        ),
      )}
    </>
  );
}

/** One row across every lane, side by side: answers (optionally as a diff from the first), reasoning, checks and figures; scrolling one scrolls all. */
export function RowCompare({ rowId, lanes, onClose, onChanged }: { rowId: string; lanes: ResultLane[]; onClose: () => void; onChanged: () => void }) {
  const router = useRouter();
  const t = useTranslations();
  const locale = useLocale();
  const milliseconds = (value: number | undefined) => (value === undefined ? "—" : t("rowCompare.milliseconds", { value: Math.round(value) }));
  const [showDiff, setShowDiff] = useState(false);
  const [notice, setNotice] = useState<string>();
  const panes = useRef<Array<HTMLDivElement | null>>([]);
  const syncing = useRef(false);
  const row = lanes.map((lane) => lane.snapshot.definition.rows.find((item) => item.id === rowId)).find(Boolean);
  const base = resultOf(lanes[0] ? laneCell(lanes[0], rowId) : undefined)?.record.output ?? "";
  const onScroll = (index: number) => {
    if (syncing.current) return;
    const source = panes.current[index];
    if (!source) return;
    const fraction = source.scrollTop / Math.max(1, source.scrollHeight - source.clientHeight);
    syncing.current = true;
    panes.current.forEach((pane, position) => {
      if (pane && position !== index) pane.scrollTop = fraction * (pane.scrollHeight - pane.clientHeight);
    });
    requestAnimationFrame(() => {
      syncing.current = false;
    });
  };
  return (
    <section aria-labelledby="row-compare-heading" className="space-y-2 rounded-lg border border-accent-500/40 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id="row-compare-heading" className="mr-auto text-sm font-semibold">
          {t.rich("rowCompare.heading", { row: rowId, code: (chunks) => <code>{chunks}</code> })}
        </h3>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={showDiff} onChange={(event) => setShowDiff(event.target.checked)} /> {t("rowCompare.showDiff")}
        </label>
        <button type="button" className={buttonClass} onClick={onClose}>
          {t("common.close")}
        </button>
      </div>
      {row && (
        <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
          {Object.entries(row.values).map(([name, value]) => (
            <div key={name} className="flex max-w-full gap-1">
              <dt className="font-mono">{name}:</dt>
              <dd className="truncate">{value.kind === "text" ? value.text : value.kind === "json" ? JSON.stringify(value.value) : `${value.media} ${value.name ?? ""}`}</dd>
            </div>
          ))}
          {row.expected !== undefined && (
            <div className="flex gap-1">
              <dt>{t("rowCompare.expected")}</dt>
              <dd>{row.expected}</dd>
            </div>
          )}
        </dl>
      )}
      {notice && (
        <p role="status" className="text-sm text-amber-700 dark:text-amber-400">
          {notice}
        </p>
      )}
      <div className="flex snap-x gap-2 overflow-x-auto pb-1">
        {lanes.map((lane, index) => {
          const cell = laneCell(lane, rowId);
          const result = resultOf(cell);
          const record = result?.record;
          const verdict = cellVerdict(cell);
          return (
            <article key={lane.key} className="flex w-[min(26rem,85vw)] shrink-0 snap-start flex-col rounded-md border border-zinc-200 dark:border-zinc-800" aria-label={`${lane.label}: ${t(`verdicts.${verdict}`)}`}>
              <header className="space-y-0.5 border-b border-zinc-200 p-2 text-xs dark:border-zinc-800">
                <p className="truncate text-sm font-medium">{lane.label}</p>
                <p className="text-zinc-600 dark:text-zinc-400">
                  {t("rowCompare.figures", { verdict: t(`verdicts.${verdict}`), firstToken: milliseconds(record?.firstTokenMs), total: milliseconds(record?.durationMs), usage: record?.usage ? t("rowCompare.usage", { prompt: record.usage.prompt_tokens, completion: record.usage.completion_tokens }) : t("rowCompare.noUsage") })}
                  {record?.cost ? ` · ${formatMoney({ amount: record.cost.amount, currency: record.cost.currency, locale, fractionDigits: 5 })}` : ""} · {t("rowCompare.finish", { reason: record?.finishReason ?? "—" })}
                </p>
                <div className="flex gap-1 pt-1">
                  <button
                    type="button"
                    className={`${buttonClass} h-7 text-xs`}
                    disabled={!cell || cell.status === "running" || cell.status === "queued"}
                    onClick={async () => {
                      const retried = await retryCells({ runId: lane.runId, cellIds: [`${lane.version}:${rowId}:${lane.columnId}`] });
                      setNotice(retried.ok ? t("rowCompare.requeued", { label: lane.label }) : workbenchText(retried, t));
                      onChanged();
                    }}
                  >
                    {t("rowCompare.runAgain")}
                  </button>
                  <button
                    type="button"
                    className={`${buttonClass} h-7 text-xs`}
                    disabled={!row}
                    onClick={async () => {
                      const template = lane.snapshot.definition.versions.find((version) => version.number === lane.version)?.template;
                      const column = lane.snapshot.definition.columns.find((item) => item.id === lane.columnId);
                      if (!template || !column || !row) return;
                      const opened = conversationFromCell({ template, values: row.values, column, ...(record ? { record } : {}), title: `${rowId} · ${lane.label}`, now: Date.now() });
                      if (!opened.ok) {
                        setNotice(partsText({ parts: opened.parts, english: opened.message }, t));
                        return;
                      }
                      await storeOpenedConversation(opened);
                      router.push(`/?open=${encodeURIComponent(opened.conversation.id)}`);
                    }}
                  >
                    {t("rowCompare.openAsConversation")}
                  </button>
                </div>
              </header>
              <div ref={(element) => void (panes.current[index] = element)} onScroll={() => onScroll(index)} className="max-h-96 flex-1 space-y-2 overflow-y-auto p-2 text-sm">
                {record?.error && <p className="rounded bg-amber-50 p-1.5 text-xs text-amber-900 dark:bg-amber-950/60 dark:text-amber-300">{partsText({ parts: record.errorParts, english: record.error }, t)}</p>}
                {!record && cell?.result && "error" in cell.result && <p className="text-xs text-amber-700">{partsText({ parts: cell.result.errorParts, english: cell.result.error }, t)}</p>}
                {!record && !cell?.result && <p className="text-xs text-zinc-500 dark:text-zinc-400">{verdict === "running" ? t("rowCompare.streaming") : t("rowCompare.notRun")}</p>}
                {result && result.checks.results.length > 0 && (
                  <ul className="space-y-0.5 text-xs">
                    {result.checks.results.map((check, position) => {
                      const assertion = checksForRow({ definition: lane.snapshot.definition, rowId })[position];
                      return (
                        <li key={position} className={check.pass === true ? "text-emerald-700 dark:text-emerald-400" : check.pass === false ? "text-red-700 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"}>
                          {check.pass === true ? "✓" : check.pass === false ? "✗" : "?"} {assertion ? describeCheck(assertion, t) : t("rowCompare.check")}
                          {check.pass !== true && `: ${checkReasonText(check, t)}`}
                          {check.pass !== "pending" && check.judge?.reasoning ? (
                            <details className="ml-4 text-zinc-600 dark:text-zinc-400">
                              <summary className="cursor-pointer">{t("rowCompare.judgeReasoning")}</summary>
                              <p className="whitespace-pre-wrap">{check.judge.reasoning}</p>
                            </details>
                          ) : null}
                        </li>
                      );
                    })}
                  </ul>
                )}
                {record?.reasoning && (
                  <details className="rounded bg-zinc-50 p-1.5 text-xs dark:bg-zinc-900">
                    <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">{t("rowCompare.reasoning", { tokens: record.reasoningTokens ?? "?" })}</summary>
                    <p className="mt-1 whitespace-pre-wrap">{record.reasoning}</p>
                  </details>
                )}
                {record && record.toolCalls.length > 0 && (
                  <pre tabIndex={0} className="overflow-x-auto rounded bg-zinc-50 p-1.5 text-xs dark:bg-zinc-900">{record.toolCalls.map((call) => `${call.function.name}(${call.function.arguments})`).join("\n")}</pre>
                )}
                {record && (record.output || !record.error) && <p className="whitespace-pre-wrap break-words" data-testid="cell-output">{showDiff && index > 0 ? <OutputDiff base={base} text={record.output} /> : record.output || <span className="text-zinc-500 dark:text-zinc-400">{t("rowCompare.emptyAnswer")}</span>}</p>}
              </div>
            </article>
          );
        })}
      </div>
    </section>
  );
}
