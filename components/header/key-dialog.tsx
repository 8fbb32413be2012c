"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { openKeyDialogEvent } from "@/lib/chat/ui-events";

const KeyDialogBody = lazy(() => import("./key-dialog-body"));

/** Keys and sign-in: pasted keys stay in this browser and go only to this server, per request. */
export function KeyDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  // The content (and the sign-in call) loads when the dialog is first opened.
  const [opened, setOpened] = useState(false);
  const t = useTranslations();
  const show = useCallback(() => {
    setOpened(true);
    dialog.current?.showModal();
  }, []);
  useEffect(() => {
    window.addEventListener(openKeyDialogEvent, show);
    return () => window.removeEventListener(openKeyDialogEvent, show);
  }, [show]);
  return (
    <>
      <button
        type="button"
        onClick={show}
        className="h-9 rounded-md border border-zinc-300 px-3 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        {t("keys.button")}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="key-dialog-title"
        className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100"
      >
        <div className="space-y-4 p-5">
          <div className="flex items-start justify-between">
            <h2 id="key-dialog-title" className="text-lg font-semibold">
              {t("keys.title")}
            </h2>
            <button type="button" aria-label={t("common.close")} onClick={() => dialog.current?.close()} className="rounded px-2 text-xl leading-none hover:bg-zinc-100 dark:hover:bg-zinc-800">
              ×
            </button>
          </div>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {t("keys.intro")}
          </p>
          <Suspense fallback={<p className="text-sm">{t("common.loading")}</p>}>{opened && <KeyDialogBody />}</Suspense>
        </div>
      </dialog>
    </>
  );
}
