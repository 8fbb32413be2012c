"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { undoableDeletes, type PendingDelete } from "@/lib/chat/undoable-deletes";

const nothingPending: readonly PendingDelete[] = [];

/** "Deleted “X” · Undo" for each pending delete of one place (history, presets, shares), where it happened. */
export function UndoNotice({ scope }: { scope: PendingDelete["scope"] }) {
  const t = useTranslations();
  const pending = useSyncExternalStore(undoableDeletes.subscribe, undoableDeletes.getSnapshot, () => nothingPending).filter((entry) => entry.scope === scope);
  if (pending.length === 0) return null;
  return (
    <div role="status" aria-label={t("undo.label")} className="space-y-1">
      {pending.map((entry) => (
        <div key={entry.id} className="flex items-center justify-between gap-2 rounded-md bg-zinc-900 px-3 py-1.5 text-xs text-white dark:bg-zinc-100 dark:text-zinc-900">
          <span className="min-w-0 truncate">{t("undo.deleted", { title: entry.title })}</span>
          <button type="button" onClick={() => void undoableDeletes.undo(entry)} className="shrink-0 rounded px-1.5 py-0.5 font-medium underline hover:bg-white/10 dark:hover:bg-black/10">
            {t("undo.undo")}
          </button>
        </div>
      ))}
    </div>
  );
}
