"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { openParametersDialog, openParametersDialogEvent } from "@/lib/chat/ui-events";
// The editor (form, rules, presets) loads on demand: it is not part of the page's first paint.
const ParametersPanel = lazy(() => import("./parameters-panel").then((module) => ({ default: module.ParametersPanel })));

/** On narrow screens the parameter editor opens in a dialog (on wide ones it is a column). */
export function ParametersDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const t = useTranslations();
  useEffect(() => {
    const show = () => {
      setOpen(true);
      dialog.current?.showModal();
    };
    window.addEventListener(openParametersDialogEvent, show);
    return () => window.removeEventListener(openParametersDialogEvent, show);
  }, []);
  return (
    <>
      <button type="button" onClick={() => openParametersDialog()} className="h-9 rounded-md border border-zinc-300 px-3 text-sm hover:bg-zinc-100 lg:hidden dark:border-zinc-700 dark:hover:bg-zinc-800">
        {t("parameters.button")}
      </button>
      <dialog
        ref={dialog}
        aria-label={t("parameters.dialog")}
        onClose={() => setOpen(false)}
        className="m-auto w-[min(32rem,calc(100vw-1rem))] rounded-lg border border-zinc-200 bg-white p-4 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100"
      >
        <div className="mb-2 flex justify-end">
          <button type="button" aria-label={t("common.close")} onClick={() => dialog.current?.close()} className="rounded px-2 text-xl leading-none">
            ×
          </button>
        </div>
        {open && <Suspense fallback={<p className="text-sm text-zinc-500 dark:text-zinc-400">{t("parameters.loadingParameterEditor")}</p>}><ParametersPanel /></Suspense>}
      </dialog>
    </>
  );
}
