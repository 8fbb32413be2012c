import type { ModelSpec, ModelPrices } from "@/lib/catalog/catalog-types";
import { catalogCheckedOn } from "@/lib/catalog/kimi-models";
import { isRetired, reasoningControlOf, retirementWhen } from "@/lib/catalog/model-catalog";
import { defaultMaxTokensFor, maxTokensLimit } from "@/lib/catalog/provider-parameters";

const number = (value: number) => value.toLocaleString("en-US");

function formatPrice(prices: ModelPrices, value: number): string {
  return `${prices.currency === "CNY" ? "¥" : "$"}${value.toFixed(2)}`;
}

/** What the catalog (or the provider's model list) says about the selected model. */
export function ModelFacts({ spec, capField = "max_tokens" }: { spec: ModelSpec & { known: boolean }; capField?: string }) {
  const thinking = spec.thinking.mode === "always" ? "always on" : spec.thinking.mode === "none" ? "none" : `switchable (default ${spec.thinking.defaultEnabled ? "on" : "off"} here)`;
  const retired = isRetired({ spec, today: new Date() });
  const control = reasoningControlOf(spec);
  return (
    <dl aria-label="Model facts" className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
      <dt className="text-zinc-500 dark:text-zinc-400">Context</dt>
      <dd>
        {number(spec.contextWindow)} tokens{spec.maxInputTokens ? ` (input ≤ ${number(spec.maxInputTokens)})` : ""}
      </dd>
      <dt className="text-zinc-500 dark:text-zinc-400">Output</dt>
      <dd>
        {capField} ≤ {number(maxTokensLimit(spec))}, default {number(defaultMaxTokensFor(spec))}
      </dd>
      <dt className="text-zinc-500 dark:text-zinc-400">Input</dt>
      <dd>{spec.input.join(", ")}</dd>
      <dt className="text-zinc-500 dark:text-zinc-400">Thinking</dt>
      <dd>
        {thinking}
        {control?.kind === "effort" ? `, depth set by reasoning_effort (${control.efforts.join(", ")}; default ${control.defaultEffort})` : ""}
        {spec.preservedThinking === "always" ? ", reasoning kept across turns" : spec.preservedThinking === "optional" ? ", can keep reasoning across turns" : ""}
      </dd>
      <dt className="text-zinc-500 dark:text-zinc-400">Price</dt>
      <dd>
        {spec.prices ? (
          <span title={`Source: ${spec.prices.source}`}>
            {spec.prices.inputCacheHit !== undefined ? `${formatPrice(spec.prices, spec.prices.inputCacheHit)} cached · ` : ""}
            {formatPrice(spec.prices, spec.prices.inputCacheMiss)} input · {formatPrice(spec.prices, spec.prices.output)} output per 1M tokens
            {spec.prices.reported ? <span className="text-zinc-500 dark:text-zinc-400"> (reported by {spec.prices.source})</span> : null}
          </span>
        ) : (
          <span className="text-zinc-500 dark:text-zinc-400">unknown: the provider publishes no price for this model yet</span>
        )}
      </dd>
      {spec.rateLimits && (
        <>
          <dt className="text-zinc-500 dark:text-zinc-400">Limits</dt>
          <dd title={`Source: ${spec.rateLimits.source}`}>
            {spec.rateLimits.requestsPerMinute} RPM · {number(spec.rateLimits.tokensPerMinute)} TPM · {spec.rateLimits.concurrency} concurrent
          </dd>
        </>
      )}
      {spec.retired && (
        <>
          <dt className="text-zinc-500 dark:text-zinc-400">Status</dt>
          <dd className={retired ? "text-red-700 dark:text-red-400" : ""}>
            {retired ? "Retired" : "Retiring"} {spec.retired.on ? `on ${spec.retired.on}` : retirementWhen(spec.retired)}
            {spec.retired.replacement ? ` · use ${spec.retired.replacement}` : ""}
          </dd>
        </>
      )}
      {spec.known && (
        <>
          <dt className="text-zinc-500 dark:text-zinc-400">Source</dt>
          <dd>
            {spec.reportedBy ? <>reported by {spec.reportedBy}, not found in the provider&apos;s own documentation</> : "the provider's documentation"} · checked {catalogCheckedOn}
          </dd>
        </>
      )}
      {!spec.known && (
        <>
          <dt className="text-zinc-500 dark:text-zinc-400">Source</dt>
          <dd>not in the catalog: capabilities from the provider&apos;s model list where it gives them</dd>
        </>
      )}
    </dl>
  );
}
