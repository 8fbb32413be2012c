"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, useSyncExternalStore } from "react";
// The editor (form, rules, presets) loads on demand: it is not part of the page's first paint.
const ParametersPanel = lazy(() => import("./parameters-panel").then((module) => ({ default: module.ParametersPanel })));

const wideQuery = "(min-width: 1024px)";

function subscribe(listener: () => void): () => void {
  const query = window.matchMedia(wideQuery);
  query.addEventListener("change", listener);
  return () => query.removeEventListener("change", listener);
}

/** The parameter editor as a column beside the conversation, on wide screens only (one editor on the page). */
export function ParametersAside() {
  const wide = useSyncExternalStore(subscribe, () => window.matchMedia(wideQuery).matches, () => false);
  const t = useTranslations();
  if (!wide) return null;
  return (
    <aside aria-label={t("parameters.editor")} className="w-[24rem] flex-none overflow-y-auto border-l border-zinc-200 p-4 dark:border-zinc-800">
      <Suspense fallback={<p className="text-sm text-zinc-500 dark:text-zinc-400">{t("parameters.loadingParameterEditor")}</p>}><ParametersPanel /></Suspense>
    </aside>
  );
}
