import { useFormatter, useLocale, useTranslations } from "next-intl";
import { snapshotFromShare } from "@/lib/prompt-workspace/run-share";
import { cellVerdict, checksForRow, columnTotals, laneCell, lanesOf, resultOf, verdictMarks, type CellVerdict } from "@/lib/prompt-workspace/run-results";
import type { RunShareSnapshot } from "@/lib/share/run-share-snapshot";
import type { PublishedShare } from "@/lib/share/share-snapshot";
import { formatMoney } from "@/lib/tokens/token-preview";
import { checkReasonText, describeCheck, partsText } from "./describe-check";

const verdictClass: Record<CellVerdict, string> = {
  pass: "text-emerald-700 dark:text-emerald-400",
  "no-checks": "text-zinc-600 dark:text-zinc-400",
  fail: "text-red-700 dark:text-red-400",
  error: "text-amber-700 dark:text-amber-400",
  pending: "text-zinc-500 dark:text-zinc-400",
  running: "text-zinc-500 dark:text-zinc-400",
  queued: "text-zinc-500 dark:text-zinc-400",
  cancelled: "text-zinc-500 dark:text-zinc-400",
  waiting: "text-zinc-500 dark:text-zinc-400",
};

/**
 * The shared page of a prompt run: the prompt's versions, the checks, totals per column, and every
 * row's answers with their verdicts. Static HTML: no state, no client code (the hooks only read the locale).
 */
export function SharedRunBody({ share }: { share: PublishedShare<RunShareSnapshot> }) {
  const t = useTranslations();
  const format = useFormatter();
  const locale = useLocale();
  const date = (at: number) => format.dateTime(at, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const shared = share.snapshot;
  const snapshot = snapshotFromShare(shared);
  const { lanes, rowIds } = lanesOf([snapshot]);
  const totals = lanes.map((lane) => columnTotals({ snapshot, version: lane.version }).find((total) => total.columnId === lane.columnId)!);
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-6">
      <header className="space-y-1 border-b border-zinc-200 pb-4 dark:border-zinc-800">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("sharedRun.from")}</p>
        <h1 className="text-xl font-semibold">{shared.title}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {t("sharedRun.facts", { rows: rowIds.length, columns: lanes.length, run: date(shared.runCreatedAt), shared: date(share.createdAt) })} · {share.expiresAt === null ? t("sharedRun.noExpiry") : t("sharedRun.expires", { date: date(share.expiresAt) })}
          {!shared.includesReasoning && ` · ${t("sharedRun.noReasoning")}`}
        </p>
      </header>
      {shared.versions.map((version) => (
        <details key={version.number} className="text-sm" open={shared.versions.length === 1}>
          <summary className="cursor-pointer font-medium">
            {t("sharedRun.version", { number: version.number })}
            {version.note ? ` — ${version.note}` : ""}
          </summary>
          <pre tabIndex={0} aria-label={t("sharedRun.version", { number: version.number })} className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap rounded-md bg-zinc-50 p-3 font-mono text-xs dark:bg-zinc-900">
            {JSON.stringify({ model: version.template.model, messages: version.template.messages, ...version.template.parameters }, null, 2)}
          </pre>
        </details>
      ))}
      {shared.assertions.length > 0 && (
        <section aria-labelledby="shared-checks" className="text-sm">
          <h2 id="shared-checks" className="font-medium">
            {t("sharedRun.checks")}
          </h2>
          <ol className="list-decimal pl-5">
            {shared.assertions.map((assertion, index) => (
              <li key={index}>{describeCheck(assertion, t)}</li>
            ))}
          </ol>
        </section>
      )}
      <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
        <table className="w-full border-collapse text-left text-xs">
          <thead className="bg-zinc-50 align-bottom dark:bg-zinc-900">
            <tr>
              <th scope="col" className="p-2 font-medium">
                {t("runResults.row")}
              </th>
              {lanes.map((lane, index) => {
                const total = totals[index]!;
                return (
                  <th scope="col" key={lane.key} className="min-w-48 p-2 font-normal">
                    <span className="block font-medium">{lane.label}</span>
                    <span className="block">
                      <span className="text-emerald-700 dark:text-emerald-400">{t("runResults.passCount", { count: total.passed })}</span> · {t("runResults.failCount", { count: total.failed })}
                      {total.errors > 0 ? ` · ${t("runResults.errorCount", { count: total.errors })}` : ""}
                    </span>
                    <span className="block text-zinc-500 dark:text-zinc-400">
                      {total.cost ? formatMoney({ amount: total.cost.amount, currency: total.cost.currency, locale, fractionDigits: 4 }) : t("runResults.noPrice")}
                      {total.latencyP50Ms !== undefined && ` · p50 ${t("runResults.seconds", { seconds: (total.latencyP50Ms / 1000).toFixed(1) })}`}
                    </span>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rowIds.map((rowId) => {
              const row = shared.rows.find((item) => item.id === rowId);
              const checks = checksForRow({ definition: shared, rowId });
              return (
                <tr key={rowId} className="border-t border-zinc-100 align-top dark:border-zinc-900">
                  <th scope="row" className="max-w-56 p-2 font-normal">
                    <span className="font-mono text-zinc-500 dark:text-zinc-400">{rowId}</span>
                    {row &&
                      Object.entries(row.values).map(([name, value]) => (
                        <span key={name} className="block break-words">
                          <span className="font-mono text-zinc-500 dark:text-zinc-400">{name}:</span> {value.kind === "text" ? value.text : value.kind === "json" ? JSON.stringify(value.value) : `[${value.media}${value.name ? ` ${value.name}` : ""}]`}
                        </span>
                      ))}
                    {row?.expected !== undefined && (
                      <span className="block text-zinc-500 dark:text-zinc-400">
                        {t("rowCompare.expected")} {row.expected}
                      </span>
                    )}
                    {checks.length > shared.assertions.length && (
                      <span className="block text-zinc-500 dark:text-zinc-400">
                        {t("sharedRun.rowAlsoChecks", { checks: checks.slice(shared.assertions.length).map((check) => describeCheck(check, t)).join("; ") })}
                      </span>
                    )}
                  </th>
                  {lanes.map((lane) => {
                    const cell = laneCell(lane, rowId);
                    const verdict = cellVerdict(cell);
                    const result = resultOf(cell);
                    const mark = { mark: verdictMarks[verdict], label: t(`verdicts.${verdict}`), className: verdictClass[verdict] };
                    return (
                      <td key={lane.key} className="p-2">
                        <span className={`font-semibold ${mark.className}`}>
                          {mark.mark} {mark.label}
                        </span>
                        {result?.record.error && <span className="block text-amber-700 dark:text-amber-400">{partsText({ parts: result.record.errorParts, english: result.record.error }, t)}</span>}
                        {result?.checks.results.map((check, index) =>
                          check.pass === false ? (
                            <span key={index} className="block text-red-700 dark:text-red-400">
                              ✗ {checks[index] ? describeCheck(checks[index], t) : t("rowCompare.check")}: {checkReasonText(check, t)}
                            </span>
                          ) : null,
                        )}
                        {result && result.record.output && <p className="mt-1 line-clamp-6 whitespace-pre-wrap break-words">{result.record.output}</p>}
                        {result?.record.reasoning && (
                          <details className="mt-1 text-zinc-600 dark:text-zinc-400">
                            <summary className="cursor-pointer">{t("sharedRun.reasoning")}</summary>
                            <p className="whitespace-pre-wrap">{result.record.reasoning}</p>
                          </details>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
