"use client";

import { useTranslations } from "next-intl";
import { toggleHistory } from "@/lib/chat/ui-events";

/** On narrow screens, where the history sidebar is hidden, shows and hides it. */
export function HistoryToggle() {
  const t = useTranslations();
  return (
    <button type="button" aria-label={t("header.conversations")} onClick={() => toggleHistory()} className="h-9 shrink-0 rounded-md border border-zinc-300 px-2 text-sm hover:bg-zinc-100 md:hidden dark:border-zinc-700 dark:hover:bg-zinc-800">
      ☰
    </button>
  );
}
