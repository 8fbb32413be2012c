"use client";

import { useTranslations } from "next-intl";
import { memo, useState } from "react";
import type { ProvidersResponse } from "@/lib/catalog/provider-summary";
import type { Assertion } from "@/lib/evals/assertions";
import type { PromptProject } from "@/lib/prompt-workspace/prompt-project";
import type { Translate } from "@/lib/i18n/translate";
import { describeCheck } from "@/components/share/describe-check";
import { buttonClass, inputClass, labelClass, primaryButtonClass, sectionClass } from "./prompt-styles";

type Update = (change: (project: PromptProject) => PromptProject) => void;

const checkTypes = ["contains", "not-contains", "regex", "equals-expected", "is-json", "matches-json-schema", "called-tool", "finish-reason", "max-cost", "max-latency", "max-reasoning-tokens", "judge"] as const satisfies ReadonlyArray<Assertion["type"]>;

interface Fields {
  value: string;
  ignoreCase: boolean;
  pattern: string;
  flags: string;
  schema: string;
  name: string;
  amount: string;
  currency: "CNY" | "USD";
  limit: string;
  rubric: string;
  providerId: string;
  model: string;
}

function readJsonObject(text: string, what: string, t: Translate): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(t("checks.notJson", { what, problem: (error as Error).message }));
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(t("checks.notObject", { what }));
  return value as Record<string, unknown>;
}

function positive({ text, what, integer = false, t }: { text: string; what: string; integer?: boolean; t: Translate }): number {
  const number = Number(text);
  if (text.trim() === "" || !Number.isFinite(number) || number < 0 || (integer && !Number.isInteger(number))) throw new Error(t("checks.notPositive", { what, integer: integer ? "yes" : "no", text }));
  return number;
}

function buildCheck(type: Assertion["type"], fields: Fields, t: Translate): Assertion {
  const required = (text: string, what: string) => {
    if (text.trim() === "") throw new Error(t("checks.write", { what }));
    return text;
  };
  switch (type) {
    case "contains":
    case "not-contains":
      return { type, value: required(fields.value, t("checks.whatText")), ...(fields.ignoreCase ? { ignoreCase: true } : {}) };
    case "regex":
      try {
        new RegExp(required(fields.pattern, t("checks.whatPattern")), fields.flags);
      } catch (error) {
        throw new Error(t("checks.badRegex", { problem: (error as Error).message }));
      }
      return { type, pattern: fields.pattern, ...(fields.flags ? { flags: fields.flags } : {}) };
    case "equals-expected":
      return { type, ...(fields.ignoreCase ? { ignoreCase: true } : {}) };
    case "is-json":
      return { type };
    case "matches-json-schema":
      return { type, schema: readJsonObject(required(fields.schema, t("checks.whatSchema")), t("checks.whatSchema"), t) };
    case "called-tool":
      return { type, name: required(fields.name, t("checks.whatToolName")), ...(fields.schema.trim() ? { argumentsSchema: readJsonObject(fields.schema, t("checks.whatArgumentsSchema"), t) } : {}) };
    case "finish-reason":
      return { type, value: required(fields.value, t("checks.whatFinishReason")) };
    case "max-cost":
      return { type, amount: positive({ text: fields.amount, what: t("checks.whatCost"), t }), currency: fields.currency };
    case "max-latency":
      return { type, ms: Math.max(1, positive({ text: fields.limit, what: t("checks.whatLatency"), t })) };
    case "max-reasoning-tokens":
      return { type, tokens: positive({ text: fields.limit, what: t("checks.whatTokens"), integer: true, t }) };
    case "judge":
      return { type, rubric: required(fields.rubric, t("checks.whatRubric")), providerId: fields.providerId, model: required(fields.model, t("checks.whatJudgeModel")) };
  }
}

/** The checks every cell of a run is graded on, with a form to add one. */
export const ChecksEditor = memo(function ChecksEditor({ project, providers, update }: { project: PromptProject; providers: ProvidersResponse; update: Update }) {
  const [type, setType] = useState<Assertion["type"]>("contains");
  const [fields, setFields] = useState<Fields>({ value: "", ignoreCase: false, pattern: "", flags: "", schema: "", name: "", amount: "0.01", currency: "CNY", limit: "", rubric: "", providerId: "simulator", model: "kimi-k2.6" });
  const [problem, setProblem] = useState<string>();
  const t = useTranslations();
  // A check for every row, or for one row only (kept with the row, exported in its "assert" column).
  const [scope, setScope] = useState("all");
  const rowsWithChecks = project.rows.filter((row) => (row.assert?.length ?? 0) > 0);
  const set = (change: Partial<Fields>) => setFields((current) => ({ ...current, ...change }));
  const text = (key: keyof Fields, label: string, props: { placeholder?: string; mono?: boolean } = {}) => (
    <label className="flex min-w-40 flex-1 flex-col gap-0.5">
      <span className={labelClass}>{label}</span>
      <input className={`${inputClass} ${props.mono ? "font-mono text-xs" : ""}`} value={String(fields[key])} placeholder={props.placeholder} onChange={(event) => set({ [key]: event.target.value } as Partial<Fields>)} />
    </label>
  );
  const ignoreCase = (
    <label className="flex items-center gap-1 text-sm">
      <input type="checkbox" checked={fields.ignoreCase} onChange={(event) => set({ ignoreCase: event.target.checked })} /> {t("checks.ignoreCase")}
    </label>
  );
  return (
    <section className={sectionClass} aria-labelledby="checks-heading">
      <h2 id="checks-heading" className="text-base font-semibold">
        {t("checks.heading")}
      </h2>
      {project.assertions.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("checks.none")}</p>
      ) : (
        <ol className="space-y-1 text-sm" aria-label={t("checks.heading")}>
          {project.assertions.map((assertion, index) => (
            <li key={index} className="flex items-center justify-between gap-2 rounded-md bg-zinc-50 px-2 py-1 dark:bg-zinc-900">
              <span className="min-w-0 truncate">
                <span className="mr-1 text-zinc-500 dark:text-zinc-400">{index + 1}.</span>
                {describeCheck(assertion, t)}
              </span>
              <button type="button" className={`${buttonClass} h-7 text-xs`} aria-label={t("checks.removeCheck", { number: index + 1 })} onClick={() => update((current) => ({ ...current, assertions: current.assertions.filter((_, position) => position !== index) }))}>
                {t("runSetup.remove")}
              </button>
            </li>
          ))}
        </ol>
      )}
      {rowsWithChecks.length > 0 && (
        <div className="space-y-1 text-sm">
          <p className={labelClass}>{t("checks.rowChecksHeading")}</p>
          <ul className="space-y-1" aria-label={t("checks.rowChecks")}>
            {rowsWithChecks.slice(0, 200).map((row) =>
              (row.assert ?? []).map((check, index) => (
                <li key={`${row.id}:${index}`} className="flex items-center justify-between gap-2 rounded-md bg-zinc-50 px-2 py-1 dark:bg-zinc-900">
                  <span className="min-w-0 truncate">
                    <code className="mr-1 text-zinc-500 dark:text-zinc-400">{row.id}</code>
                    {describeCheck(check as unknown as Assertion, t)}
                  </span>
                  <button
                    type="button"
                    className={`${buttonClass} h-7 text-xs`}
                    aria-label={t("checks.removeRowCheck", { number: index + 1, row: row.id })}
                    onClick={() => update((current) => ({ ...current, rows: current.rows.map((item) => (item.id === row.id ? { ...item, assert: (item.assert ?? []).filter((_, position) => position !== index) } : item)) }))}
                  >
                    {t("runSetup.remove")}
                  </button>
                </li>
              )),
            )}
          </ul>
        </div>
      )}
      <form
        className="space-y-2 border-t border-zinc-200 pt-3 dark:border-zinc-800"
        onSubmit={(event) => {
          event.preventDefault();
          try {
            const check = buildCheck(type, fields, t);
            if (scope !== "all" && !project.rows.some((row) => row.id === scope)) throw new Error(t("checks.rowGone", { row: scope }));
            update((current) =>
              scope === "all"
                ? { ...current, assertions: [...current.assertions, check] }
                : { ...current, rows: current.rows.map((row) => (row.id === scope ? { ...row, assert: [...(row.assert ?? []), check as unknown as Record<string, unknown>] } : row)) },
            );
            setProblem(undefined);
          } catch (error) {
            setProblem((error as Error).message);
          }
        }}
      >
        <div className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col gap-0.5">
            <span className={labelClass}>{t("checks.for")}</span>
            <select aria-label={t("checks.appliesTo")} className={inputClass} value={scope} onChange={(event) => setScope(event.target.value)}>
              <option value="all">{t("checks.everyRow")}</option>
              {project.rows.slice(0, 500).map((row) => (
                <option key={row.id} value={row.id}>
                  {t("checks.rowOnly", { row: row.id })}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-0.5">
            <span className={labelClass}>{t("checks.newCheck")}</span>
            <select aria-label={t("checks.type")} className={inputClass} value={type} onChange={(event) => setType(event.target.value as Assertion["type"])}>
              {checkTypes.map((item) => (
                <option key={item} value={item}>
                  {t(`checks.types.${item}`)}
                </option>
              ))}
            </select>
          </label>
          {(type === "contains" || type === "not-contains") && (
            <>
              {text("value", t("checks.text"), { placeholder: t("checks.textPlaceholder") })}
              {ignoreCase}
            </>
          )}
          {type === "equals-expected" && ignoreCase}
          {type === "regex" && (
            <>
              {text("pattern", t("checks.pattern"), { placeholder: "^\\d{4}-\\d{2}-\\d{2}$", mono: true })}
              {text("flags", t("checks.flags"), { placeholder: "i", mono: true })}
            </>
          )}
          {type === "called-tool" && text("name", t("checks.toolName"), { placeholder: "get_weather", mono: true })}
          {type === "finish-reason" && text("value", t("checks.finishReason"), { placeholder: t("checks.finishReasonPlaceholder"), mono: true })}
          {type === "max-cost" && (
            <>
              {text("amount", t("checks.amount"))}
              <label className="flex flex-col gap-0.5">
                <span className={labelClass}>{t("checks.currency")}</span>
                <select className={inputClass} value={fields.currency} onChange={(event) => set({ currency: event.target.value as "CNY" | "USD" })}>
                  <option value="CNY">CNY</option>
                  <option value="USD">USD</option>
                </select>
              </label>
            </>
          )}
          {type === "max-latency" && text("limit", t("checks.milliseconds"), { placeholder: "5000" })}
          {type === "max-reasoning-tokens" && text("limit", t("checks.tokens"), { placeholder: "2000" })}
          {type === "judge" && (
            <>
              <label className="flex flex-col gap-0.5">
                <span className={labelClass}>{t("checks.judgeProvider")}</span>
                <select className={inputClass} value={fields.providerId} onChange={(event) => set({ providerId: event.target.value })}>
                  {providers.providers.map((provider) => (
                    <option key={provider.id} value={provider.id}>
                      {provider.label}
                    </option>
                  ))}
                </select>
              </label>
              {text("model", t("checks.judgeModel"), { mono: true })}
            </>
          )}
        </div>
        {(type === "matches-json-schema" || type === "called-tool") && (
          <label className="flex flex-col gap-0.5">
            <span className={labelClass}>{type === "called-tool" ? t("checks.argumentsSchema") : t("checks.whatSchema")}</span>
            <textarea className={`${inputClass} min-h-20 font-mono text-xs`} value={fields.schema} placeholder='{"type": "object", "required": ["city"]}' onChange={(event) => set({ schema: event.target.value })} />
          </label>
        )}
        {type === "judge" && (
          <label className="flex flex-col gap-0.5">
            <span className={labelClass}>{t("checks.rubric")}</span>
            <textarea className={`${inputClass} min-h-20 text-sm`} value={fields.rubric} placeholder={t("checks.rubricPlaceholder")} onChange={(event) => set({ rubric: event.target.value })} />
          </label>
        )}
        <div className="flex items-center gap-2">
          <button type="submit" className={primaryButtonClass}>
            {t("checks.add")}
          </button>
          {problem && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {problem}
            </p>
          )}
        </div>
      </form>
    </section>
  );
});
