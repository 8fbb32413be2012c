"use client";

import { approximationNote } from "@/lib/tokens/responsive-count";
import { useId, useState } from "react";
import { defaultMaxTokensFor } from "@/lib/catalog/provider-parameters";
import { useNextRequest, useWorkbench } from "@/lib/chat/use-workbench";
import { formatMoney, previewCost } from "@/lib/tokens/token-preview";
import { useTokenPreview } from "@/lib/chat/use-token-preview";

const number = (value: number) => value.toLocaleString("en-US");

/** The next request's prompt tokens, its share of the context window, and its cost, live while writing. */
export function TokenPreviewBar() {
  const { loaded } = useWorkbench();
  const { body, spec } = useNextRequest();
  const preview = useTokenPreview();
  const [open, setOpen] = useState(false);
  const regionId = useId();
  if (!loaded) return null;

  const local = preview?.local;
  const exactTotal = preview?.exact && "total" in preview.exact ? preview.exact.total : undefined;
  const total = exactTotal ?? local?.breakdown.total;
  const fields = body as { max_tokens?: unknown; max_completion_tokens?: unknown };
  const requestedMax = typeof fields.max_tokens === "number" ? fields.max_tokens : typeof fields.max_completion_tokens === "number" ? fields.max_completion_tokens : undefined;
  const maxTokens = requestedMax ?? defaultMaxTokensFor(spec);
  const window = spec.contextWindow;
  const share = total !== undefined ? total / window : 0;
  const overflows = total !== undefined && total + maxTokens > window;
  const cost = total !== undefined && spec.prices ? previewCost({ promptTokens: total, maxTokens, prices: spec.prices }) : undefined;
  const counting = preview === undefined || preview.status === "counting";

  return (
    <section aria-label="Token and cost preview" className="mt-1 px-1 text-xs text-zinc-500 dark:text-zinc-400">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <div
          role="meter"
          aria-label="Context window used by the prompt"
          aria-valuemin={0}
          aria-valuemax={window}
          aria-valuenow={total ?? 0}
          title={`${number(total ?? 0)} of ${number(window)} tokens; max_tokens ${number(maxTokens)} more would ${overflows ? "not fit" : "fit"}`}
          className="relative h-1.5 w-24 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
        >
          <div className={`absolute inset-y-0 left-0 ${share > 0.9 ? "bg-red-500" : share > 0.6 ? "bg-amber-500" : "bg-accent-600"}`} style={{ width: `${Math.min(100, Math.max(share > 0 ? 1 : 0, share * 100))}%` }} />
        </div>
        <span data-testid="token-total" data-tokens={total ?? ""} data-exact={exactTotal !== undefined ? "true" : "false"} className={counting ? "italic" : ""}>
          {total === undefined ? "Counting tokens…" : exactTotal !== undefined ? `${number(total)} tokens (exact)` : `≈${number(total)} tokens`}
        </span>
        {total !== undefined && <span>{share < 0.001 ? "<0.1" : (share * 100).toFixed(1)}% of {number(window)}</span>}
        {cost && (
          <span data-testid="token-cost" title={`List prices per 1M tokens (${spec.prices?.source}); a cache hit bills cached prompt tokens at the lower price`}>
            {formatMoney({ amount: cost.promptCacheMiss, currency: cost.currency })}
            {cost.promptCacheHit !== undefined ? ` (${formatMoney({ amount: cost.promptCacheHit, currency: cost.currency })} if all cached)` : ""} · answer ≤ {formatMoney({ amount: cost.outputCeiling, currency: cost.currency })}
          </span>
        )}
        <button type="button" aria-expanded={open} aria-controls={regionId} onClick={() => setOpen(!open)} className="underline hover:text-zinc-800 dark:hover:text-zinc-200">
          Token breakdown
        </button>
      </div>
      {overflows && (
        <p className="mt-1 text-amber-700 dark:text-amber-400">
          The prompt plus max_tokens ({number(maxTokens)}) exceeds {spec.id}&apos;s context window of {number(window)}: the answer may be cut short. Lower max_tokens or shorten the history.
        </p>
      )}
      <div id={regionId} hidden={!open} className="mt-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
        {open && (
          <>
            {local ? (
              <table className="w-full max-w-md" aria-label="Prompt tokens by source">
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
                      Total (local estimate)
                    </th>
                    <td className="py-0.5 text-right font-mono tabular-nums">≈{number(local.breakdown.total)}</td>
                  </tr>
                  {exactTotal !== undefined && (
                    <tr className="font-medium">
                      <th scope="row" className="py-0.5 text-left">
                        Total (provider&apos;s count)
                      </th>
                      <td className="py-0.5 text-right font-mono tabular-nums">{number(exactTotal)}</td>
                    </tr>
                  )}
                </tbody>
              </table>
            ) : (
              <p>{preview?.failure ? `The token counter failed: ${preview.failure}` : "Counting…"}</p>
            )}
            <ul className="mt-2 list-disc space-y-0.5 pl-4">
              <li>Text is counted with a BPE tokenizer close to Kimi&apos;s (o200k); images and video by the MoonViT rules (patches of 14 px merged 2×2, video frames pooled in chunks of four).</li>
              {preview?.exactUnavailable ? <li>Not exact: {preview.exactUnavailable}.</li> : preview?.exact && "error" in preview.exact ? <li>The provider&apos;s count failed: {preview.exact.error}</li> : null}
              {local && local.unsized > 0 && <li>{local.unsized} media part(s) could not be sized (unknown dimensions) and count as 0.</li>}
              {local && local.approximatedCharacters > 0 && <li>{approximationNote(local.approximatedCharacters)}</li>}
              {cost ? (
                <li>
                  Cost at list price: prompt {formatMoney({ amount: cost.promptCacheMiss, currency: cost.currency })} as cache misses
                  {cost.promptCacheHit !== undefined ? `, ${formatMoney({ amount: cost.promptCacheHit, currency: cost.currency })} if entirely cached` : ""}; the answer costs at most {formatMoney({ amount: cost.outputCeiling, currency: cost.currency })} (max_tokens {number(maxTokens)}, reasoning included).
                </li>
              ) : (
                <li>No cost shown: the provider publishes no price for {spec.id} yet.</li>
              )}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
