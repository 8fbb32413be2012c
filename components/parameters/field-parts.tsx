import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { RuleIssue, RuleWarning } from "@/lib/request/request-rules";
import type { Translate } from "@/lib/i18n/translate";
import { ruleText } from "@/components/i18n/rule-text";

/** Issues whose path starts at `field`, shown under its control. */
export function FieldIssues({ issues, field }: { issues: readonly RuleIssue[]; field: string }) {
  const mine = issues.filter((issue) => issue.path[0] === field);
  const t = useTranslations();
  if (mine.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-red-700 dark:text-red-400" role="alert" aria-label={t("fields.problems", { field })}>
      {mine.map((issue) => (
        <li key={`${issue.rule}-${issue.path.join(".")}`}>{ruleText(issue, t)}</li>
      ))}
    </ul>
  );
}

/** Warnings whose path starts at `field`: allowed, but likely not what is wanted. */
export function FieldWarnings({ warnings, field }: { warnings: readonly RuleWarning[]; field: string }) {
  const mine = warnings.filter((warning) => warning.path[0] === field);
  const t = useTranslations();
  if (mine.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-amber-800 dark:text-amber-300" aria-label={t("fields.warnings", { field })}>
      {mine.map((warning) => (
        <li key={warning.rule}>{ruleText(warning, t)}</li>
      ))}
    </ul>
  );
}

/** Catalog keys of the words for the API's field names; the name itself stays beside them (it is what the code and the JSON say). */
const humanLabelKeys = {
  temperature: "fields.temperature",
  top_p: "fields.top_p",
  n: "fields.n",
  presence_penalty: "fields.presence_penalty",
  frequency_penalty: "fields.frequency_penalty",
  max_completion_tokens: "fields.max_completion_tokens",
  max_tokens: "fields.max_tokens",
  stop: "fields.stop",
  response_format: "fields.response_format",
  tool_choice: "fields.tool_choice",
  seed: "fields.seed",
  reasoning_effort: "fields.reasoning_effort",
  prompt_cache_key: "fields.prompt_cache_key",
  "thinking.type": "fields.thinking_type",
  "json_schema.name": "fields.json_schema_name",
  thinking_budget: "fields.thinking_budget",
  enable_thinking: "fields.enable_thinking",
} as const;

/** The words for an API field name ("Temperature" for temperature), or undefined where there are none. */
export function humanLabelOf(field: string, t: Translate): string | undefined {
  const key = (humanLabelKeys as Record<string, (typeof humanLabelKeys)[keyof typeof humanLabelKeys] | undefined>)[field];
  return key ? t(key) : undefined;
}

/** A labelled row of the form; `hint` explains defaults and locks. */
export function FieldRow({ label, htmlFor, hint, children, action }: { label: string; htmlFor?: string; hint?: ReactNode; children: ReactNode; action?: ReactNode }) {
  const t = useTranslations();
  const human = humanLabelOf(label, t);
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={htmlFor} className="text-xs font-medium text-zinc-800 dark:text-zinc-200">
          {human ? (
            <>
              {human} <code className="font-mono text-[11px] font-normal text-zinc-500 dark:text-zinc-400">{label}</code>
            </>
          ) : (
            <span className={/^[a-z_.]+$/.test(label) ? "font-mono" : ""}>{label}</span>
          )}
        </label>
        {action}
      </div>
      {children}
      {hint && <p className="text-xs text-zinc-500 dark:text-zinc-400">{hint}</p>}
    </div>
  );
}

/** A small text button ("clear", "reset"). */
export function LinkButton({ onClick, children, label }: { onClick: () => void; children: ReactNode; label?: string }) {
  return (
    <button type="button" aria-label={label} onClick={onClick} className="text-xs text-zinc-500 dark:text-zinc-400 underline hover:text-zinc-800 dark:hover:text-zinc-200">
      {children}
    </button>
  );
}

/** Shared input look. */
export const inputClass =
  "h-8 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 focus:outline-none focus:ring-2 focus:ring-accent-500 disabled:cursor-not-allowed disabled:bg-zinc-100 disabled:text-zinc-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:disabled:bg-zinc-800";

/** A small lock drawn inline (no emoji font needed), marking values the model fixes. */
export function LockIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="mr-1 inline h-3 w-3 align-[-1px]" fill="currentColor">
      <path d="M4 7V5a4 4 0 1 1 8 0v2h.5A1.5 1.5 0 0 1 14 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 13.5v-5A1.5 1.5 0 0 1 3.5 7H4zm2 0h4V5a2 2 0 1 0-4 0v2z" />
    </svg>
  );
}
