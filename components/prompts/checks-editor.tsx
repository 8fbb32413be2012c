"use client";

import { memo, useState } from "react";
import type { ProvidersResponse } from "@/lib/catalog/provider-summary";
import type { Assertion } from "@/lib/evals/assertions";
import type { PromptProject } from "@/lib/prompt-workspace/prompt-project";
import { describeCheck } from "@/components/share/describe-check";
import { buttonClass, inputClass, labelClass, primaryButtonClass, sectionClass } from "./prompt-styles";

type Update = (change: (project: PromptProject) => PromptProject) => void;

const checkTypes: Array<{ type: Assertion["type"]; label: string }> = [
  { type: "contains", label: "Contains" },
  { type: "not-contains", label: "Does not contain" },
  { type: "regex", label: "Matches a regular expression" },
  { type: "equals-expected", label: "Equals the row's expected output" },
  { type: "is-json", label: "Is valid JSON" },
  { type: "matches-json-schema", label: "Matches a JSON Schema" },
  { type: "called-tool", label: "Called a tool" },
  { type: "finish-reason", label: "Finished for a reason" },
  { type: "max-cost", label: "Costs at most" },
  { type: "max-latency", label: "Takes at most (latency)" },
  { type: "max-reasoning-tokens", label: "Reasons at most (tokens)" },
  { type: "judge", label: "Kimi as judge (rubric)" },
];

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

function readJsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`The ${what} is not valid JSON (${(error as Error).message}).`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`The ${what} must be a JSON object, e.g. {"type": "object"}.`);
  return value as Record<string, unknown>;
}

function positive(text: string, what: string, integer = false): number {
  const number = Number(text);
  if (text.trim() === "" || !Number.isFinite(number) || number < 0 || (integer && !Number.isInteger(number))) throw new Error(`${what} must be a ${integer ? "whole " : ""}number of 0 or more; found "${text}".`);
  return number;
}

function buildCheck(type: Assertion["type"], fields: Fields): Assertion {
  const required = (text: string, what: string) => {
    if (text.trim() === "") throw new Error(`Write the ${what}.`);
    return text;
  };
  switch (type) {
    case "contains":
    case "not-contains":
      return { type, value: required(fields.value, "text to look for"), ...(fields.ignoreCase ? { ignoreCase: true } : {}) };
    case "regex":
      try {
        new RegExp(required(fields.pattern, "pattern"), fields.flags);
      } catch (error) {
        throw new Error(`The regular expression is not valid: ${(error as Error).message}.`);
      }
      return { type, pattern: fields.pattern, ...(fields.flags ? { flags: fields.flags } : {}) };
    case "equals-expected":
      return { type, ...(fields.ignoreCase ? { ignoreCase: true } : {}) };
    case "is-json":
      return { type };
    case "matches-json-schema":
      return { type, schema: readJsonObject(required(fields.schema, "JSON Schema"), "JSON Schema") };
    case "called-tool":
      return { type, name: required(fields.name, "tool's name"), ...(fields.schema.trim() ? { argumentsSchema: readJsonObject(fields.schema, "arguments schema") } : {}) };
    case "finish-reason":
      return { type, value: required(fields.value, "finish reason") };
    case "max-cost":
      return { type, amount: positive(fields.amount, "The cost"), currency: fields.currency };
    case "max-latency":
      return { type, ms: Math.max(1, positive(fields.limit, "The latency")) };
    case "max-reasoning-tokens":
      return { type, tokens: positive(fields.limit, "The number of tokens", true) };
    case "judge":
      return { type, rubric: required(fields.rubric, "rubric"), providerId: fields.providerId, model: required(fields.model, "judge's model") };
  }
}

/** The checks every cell of a run is graded on, with a form to add one. */
export const ChecksEditor = memo(function ChecksEditor({ project, providers, update }: { project: PromptProject; providers: ProvidersResponse; update: Update }) {
  const [type, setType] = useState<Assertion["type"]>("contains");
  const [fields, setFields] = useState<Fields>({ value: "", ignoreCase: false, pattern: "", flags: "", schema: "", name: "", amount: "0.01", currency: "CNY", limit: "", rubric: "", providerId: "simulator", model: "kimi-k2.6" });
  const [problem, setProblem] = useState<string>();
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
      <input type="checkbox" checked={fields.ignoreCase} onChange={(event) => set({ ignoreCase: event.target.checked })} /> Ignore case
    </label>
  );
  return (
    <section className={sectionClass} aria-labelledby="checks-heading">
      <h2 id="checks-heading" className="text-base font-semibold">
        Checks
      </h2>
      {project.assertions.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No checks yet: every finished cell counts as passing. Add what a good answer must do.</p>
      ) : (
        <ol className="space-y-1 text-sm" aria-label="Checks">
          {project.assertions.map((assertion, index) => (
            <li key={index} className="flex items-center justify-between gap-2 rounded-md bg-zinc-50 px-2 py-1 dark:bg-zinc-900">
              <span className="min-w-0 truncate">
                <span className="mr-1 text-zinc-500 dark:text-zinc-400">{index + 1}.</span>
                {describeCheck(assertion)}
              </span>
              <button type="button" className={`${buttonClass} h-7 text-xs`} aria-label={`Remove check ${index + 1}`} onClick={() => update((current) => ({ ...current, assertions: current.assertions.filter((_, position) => position !== index) }))}>
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      {rowsWithChecks.length > 0 && (
        <div className="space-y-1 text-sm">
          <p className={labelClass}>Checks for single rows (on top of the ones above)</p>
          <ul className="space-y-1" aria-label="Checks for single rows">
            {rowsWithChecks.slice(0, 200).map((row) =>
              (row.assert ?? []).map((check, index) => (
                <li key={`${row.id}:${index}`} className="flex items-center justify-between gap-2 rounded-md bg-zinc-50 px-2 py-1 dark:bg-zinc-900">
                  <span className="min-w-0 truncate">
                    <code className="mr-1 text-zinc-500 dark:text-zinc-400">{row.id}</code>
                    {describeCheck(check as unknown as Assertion)}
                  </span>
                  <button
                    type="button"
                    className={`${buttonClass} h-7 text-xs`}
                    aria-label={`Remove check ${index + 1} of ${row.id}`}
                    onClick={() => update((current) => ({ ...current, rows: current.rows.map((item) => (item.id === row.id ? { ...item, assert: (item.assert ?? []).filter((_, position) => position !== index) } : item)) }))}
                  >
                    Remove
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
            const check = buildCheck(type, fields);
            if (scope !== "all" && !project.rows.some((row) => row.id === scope)) throw new Error(`Row ${scope} is no longer in the test set; choose another row.`);
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
            <span className={labelClass}>For</span>
            <select aria-label="Check applies to" className={inputClass} value={scope} onChange={(event) => setScope(event.target.value)}>
              <option value="all">every row</option>
              {project.rows.slice(0, 500).map((row) => (
                <option key={row.id} value={row.id}>
                  row {row.id} only
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-0.5">
            <span className={labelClass}>New check</span>
            <select aria-label="Check type" className={inputClass} value={type} onChange={(event) => setType(event.target.value as Assertion["type"])}>
              {checkTypes.map((item) => (
                <option key={item.type} value={item.type}>
                  {item.label}
                </option>
              ))}
            </select>
          </label>
          {(type === "contains" || type === "not-contains") && (
            <>
              {text("value", "Text", { placeholder: "Paris" })}
              {ignoreCase}
            </>
          )}
          {type === "equals-expected" && ignoreCase}
          {type === "regex" && (
            <>
              {text("pattern", "Pattern", { placeholder: "^\\d{4}-\\d{2}-\\d{2}$", mono: true })}
              {text("flags", "Flags", { placeholder: "i", mono: true })}
            </>
          )}
          {type === "called-tool" && text("name", "Tool name", { placeholder: "get_weather", mono: true })}
          {type === "finish-reason" && text("value", "Finish reason", { placeholder: "stop, length or tool_calls", mono: true })}
          {type === "max-cost" && (
            <>
              {text("amount", "Amount")}
              <label className="flex flex-col gap-0.5">
                <span className={labelClass}>Currency</span>
                <select className={inputClass} value={fields.currency} onChange={(event) => set({ currency: event.target.value as "CNY" | "USD" })}>
                  <option value="CNY">CNY</option>
                  <option value="USD">USD</option>
                </select>
              </label>
            </>
          )}
          {type === "max-latency" && text("limit", "Milliseconds", { placeholder: "5000" })}
          {type === "max-reasoning-tokens" && text("limit", "Tokens", { placeholder: "2000" })}
          {type === "judge" && (
            <>
              <label className="flex flex-col gap-0.5">
                <span className={labelClass}>Judge&apos;s provider</span>
                <select className={inputClass} value={fields.providerId} onChange={(event) => set({ providerId: event.target.value })}>
                  {providers.providers.map((provider) => (
                    <option key={provider.id} value={provider.id}>
                      {provider.label}
                    </option>
                  ))}
                </select>
              </label>
              {text("model", "Judge's model", { mono: true })}
            </>
          )}
        </div>
        {(type === "matches-json-schema" || type === "called-tool") && (
          <label className="flex flex-col gap-0.5">
            <span className={labelClass}>{type === "called-tool" ? "Arguments schema (optional, JSON Schema)" : "JSON Schema"}</span>
            <textarea className={`${inputClass} min-h-20 font-mono text-xs`} value={fields.schema} placeholder='{"type": "object", "required": ["city"]}' onChange={(event) => set({ schema: event.target.value })} />
          </label>
        )}
        {type === "judge" && (
          <label className="flex flex-col gap-0.5">
            <span className={labelClass}>Rubric: what a passing answer does</span>
            <textarea className={`${inputClass} min-h-20 text-sm`} value={fields.rubric} placeholder="Names the capital correctly and in one sentence." onChange={(event) => set({ rubric: event.target.value })} />
          </label>
        )}
        <div className="flex items-center gap-2">
          <button type="submit" className={primaryButtonClass}>
            Add check
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
