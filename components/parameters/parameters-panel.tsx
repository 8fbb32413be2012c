"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, useState } from "react";
import { useNextRequest } from "@/lib/chat/use-workbench";
import { ParameterForm } from "./parameter-form";
import { PresetsSection } from "./presets-section";

// Monaco and the JSON view load only when the JSON tab is opened.
const JsonView = lazy(() => import("./json-view"));

const tabs = ["Form", "JSON", "Presets"] as const;
const tabKeys = { Form: "parameters.tabForm", JSON: "parameters.tabJson", Presets: "parameters.tabPresets" } as const;

/** The parameter editor: form, JSON (Monaco) and presets, over the same request. */
export function ParametersPanel() {
  const [tab, setTab] = useState<(typeof tabs)[number]>("Form");
  const { issues } = useNextRequest();
  const t = useTranslations();
  return (
    <div className="space-y-3">
      <div role="tablist" aria-label={t("parameters.editor")} className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`parameters-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`parameters-panel-${name}`}
            onClick={() => setTab(name)}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${tab === name ? "border-accent-600 font-medium" : "border-transparent text-zinc-500 dark:text-zinc-400 hover:text-zinc-800 dark:hover:text-zinc-200"}`}
          >
            {t(tabKeys[name])}
            {name !== "Presets" && issues.length > 0 && <span className="ml-1 rounded-full bg-red-600 px-1.5 text-[10px] text-white">{issues.length}</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`parameters-panel-${tab}`} aria-labelledby={`parameters-tab-${tab}`}>
        {tab === "Form" && <ParameterForm />}
        {tab === "JSON" && (
          <Suspense fallback={<p className="text-sm text-zinc-500 dark:text-zinc-400">{t("parameters.loadingEditor")}</p>}>
            <JsonView />
          </Suspense>
        )}
        {tab === "Presets" && <PresetsSection />}
      </div>
    </div>
  );
}
