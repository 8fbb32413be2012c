import { useTranslations } from "next-intl";
import type { NumericRange } from "@/lib/catalog/provider-parameters";
import type { RuleIssue } from "@/lib/request/request-rules";
import { FieldIssues, humanLabelOf, LockIcon } from "./field-parts";
import { NumberField } from "./number-field";

// Fields most prompts never touch; folded under "More sampling fields" unless one is set.
const rarelyUsed = new Set(["n", "presence_penalty", "frequency_penalty", "seed"]);

/**
 * The sampling fields: those the model pins (and that are not set) as one compact, explained group;
 * the rest as number fields, the rarely used ones folded away until needed.
 */
export function SamplingFields({
  fields,
  parameters,
  pins,
  defaults,
  ranges,
  pinnedReason,
  issues,
  set,
}: {
  fields: readonly string[];
  parameters: Record<string, unknown>;
  pins: Partial<Record<string, number>>;
  defaults: Partial<Record<string, number>>;
  ranges: Partial<Record<string, NumericRange>>;
  pinnedReason: string;
  issues: readonly RuleIssue[];
  set: (field: string, value: unknown) => void;
}) {
  const t = useTranslations();
  const pinned = fields.filter((field) => pins[field] !== undefined && parameters[field] === undefined);
  const free = fields.filter((field) => !pinned.includes(field));
  const field = (name: string) => (
    <div key={name}>
      <NumberField field={name} integer={name === "n" || name === "seed"} value={parameters[name]} range={ranges[name]} defaultValue={defaults[name]} onChange={(value) => set(name, value)} />
      <FieldIssues issues={issues} field={name} />
    </div>
  );
  const common = free.filter((name) => !rarelyUsed.has(name));
  const rare = free.filter((name) => rarelyUsed.has(name));
  return (
    <>
      {pinned.length > 0 && (
        <div role="group" aria-labelledby="pinned-sampling-reason" className="rounded-md bg-zinc-50 p-2 text-xs dark:bg-zinc-900" data-testid="pinned-sampling">
          <p id="pinned-sampling-reason" className="mb-1.5 text-zinc-600 dark:text-zinc-400">
            <LockIcon />
            {pinnedReason}
          </p>
          <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1">
            {pinned.map((name) => (
              <div key={name} className="contents">
                <dt>
                  <label htmlFor={`parameter-${name}`}>
                    {humanLabelOf(name, t) ?? name} <code className="font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{name}</code>
                  </label>
                </dt>
                <dd>
                  {/* Read-only but focusable and labelled, so the value is found where the field would be. */}
                  <input id={`parameter-${name}`} readOnly disabled value={String(pins[name])} aria-describedby="pinned-sampling-reason" className="w-14 rounded border border-zinc-200 bg-transparent px-1.5 py-0.5 text-right font-mono tabular-nums dark:border-zinc-800" />
                </dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      {common.map(field)}
      {rare.length > 0 && (
        <details className="group/rare" open={rare.some((name) => parameters[name] !== undefined) || undefined}>
          <summary className="cursor-pointer text-xs text-zinc-600 dark:text-zinc-400">{t("form.moreSampling", { fields: rare.join(", ") })}</summary>
          <div className="mt-2 space-y-3">{rare.map(field)}</div>
        </details>
      )}
    </>
  );
}
