"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { approximationNote } from "@/lib/tokens/responsive-count";
import { useId, useState } from "react";
import { defaultMaxTokensFor } from "@/lib/catalog/provider-parameters";
import { useNextRequest, useWorkbench } from "@/lib/chat/use-workbench";
import { formatMoney, previewCost } from "@/lib/tokens/token-preview";
import { useTokenPreview } from "@/lib/chat/use-token-preview";

/** The next request's prompt tokens, its share of the context window, and its cost, live while writing. */
export function TokenPreviewBar() {
  const { loaded } = useWorkbench();
  const { body, spec } = useNextRequest();
  const preview = useTokenPreview();
  const [open, setOpen] = useState(false);
  const regionId = useId();
  const t = useTranslations();
  const locale = useLocale();
  const format = useFormatter();
  if (!loaded) return null;
  const number = (value: number) => format.number(value);
  const money = (amount: number, currency: NonNullable<typeof spec.prices>["currency"]) => formatMoney({ amount, currency, locale });

  const local = preview?.local;
  const exactTotal = preview?.exact && "total" in preview.exact ? preview.exact.total : undefined;
  const total = exactTotal ?? local?.breakdown.total;
  const fields = body as { max_tokens?: unknown; max_completion_tokens?: unknown };
  const requestedMax = typeof fields.max_tokens === "number" ? fields.max_tokens : typeof fields.max_completion_tokens === "number" ? fields.max_completion_tokens : undefined;
  const maxTokens = requestedMax ?? defaultMaxTokensFor(spec);
  const window = spec.contextWindow;
  const share = total !== undefined ? total / window : 0;
  const overflows = total !== undefined && total + maxTokens > window;
  // Until the first count arrives the line keeps the shape it will have, with the share and the cost
  // as invisible stand-ins: the count's line wraps on narrow screens, and everything above the
  // composer would jump up by a line under the pointer when it arrived.
  const placeholder = total === undefined;
  const cost = spec.prices ? previewCost({ promptTokens: total ?? 1, maxTokens, prices: spec.prices }) : undefined;
  const counting = preview === undefined || preview.status === "counting";
  const standIn = placeholder ? { className: "invisible", "aria-hidden": true } : {};

  return (
    <section aria-label={t("tokens.section")} className="mt-1 px-1 text-xs text-zinc-500 dark:text-zinc-400">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <div
          role="meter"
          aria-label={t("tokens.meter")}
          aria-valuemin={0}
          aria-valuemax={window}
          aria-valuenow={total ?? 0}
          title={t("tokens.meterTitle", { total: number(total ?? 0), window: number(window), max: number(maxTokens), fits: overflows ? "no" : "yes" })}
          className="relative h-1.5 w-24 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
        >
          <div className={`absolute inset-y-0 left-0 ${share > 0.9 ? "bg-red-500" : share > 0.6 ? "bg-amber-500" : "bg-accent-600"}`} style={{ width: `${Math.min(100, Math.max(share > 0 ? 1 : 0, share * 100))}%` }} />
        </div>
        <span data-testid="token-total" data-tokens={total ?? ""} data-exact={exactTotal !== undefined ? "true" : "false"} className={counting ? "italic" : ""}>
          {total === undefined ? t("tokens.counting") : exactTotal !== undefined ? t("tokens.exact", { count: number(total) }) : t("tokens.approximate", { count: number(total) })}
        </span>
        <span {...standIn}>{t("tokens.share", { share: share < 0.001 ? "<0.1" : format.number(share * 100, { minimumFractionDigits: 1, maximumFractionDigits: 1 }), window: number(window) })}</span>
        {cost && (
          <span {...standIn} data-testid={placeholder ? undefined : "token-cost"} title={placeholder ? undefined : t("tokens.costTitle", { source: spec.prices?.source ?? "" })}>
            {t("tokens.cost", { miss: money(cost.promptCacheMiss, cost.currency), hit: cost.promptCacheHit !== undefined ? money(cost.promptCacheHit, cost.currency) : "none", ceiling: money(cost.outputCeiling, cost.currency) })}
          </span>
        )}
        <button type="button" aria-expanded={open} aria-controls={regionId} onClick={() => setOpen(!open)} className="underline hover:text-zinc-800 dark:hover:text-zinc-200">
          {t("tokens.breakdown")}
        </button>
      </div>
      {overflows && (
        <p className="mt-1 text-amber-700 dark:text-amber-400">
          {t("tokens.overflow", { max: number(maxTokens), model: spec.id, window: number(window) })}
        </p>
      )}
      <div id={regionId} hidden={!open} className="mt-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
        {open && (
          <>
            {local ? (
              <table className="w-full max-w-md" aria-label={t("tokens.bySource")}>
                <tbody>
                  {local.rows.map((row) => (
                    <tr key={row.key} className={row.detail ? "text-zinc-400" : ""}>
                      <th scope="row" className={`py-0.5 text-left font-normal ${row.detail ? "pl-4" : ""}`}>
                        {row.label}
                      </th>
                      <td className="py-0.5 text-right font-mono tabular-nums">{number(row.tokens)}</td>
                    </tr>
                  ))}
                  <tr className="border-t border-zinc-200 font-medium dark:border-zinc-800">
                    <th scope="row" className="py-0.5 text-left">
                      {t("tokens.totalLocal")}
                    </th>
                    <td className="py-0.5 text-right font-mono tabular-nums">≈{number(local.breakdown.total)}</td>
                  </tr>
                  {exactTotal !== undefined && (
                    <tr className="font-medium">
                      <th scope="row" className="py-0.5 text-left">
                        {t("tokens.totalProvider")}
                      </th>
                      <td className="py-0.5 text-right font-mono tabular-nums">{number(exactTotal)}</td>
                    </tr>
                  )}
                </tbody>
              </table>
            ) : (
              <p>{preview?.failure ? t("tokens.counterFailed", { reason: preview.failure }) : t("tokens.countingShort")}</p>
            )}
            <ul className="mt-2 list-disc space-y-0.5 pl-4">
              <li>{t("tokens.method")}</li>
              {preview?.exactUnavailable ? <li>{t("tokens.notExact", { reason: preview.exactUnavailable })}</li> : preview?.exact && "error" in preview.exact ? <li>{t("tokens.providerCountFailed", { reason: preview.exact.error })}</li> : null}
              {local && local.unsized > 0 && <li>{t("tokens.unsized", { count: local.unsized })}</li>}
              {local && local.approximatedCharacters > 0 && <li>{approximationNote(local.approximatedCharacters)}</li>}
              {cost ? (
                <li>{t("tokens.costDetail", { miss: money(cost.promptCacheMiss, cost.currency), hit: cost.promptCacheHit !== undefined ? money(cost.promptCacheHit, cost.currency) : "none", ceiling: money(cost.outputCeiling, cost.currency), max: number(maxTokens) })}</li>
              ) : (
                <li>{t("tokens.noCost", { model: spec.id })}</li>
              )}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
