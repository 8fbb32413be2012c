"use client";

import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import type { ProvidersResponse } from "@/lib/catalog/provider-summary";
import { UndoNotice } from "@/components/ui/undo-notice";
import { usePromptProjects } from "@/lib/prompt-workspace/use-prompt-project";
import { ChecksEditor } from "./checks-editor";
import { PromptEditor } from "./prompt-editor";
import { buttonClass, inputClass } from "./prompt-styles";
import { RunResultsView } from "./run-results-view";
import { RunSetup } from "./run-setup";
import { TestSetTable } from "./test-set-table";

const tabs = ["prompt", "test-set", "runs"] as const;

type Tab = (typeof tabs)[number];

/** Prompt prototyping: the prompt with its versions, the test set and checks, runs and their results. */
export function PromptsWorkspace({ providers }: { providers: ProvidersResponse }) {
  const t = useTranslations();
  // Stable while the language is: the hook opens the first project once.
  const nameFor = useCallback((count: number) => (count === 0 ? t("prompts.untitled") : t("prompts.numbered", { number: count + 1 })), [t]);
  const { projects, project, update, open, create, remove } = usePromptProjects({ nameFor });
  const [tab, setTab] = useState<Tab>(() => {
    // ?tab=runs opens a section directly (links from elsewhere, tests).
    const requested = typeof window === "undefined" ? null : new URLSearchParams(window.location.search).get("tab");
    return tabs.find((item) => item === requested) ?? "prompt";
  });
  // Choices made for one project do not carry over to the next one opened.
  const [selection, setSelection] = useState<{ projectId?: string; runId?: string }>({});
  if (!project) return <p className="p-6 text-sm text-zinc-500 dark:text-zinc-400">{t("prompts.loading")}</p>;
  const mine = selection.projectId === project.id ? selection : {};
  const selectedRun = mine.runId && project.runs.some((run) => run.id === mine.runId) ? mine.runId : project.runs[0]?.id;
  const setRunId = (runId: string) => setSelection({ ...mine, projectId: project.id, runId });
  return (
    <div className="flex min-h-0 flex-1 flex-col md:flex-row">
      <nav aria-label={t("app.prompts")} className="shrink-0 border-b border-zinc-200 p-3 md:w-56 md:border-r md:border-b-0 dark:border-zinc-800">
        <div className="flex items-center gap-2 md:flex-col md:items-stretch">
          <button type="button" className={buttonClass} onClick={() => void create()}>
            {t("prompts.new")}
          </button>
          <label className="sr-only" htmlFor="project-select">
            {t("prompts.open")}
          </label>
          <select id="project-select" className={`${inputClass} min-w-0 flex-1 md:hidden`} value={project.id} onChange={(event) => void open(event.target.value)}>
            {projects.map((item) => (
              <option key={item.id} value={item.id}>
                {item.id === project.id ? project.name : item.name}
              </option>
            ))}
          </select>
          <ul className="hidden space-y-0.5 md:block">
            {/* The open project as it is now (the stored summaries catch up when it is saved). */}
            {projects.map((stored) => (stored.id === project.id ? { ...stored, name: project.name, versions: project.versions.length, rows: project.rows.length } : stored)).map((item) => (
              <li key={item.id}>
                <button type="button" aria-current={item.id === project.id ? "true" : undefined} onClick={() => void open(item.id)} className={`w-full rounded-md px-2 py-1.5 text-left ${item.id === project.id ? "bg-zinc-200 dark:bg-zinc-800" : "hover:bg-zinc-100 dark:hover:bg-zinc-900"}`}>
                  <span className="block truncate text-sm">{item.name}</span>
                  <span className="block text-[11px] text-zinc-600 dark:text-zinc-400">
                    {t("prompts.summary", { versions: item.versions, rows: item.rows })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      </nav>
      <main className="min-w-0 flex-1 space-y-4 overflow-y-auto p-4">
        <div className="flex flex-wrap items-center gap-2">
          <label className="sr-only" htmlFor="project-name">
            {t("prompts.name")}
          </label>
          <input id="project-name" className={`${inputClass} min-w-0 flex-1 text-base font-semibold sm:max-w-md`} value={project.name} onChange={(event) => update((current) => ({ ...current, name: event.target.value }))} />
          <button type="button" className={buttonClass} title={t("prompts.deleteTitle")} onClick={() => void remove(project.id)}>
            {t("prompts.delete")}
          </button>
        </div>
        <UndoNotice scope="prompt" />
        <div role="tablist" aria-label={t("prompts.sections")} className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
          {tabs.map((item) => (
            <button
              key={item}
              type="button"
              role="tab"
              id={`tab-${item}`}
              aria-selected={tab === item}
              aria-controls={`panel-${item}`}
              onClick={() => setTab(item)}
              className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${tab === item ? "border-accent-600 font-medium" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"}`}
            >
              {t(`prompts.tabs.${item}`)}
              {item === "test-set" && <span className="ml-1 text-xs text-zinc-500 dark:text-zinc-400">{project.rows.length}</span>}
              {item === "runs" && project.runs.length > 0 && <span className="ml-1 text-xs text-zinc-500 dark:text-zinc-400">{project.runs.length}</span>}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="space-y-4">
          {tab === "prompt" && <PromptEditor project={project} providers={providers} update={update} />}
          {tab === "test-set" && (
            <>
              <TestSetTable project={project} providers={providers} update={update} />
              <ChecksEditor project={project} providers={providers} update={update} />
            </>
          )}
          {tab === "runs" && (
            <>
              <RunSetup project={project} providers={providers} update={update} onStarted={setRunId} />
              {selectedRun ? <RunResultsView project={project} runId={selectedRun} onSelectRun={setRunId} /> : <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("prompts.noRuns")}</p>}
            </>
          )}
        </div>
      </main>
    </div>
  );
}
