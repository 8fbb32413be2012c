import { useFormatter, useTranslations } from "next-intl";
import type { PromptEstimate, TurnTimings } from "@/lib/conversation/conversation-types";
import type { Usage } from "@/lib/wire/chat-response";

/** Tokens (prompt, completion, reasoning, cached) and timings (first token, thinking, tokens/s) of an answer. */
export function UsageBar({ usage, timings, attempts, estimate }: { usage?: Usage; timings?: TurnTimings; attempts?: number; estimate?: PromptEstimate }) {
  const t = useTranslations();
  const format = useFormatter();
  // Numbers in the reader's locale's style (1,234 / 1,234 in zh-CN too; decimals fixed so columns line up).
  const number = (value: number) => format.number(value);
  const seconds = (ms: number) => t("usage.seconds", { value: format.number(ms / 1000, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) });
  const items: Array<{ label: string; value: string; title: string }> = [];
  if (usage) {
    items.push({ label: t("usage.prompt"), value: number(usage.prompt_tokens), title: t("usage.promptTitle") });
    if (estimate) {
      const difference = usage.prompt_tokens - estimate.tokens;
      items.push({
        label: estimate.exact ? t("usage.counted") : t("usage.estimated"),
        value: `${estimate.exact ? "" : "≈"}${number(estimate.tokens)}${difference === 0 ? " (=)" : ` (${difference > 0 ? "+" : "−"}${number(Math.abs(difference))})`}`,
        title: estimate.exact ? t("usage.countedTitle") : t("usage.estimatedTitle"),
      });
    }
    const cached = usage.cached_tokens ?? usage.prompt_tokens_details?.cached_tokens;
    if (cached !== undefined) items.push({ label: t("usage.cached"), value: number(cached), title: t("usage.cachedTitle") });
    items.push({ label: t("usage.completion"), value: number(usage.completion_tokens), title: t("usage.completionTitle") });
    const reasoning = usage.completion_tokens_details?.reasoning_tokens;
    if (reasoning !== undefined) items.push({ label: t("usage.reasoning"), value: number(reasoning), title: t("usage.reasoningTitle") });
  }
  if (timings?.firstTokenMs !== undefined) items.push({ label: t("usage.firstToken"), value: seconds(timings.firstTokenMs), title: t("usage.firstTokenTitle") });
  if (timings?.thinkingMs !== undefined) items.push({ label: t("usage.thinking"), value: seconds(timings.thinkingMs), title: t("usage.thinkingTitle") });
  if (timings?.tokensPerSecond !== undefined) items.push({ label: t("usage.speed"), value: t("usage.tokensPerSecond", { value: format.number(timings.tokensPerSecond, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) }), title: t("usage.speedTitle") });
  if (attempts !== undefined && attempts > 1) items.push({ label: t("usage.attempts"), value: format.number(attempts), title: t("usage.attemptsTitle") });
  if (items.length === 0) return null;
  return (
    <dl aria-label={t("usage.label")} className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
      {items.map((item) => (
        <div key={item.label} className="flex gap-1" title={item.title}>
          <dt>{item.label}</dt>
          <dd className="font-mono text-zinc-700 tabular-nums dark:text-zinc-300">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
