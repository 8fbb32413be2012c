import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { ModelSpec } from "@/lib/catalog/catalog-types";
import { catalogCheckedOn } from "@/lib/catalog/kimi-models";
import { isRetired, reasoningControlOf, retirementWhen } from "@/lib/catalog/model-catalog";
import { defaultMaxTokensFor, maxTokensLimit } from "@/lib/catalog/provider-parameters";
import { formatMoney } from "@/lib/tokens/token-preview";


/** What the catalog (or the provider's model list) says about the selected model. */
export function ModelFacts({ spec, capField = "max_tokens" }: { spec: ModelSpec & { known: boolean }; capField?: string }) {
  const t = useTranslations();
  const format = useFormatter();
  const locale = useLocale();
  const number = (value: number) => format.number(value);
  const price = (amount: number) => formatMoney({ amount, currency: spec.prices!.currency, locale, fractionDigits: 2 });
  const thinking = spec.thinking.mode === "always" ? t("facts.thinkingAlways") : spec.thinking.mode === "none" ? t("facts.thinkingNone") : t("facts.thinkingSwitchable", { enabled: spec.thinking.defaultEnabled ? "yes" : "no" });
  const retired = isRetired({ spec, today: new Date() });
  const control = reasoningControlOf(spec);
  return (
    <dl aria-label={t("facts.label")} className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
      <dt className="text-zinc-500 dark:text-zinc-400">{t("facts.context")}</dt>
      <dd>
        {t("facts.contextValue", { tokens: number(spec.contextWindow) })}
        {spec.maxInputTokens ? t("facts.inputLimit", { tokens: number(spec.maxInputTokens) }) : ""}
      </dd>
      <dt className="text-zinc-500 dark:text-zinc-400">{t("facts.output")}</dt>
      <dd>{t("facts.outputValue", { field: capField, max: number(maxTokensLimit(spec)), default: number(defaultMaxTokensFor(spec)) })}</dd>
      <dt className="text-zinc-500 dark:text-zinc-400">{t("facts.input")}</dt>
      <dd>{spec.input.join(", ")}</dd>
      <dt className="text-zinc-500 dark:text-zinc-400">{t("facts.thinking")}</dt>
      <dd>
        {thinking}
        {control?.kind === "effort" ? t("facts.effort", { efforts: control.efforts.join(", "), default: control.defaultEffort }) : ""}
        {spec.preservedThinking === "always" ? t("facts.keptAlways") : spec.preservedThinking === "optional" ? t("facts.keptOptional") : ""}
      </dd>
      <dt className="text-zinc-500 dark:text-zinc-400">{t("facts.price")}</dt>
      <dd>
        {spec.prices ? (
          <span title={t("facts.priceSource", { source: spec.prices.source })}>
            {spec.prices.inputCacheHit !== undefined ? t("facts.cached", { price: price(spec.prices.inputCacheHit) }) : ""}
            {t("facts.prices", { input: price(spec.prices.inputCacheMiss), output: price(spec.prices.output) })}
            {spec.prices.reported ? <span className="text-zinc-500 dark:text-zinc-400">{t("facts.reportedBy", { source: spec.prices.source })}</span> : null}
          </span>
        ) : (
          <span className="text-zinc-500 dark:text-zinc-400">{t("facts.priceUnknown")}</span>
        )}
      </dd>
      {spec.rateLimits && (
        <>
          <dt className="text-zinc-500 dark:text-zinc-400">{t("facts.limits")}</dt>
          <dd title={t("facts.priceSource", { source: spec.rateLimits.source })}>
            {t("facts.limitsValue", { rpm: number(spec.rateLimits.requestsPerMinute), tpm: number(spec.rateLimits.tokensPerMinute), concurrency: number(spec.rateLimits.concurrency) })}
          </dd>
        </>
      )}
      {spec.retired && (
        <>
          <dt className="text-zinc-500 dark:text-zinc-400">{t("facts.status")}</dt>
          <dd className={retired ? "text-red-700 dark:text-red-400" : ""}>
            {retired ? t("facts.retired") : t("facts.retiring")} {spec.retired.on ? t("facts.retiredOn", { date: spec.retired.on }) : retirementWhen(spec.retired)}
            {spec.retired.replacement ? t("facts.useInstead", { model: spec.retired.replacement }) : ""}
          </dd>
        </>
      )}
      {spec.known && (
        <>
          <dt className="text-zinc-500 dark:text-zinc-400">{t("facts.source")}</dt>
          <dd>
            {spec.reportedBy ? t("facts.sourceReported", { source: spec.reportedBy }) : t("facts.sourceDocs")}
            {t("facts.checked", { date: catalogCheckedOn })}
          </dd>
        </>
      )}
      {!spec.known && (
        <>
          <dt className="text-zinc-500 dark:text-zinc-400">{t("facts.source")}</dt>
          <dd>{t("facts.notInCatalog")}</dd>
        </>
      )}
    </dl>
  );
}
