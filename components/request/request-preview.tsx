"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, useId, useMemo, useState } from "react";
import { previewedRequest } from "@/lib/chat/previewed-request";
import { openCodeDialog } from "@/lib/chat/ui-events";
import { useNextRequest, useWorkbench } from "@/lib/chat/use-workbench";

// The provider translation and the compact body load when the preview is first opened.
const RequestPreviewDetails = lazy(() => import("./request-preview-details"));

/** "What will be sent": opens the final body and every adjustment, with a way to the code. */
export function RequestPreview() {
  const { loaded, conversation } = useWorkbench();
  const next = useNextRequest();
  const { issues } = next;
  // The same request the details show (the next one, or the last answer's), so the counts agree.
  const { adjustments } = useMemo(() => previewedRequest({ conversation, next }), [conversation, next]);
  const [open, setOpen] = useState(false);
  const regionId = useId();
  const t = useTranslations();
  if (!loaded) return null;
  return (
    <section className="mx-auto w-full max-w-3xl px-4" aria-label={t("request.label")}>
      <div className="flex items-center gap-3 text-xs text-zinc-500 dark:text-zinc-400">
        <button type="button" aria-expanded={open} aria-controls={regionId} onClick={() => setOpen(!open)} className="underline hover:text-zinc-800 dark:hover:text-zinc-200">
          {adjustments.length > 0 ? t("request.changes", { count: adjustments.length }) : t("request.toggle")}
        </button>
        {issues.length > 0 && (
          <span className="text-red-700 dark:text-red-400">
            {t("request.problems", { count: issues.length })}
          </span>
        )}
        <button type="button" onClick={() => openCodeDialog()} className="ml-auto underline hover:text-zinc-800 dark:hover:text-zinc-200">
          {t("request.viewCode")}
        </button>
      </div>
      <div id={regionId} hidden={!open} tabIndex={0} role="region" aria-label={t("request.region")} className="mt-2 max-h-80 space-y-2 overflow-y-auto rounded-md border border-zinc-200 p-3 text-xs dark:border-zinc-800">
        {open && (
          <Suspense fallback={<p>{t("common.loading")}</p>}>
            <RequestPreviewDetails issues={issues} />
          </Suspense>
        )}
      </div>
    </section>
  );
}
