"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { PromptProject } from "@/lib/prompt-workspace/prompt-project";
import { diffVersions, type PromptVersion } from "@/lib/prompts/prompt-versions";
import type { PromptTemplate } from "@/lib/prompts/prompt-template";
import { buttonClass, inputClass, labelClass, sectionClass } from "./prompt-styles";

type Update = (change: (project: PromptProject) => PromptProject) => void;

function VersionDiff({ before, after }: { before: PromptTemplate; after: PromptTemplate }) {
  const t = useTranslations();
  const diff = diffVersions({ before, after });
  const changed = diff.messages.filter((message) => message.change !== "same");
  if (!diff.model && changed.length === 0 && diff.parameters.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("versions.noDifferences")}</p>;
  return (
    <div className="space-y-2 text-xs" data-testid="version-diff">
      {diff.model && (
        <p>
          {t("versions.model")} <del className="bg-red-100 dark:bg-red-950">{diff.model.before}</del> → <ins className="bg-emerald-100 no-underline dark:bg-emerald-950">{diff.model.after}</ins>
        </p>
      )}
      {changed.map((message) => (
        <div key={`${message.index}:${message.change}`}>
          <p className="font-medium">
            {t("versions.message", { number: message.index + 1, role: message.role, change: message.change })}
          </p>
          <pre tabIndex={0} className="overflow-x-auto whitespace-pre-wrap rounded bg-zinc-50 p-2 font-mono dark:bg-zinc-900">
            {message.parts.map((part, index) =>
              part.kind === "same" ? (
                <span key={index}>{part.text}</span>
              ) : part.kind === "added" ? (
                <ins key={index} className="bg-emerald-100 no-underline dark:bg-emerald-950">
                  {part.text}
                </ins>
              ) : (
                <del key={index} className="bg-red-100 dark:bg-red-950">
                  {part.text}
                </del>
              ),
            )}
          </pre>
        </div>
      ))}
      {diff.parameters.length > 0 && (
        <table className="w-full border-collapse">
          <caption className="text-left font-medium">{t("versions.parameters")}</caption>
          <thead>
            <tr className="text-left text-zinc-500 dark:text-zinc-400">
              <th className="pr-2 font-normal">{t("versions.field")}</th>
              <th className="pr-2 font-normal">{t("versions.before")}</th>
              <th className="font-normal">{t("versions.after")}</th>
            </tr>
          </thead>
          <tbody>
            {diff.parameters.map((parameter) => (
              <tr key={parameter.field} className="align-top">
                <td className="pr-2 font-mono">{parameter.field}</td>
                <td className="pr-2 font-mono text-red-700 dark:text-red-400">{parameter.before === undefined ? "—" : JSON.stringify(parameter.before)}</td>
                <td className="font-mono text-emerald-700 dark:text-emerald-400">{parameter.after === undefined ? "—" : JSON.stringify(parameter.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function VersionSelect({ label, value, options, onChange }: { label: string; value: string; options: Array<{ value: string; label: string }>; onChange: (value: string) => void }) {
  return (
    <label className="flex flex-col gap-0.5">
      <span className={labelClass}>{label}</span>
      <select className={inputClass} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function templateOf(versions: readonly PromptVersion[], choice: string, draft: PromptTemplate): PromptTemplate | undefined {
  if (choice === "draft") return draft;
  return versions.find((version) => String(version.number) === choice)?.template;
}

/** Saved versions, newest first, with any two (or a version and the draft) compared. */
export function VersionHistory({ project, update }: { project: PromptProject; update: Update }) {
  const latest = project.versions.at(-1);
  const t = useTranslations();
  const format = useFormatter();
  const [before, setBefore] = useState<string>();
  const [after, setAfter] = useState<string>();
  const beforeChoice = before ?? (project.versions.length >= 2 ? String(project.versions.at(-2)!.number) : latest ? String(latest.number) : "draft");
  const afterChoice = after ?? (project.versions.length >= 2 ? String(latest!.number) : "draft");
  const beforeTemplate = templateOf(project.versions, beforeChoice, project.draft);
  const afterTemplate = templateOf(project.versions, afterChoice, project.draft);
  const options = [...project.versions.map((version) => ({ value: String(version.number), label: t("versions.version", { number: version.number }) })), { value: "draft", label: t("versions.draft") }];
  return (
    <section className={sectionClass} aria-labelledby="prompt-versions-heading">
      <h2 id="prompt-versions-heading" className="text-base font-semibold">
        {t("runSetup.versions")}
      </h2>
      {project.versions.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("versions.none")}</p>
      ) : (
        <ol className="max-h-56 space-y-1 overflow-y-auto text-sm" aria-label={t("versions.saved")}>
          {[...project.versions].reverse().map((version) => (
            <li key={version.number} className="flex items-start justify-between gap-2">
              <span className="min-w-0">
                <span className="font-medium">{t("runSetup.version", { number: version.number })}</span> <span className="text-xs text-zinc-500 dark:text-zinc-400">{format.dateTime(version.createdAt, { dateStyle: "medium", timeStyle: "short" })}</span>
                {version.note && <span className="block truncate text-xs text-zinc-600 dark:text-zinc-400">{version.note}</span>}
              </span>
              <button
                type="button"
                className={`${buttonClass} h-7 shrink-0 text-xs`}
                onClick={() => update((current) => ({ ...current, draft: structuredClone(version.template), draftRevision: (current.draftRevision ?? 0) + 1 }))}
              >
                {t("versions.editAsDraft")}
              </button>
            </li>
          ))}
        </ol>
      )}
      {(project.versions.length > 0) && (
        <div className="space-y-2 border-t border-zinc-200 pt-2 dark:border-zinc-800">
          <div className="flex items-end gap-2">
            <VersionSelect label={t("versions.compare")} value={beforeChoice} options={options} onChange={setBefore} />
            <VersionSelect label={t("versions.with")} value={afterChoice} options={options} onChange={setAfter} />
          </div>
          {beforeTemplate && afterTemplate && <VersionDiff before={beforeTemplate} after={afterTemplate} />}
        </div>
      )}
    </section>
  );
}
