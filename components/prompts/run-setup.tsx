"use client";

import { useLocale, useTranslations } from "next-intl";
import { memo, useState } from "react";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import { reasoningControlOf } from "@/lib/catalog/model-catalog";
import type { ProvidersResponse } from "@/lib/catalog/provider-summary";
import { loadProviderKeys } from "@/lib/chat/browser-storage";
import { estimateRunCost, startRun, type RunRequest } from "@/lib/prompt-workspace/run-client";
import { columnLabel, nextColumnId, type PromptProject } from "@/lib/prompt-workspace/prompt-project";
import type { RunColumn } from "@/lib/runs/run-cell";
import type { RunEstimate } from "@/lib/runs/run-estimate";
import { formatMoney } from "@/lib/tokens/token-preview";
import { partsText } from "@/components/share/describe-check";
import { buttonClass, inputClass, labelClass, primaryButtonClass, sectionClass } from "./prompt-styles";
import { workbenchText } from "@/components/i18n/workbench-text";

type Update = (change: (project: PromptProject) => PromptProject) => void;

function ColumnEditor({ column, providers, update, removable }: { column: RunColumn; providers: ProvidersResponse; update: Update; removable: boolean }) {
  const provider = providers.providers.find((item) => item.id === column.providerId);
  const spec = provider?.models.find((model) => model.id === column.model);
  const control = spec ? reasoningControlOf(spec) : undefined;
  const t = useTranslations();
  const [overridesText, setOverridesText] = useState(() => JSON.stringify(column.overrides));
  const [problem, setProblem] = useState<string>();
  const set = (change: Partial<RunColumn>) =>
    update((project) => ({
      ...project,
      columns: project.columns.map((item) => {
        if (item.id !== column.id) return item;
        const next = { ...item, ...change };
        const label = providers.providers.find((candidate) => candidate.id === next.providerId)?.label ?? next.providerId;
        return { ...next, label: columnLabel({ model: next.model, providerLabel: label, overrides: next.overrides }) };
      }),
    }));
  return (
    <li className="flex flex-wrap items-end gap-2 rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
      <label className="flex min-w-0 max-w-full flex-col gap-0.5">
        <span className={labelClass}>{t("runSetup.provider")}</span>
        <select
          className={`${inputClass} max-w-full`}
          value={column.providerId}
          onChange={(event) => {
            const providerId = event.target.value as ProviderId;
            const models = providers.providers.find((item) => item.id === providerId)?.models ?? [];
            set({ providerId, model: models.some((model) => model.id === column.model) ? column.model : (models.find((model) => !model.retired)?.id ?? column.model) });
          }}
        >
          {providers.providers.map((item) => (
            <option key={item.id} value={item.id}>
              {item.label}
              {item.id !== "simulator" && !item.configured ? t("runSetup.notConfigured") : ""}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-0.5">
        <span className={labelClass}>{t("runSetup.model")}</span>
        <input className={`${inputClass} w-44`} list={`models-${column.id}`} value={column.model} onChange={(event) => set({ model: event.target.value })} />
        <datalist id={`models-${column.id}`}>
          {provider?.models.map((model) => (
            <option key={model.id} value={model.id} />
          ))}
        </datalist>
      </label>
      {control?.kind === "effort" && (
        <label className="flex flex-col gap-0.5">
          <span className={labelClass}>{t("runSetup.effort")}</span>
          <select
            className={inputClass}
            value={typeof column.overrides.reasoning_effort === "string" ? column.overrides.reasoning_effort : ""}
            onChange={(event) => {
              const overrides = { ...column.overrides };
              if (event.target.value) overrides.reasoning_effort = event.target.value;
              else delete overrides.reasoning_effort;
              setOverridesText(JSON.stringify(overrides));
              set({ overrides });
            }}
          >
            <option value="">{t("runSetup.promptsEffort", { effort: control.defaultEffort })}</option>
            {control.efforts.map((effort) => (
              <option key={effort}>{effort}</option>
            ))}
          </select>
        </label>
      )}
      <label className="flex min-w-48 flex-1 flex-col gap-0.5">
        <span className={labelClass}>{t("runSetup.overrides")}</span>
        <input
          className={`${inputClass} font-mono text-xs ${problem ? "border-red-500" : ""}`}
          value={overridesText}
          aria-invalid={problem ? true : undefined}
          title={problem}
          onChange={(event) => {
            setOverridesText(event.target.value);
            try {
              const value: unknown = JSON.parse(event.target.value || "{}");
              if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(t("runSetup.overridesNotObject"));
              setProblem(undefined);
              set({ overrides: value as Record<string, unknown> });
            } catch (error) {
              setProblem(error instanceof SyntaxError ? t("runSetup.overridesNotJson") : (error as Error).message);
            }
          }}
        />
      </label>
      <button type="button" className={buttonClass} disabled={!removable} aria-label={t("runSetup.removeColumn", { label: column.label })} onClick={() => update((project) => ({ ...project, columns: project.columns.filter((item) => item.id !== column.id) }))}>
        {t("runSetup.remove")}
      </button>
      {problem && <p className="w-full text-xs text-red-700 dark:text-red-400">{problem}</p>}
    </li>
  );
}

/** Choosing what to run (versions × columns × rows), its estimate, and starting it. */
export const RunSetup = memo(function RunSetup({ project, providers, update, onStarted }: { project: PromptProject; providers: ProvidersResponse; update: Update; onStarted: (runId: string) => void }) {
  const latest = project.versions.at(-1)?.number;
  const [chosen, setChosen] = useState<number[] | undefined>(undefined);
  const versions = (chosen ?? (latest ? [latest] : [])).filter((number) => project.versions.some((version) => version.number === number));
  const [rowChoice, setRowChoice] = useState("all");
  const [estimate, setEstimate] = useState<RunEstimate>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const t = useTranslations();
  const locale = useLocale();
  const money = (amount: number, currency: "USD" | "CNY") => formatMoney({ amount, currency, locale, fractionDigits: amount < 0.01 ? 4 : 2 });
  const access = providers.access.loopback || providers.access.authenticated;
  const rows = rowChoice === "all" ? project.rows : project.rows.filter((row) => row.id === rowChoice);
  const userKeys = typeof window === "undefined" ? {} : loadProviderKeys();
  const keyless = project.columns.filter((column) => {
    const provider = providers.providers.find((item) => item.id === column.providerId);
    return provider && provider.id !== "simulator" && !provider.serverCredentialsUsable && !userKeys[column.providerId];
  });
  const request = (): RunRequest => {
    const keys: Record<string, string> = {};
    for (const column of project.columns) {
      const provider = providers.providers.find((item) => item.id === column.providerId);
      const key = userKeys[column.providerId];
      // A key pasted in this browser is sent only for providers the server's own credentials do not cover.
      if (key && provider && !provider.serverCredentialsUsable) keys[column.id] = key;
    }
    return {
      versions: project.versions.filter((version) => versions.includes(version.number)).map((version) => ({ number: version.number, template: version.template })),
      rows,
      columns: project.columns,
      assertions: project.assertions,
      ...(Object.keys(keys).length > 0 ? { keys } : {}),
    };
  };
  const blocked =
    versions.length === 0
      ? t("runSetup.blockedNoVersion")
      : rows.length === 0
        ? t("runSetup.blockedNoRows")
        : project.columns.length === 0
          ? t("runSetup.blockedNoColumn")
          : !access
            ? t("runSetup.blockedNoAccess")
            : keyless.length > 0
              ? t("runSetup.blockedNoKey", { columns: keyless.map((column) => column.label).join(", ") })
              : undefined;
  const cells = versions.length * rows.length * project.columns.length;
  return (
    <section className={sectionClass} aria-labelledby="run-setup-heading">
      <h2 id="run-setup-heading" className="text-base font-semibold">
        {t("runSetup.heading")}
      </h2>
      <fieldset className="flex flex-wrap items-center gap-3 text-sm">
        <legend className={labelClass}>{t("runSetup.versions")}</legend>
        {project.versions.length === 0 && <span className="text-zinc-500 dark:text-zinc-400">{t("runSetup.noneSaved")}</span>}
        {project.versions.map((version) => (
          <label key={version.number} className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={versions.includes(version.number)}
              onChange={(event) => setChosen(event.target.checked ? [...versions, version.number].sort((a, b) => a - b) : versions.filter((number) => number !== version.number))}
            />
            {t("runSetup.version", { number: version.number })}
            {version.note ? <span className="max-w-40 truncate text-xs text-zinc-500 dark:text-zinc-400">({version.note})</span> : null}
          </label>
        ))}
      </fieldset>
      <div className="space-y-1">
        <p className={labelClass}>{t("runSetup.columns")}</p>
        <ul className="space-y-2">
          {project.columns.map((column) => (
            <ColumnEditor key={column.id} column={column} providers={providers} update={update} removable={project.columns.length > 1} />
          ))}
        </ul>
        <button
          type="button"
          className={buttonClass}
          onClick={() =>
            update((current) => {
              const last = current.columns.at(-1);
              const providerLabel = providers.providers.find((item) => item.id === (last?.providerId ?? "simulator"))?.label ?? "Simulator";
              const column: RunColumn = { id: nextColumnId(current.columns), providerId: last?.providerId ?? "simulator", model: last?.model ?? current.draft.model, overrides: {}, label: "" };
              return { ...current, columns: [...current.columns, { ...column, label: columnLabel({ model: column.model, providerLabel, overrides: {} }) }] };
            })
          }
        >
          {t("runSetup.addColumn")}
        </button>
      </div>
      <label className="flex flex-col gap-0.5">
        <span className={labelClass}>{t("runSetup.rows")}</span>
        <select className={`${inputClass} w-fit`} value={rowChoice} onChange={(event) => setRowChoice(event.target.value)}>
          <option value="all">{t("runSetup.allRows", { count: project.rows.length })}</option>
          {project.rows.slice(0, 500).map((row) => (
            <option key={row.id} value={row.id}>
              {t("runSetup.onlyRow", { row: row.id })}
            </option>
          ))}
        </select>
      </label>
      <div className="flex flex-wrap items-center gap-2 border-t border-zinc-200 pt-3 dark:border-zinc-800">
        <button
          type="button"
          className={buttonClass}
          disabled={busy || versions.length === 0 || rows.length === 0}
          onClick={async () => {
            setBusy(true);
            const result = await estimateRunCost(request());
            setBusy(false);
            if (result.ok) {
              setEstimate(result.value);
              setProblem(undefined);
            } else setProblem(workbenchText(result, t));
          }}
        >
          {t("runSetup.estimate")}
        </button>
        <button
          type="button"
          className={primaryButtonClass}
          disabled={busy || blocked !== undefined}
          onClick={async () => {
            setBusy(true);
            const started = await startRun(request());
            setBusy(false);
            if (!started.ok) {
              setProblem(workbenchText(started, t));
              return;
            }
            setProblem(undefined);
            update((current) => ({ ...current, runs: [{ id: started.value.id, createdAt: Date.now(), versions, cells: started.value.cells }, ...current.runs] }));
            onStarted(started.value.id);
          }}
        >
          {t("runSetup.run", { count: cells })}
        </button>
        <span className="text-xs text-zinc-500 dark:text-zinc-400">
          {t("runSetup.shape", { versions: versions.length, rows: rows.length, columns: project.columns.length })}
        </span>
      </div>
      {blocked && <p className="text-sm text-amber-700 dark:text-amber-400">{blocked}</p>}
      {problem && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      {estimate && (
        <div className="space-y-1 text-sm" data-testid="run-estimate">
          <table className="w-full text-left">
            <caption className="text-left text-xs text-zinc-500 dark:text-zinc-400">
              {t("runSetup.estimateCaption")}
              {estimate.judges.length > 0 && ` ${t("runSetup.estimateJudges")}`}
            </caption>
            <thead className="text-xs text-zinc-500 dark:text-zinc-400">
              <tr>
                <th className="font-normal">{t("runSetup.column")}</th>
                <th className="font-normal">{t("runSetup.cells")}</th>
                <th className="font-normal">{t("runSetup.promptTokens")}</th>
                <th className="font-normal">{t("runSetup.promptsCost")}</th>
                <th className="font-normal">{t("runSetup.answersAtMost")}</th>
              </tr>
            </thead>
            <tbody>
              {estimate.columns.map((column) => (
                <tr key={column.columnId}>
                  <td className="pr-2">{column.label}</td>
                  <td className="pr-2 tabular-nums">{column.cells}</td>
                  <td className="pr-2 tabular-nums">{column.promptTokens.toLocaleString(locale)}</td>
                  <td className="pr-2 tabular-nums">{column.cost ? money(column.cost.prompts, column.cost.currency) : t("runSetup.noPrice")}</td>
                  <td className="tabular-nums">{column.cost ? money(column.cost.answersAtMost, column.cost.currency) : "—"}</td>
                </tr>
              ))}
              {estimate.judges.map((judge) => (
                <tr key={`${judge.providerId}:${judge.model}`} className="text-zinc-600 dark:text-zinc-400">
                  <td className="pr-2">
                    {t("runSetup.judge", { model: judge.model, provider: providers.providers.find((provider) => provider.id === judge.providerId)?.label ?? judge.providerId })}
                  </td>
                  <td className="pr-2 tabular-nums">
                    {t("runSetup.calls", { count: judge.calls })}
                  </td>
                  <td className="pr-2 tabular-nums" title={t("runSetup.judgePlus", { tokens: judge.gradedAnswersAtMost })}>
                    {t("runSetup.judgeTokens", { tokens: judge.promptTokens })}
                  </td>
                  <td className="pr-2 tabular-nums">{judge.cost ? `≤ ${money(judge.cost.prompts, judge.cost.currency)}` : t("runSetup.noPrice")}</td>
                  <td className="tabular-nums">{judge.cost ? money(judge.cost.answersAtMost, judge.cost.currency) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {estimate.problems.length > 0 && (
            <ul className="list-disc pl-5 text-amber-700 dark:text-amber-400">
              {estimate.problems.slice(0, 10).map((item) => (
                <li key={item.cellId}>
                  {item.cellId}: {partsText({ parts: item.parts, english: item.message }, t)}
                </li>
              ))}
              {estimate.problems.length > 10 && <li>{t("runSetup.moreProblems", { count: estimate.problems.length - 10 })}</li>}
            </ul>
          )}
        </div>
      )}
    </section>
  );
});
