"use client";

import { useTranslations } from "next-intl";
import { UndoNotice } from "@/components/ui/undo-notice";
import { undoableDeletes } from "@/lib/chat/undoable-deletes";
import { useState, useSyncExternalStore } from "react";
import { conversationStore } from "@/lib/chat/conversation-store";
import { createId } from "@/lib/conversation/create-id";
import { deletePreset, loadPresets, renamePreset, restorePreset, savePreset, subscribeToPresets } from "@/lib/chat/presets";
import { useWorkbench } from "@/lib/chat/use-workbench";
import { inputClass } from "./field-parts";

const noPresets: never[] = [];

/** Named parameter sets kept in this browser: save, load, rename, delete. */
export function PresetsSection() {
  const { conversation } = useWorkbench();
  const presets = useSyncExternalStore(subscribeToPresets, loadPresets, () => noPresets);
  const [name, setName] = useState("");
  const [renaming, setRenaming] = useState<{ id: string; name: string }>();
  const taken = presets.some((preset) => preset.name === name.trim());
  const t = useTranslations();
  return (
    <section aria-label={t("presets.section")} className="space-y-3 text-sm">
      <UndoNotice scope="preset" />
      <form
        className="space-y-1"
        onSubmit={(event) => {
          event.preventDefault();
          if (!name.trim()) return;
          savePreset({ id: createId(), name, providerId: conversation.providerId, parameters: conversation.parameters });
          setName("");
        }}
      >
        <label htmlFor="preset-name" className="text-xs font-medium">
          {t("presets.saveAs")}
        </label>
        <div className="flex gap-2">
          <input id="preset-name" className={inputClass} value={name} onChange={(event) => setName(event.target.value)} placeholder={t("presets.name")} />
          <button type="submit" disabled={!name.trim()} className="h-8 rounded-md bg-accent-600 px-3 text-xs text-white disabled:opacity-50">
            {taken ? t("presets.replace") : t("presets.save")}
          </button>
        </div>
        {taken && <p className="text-xs text-amber-700 dark:text-amber-400">{t("presets.exists", { name: name.trim() })}</p>}
      </form>
      {presets.length === 0 ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("presets.none")}</p>
      ) : (
        <ul className="space-y-2" aria-label={t("presets.saved")}>
          {presets.map((preset) => (
            <li key={preset.id} className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
              {renaming?.id === preset.id ? (
                <form
                  className="flex gap-1"
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (renaming.name.trim()) renamePreset({ id: preset.id, name: renaming.name });
                    setRenaming(undefined);
                  }}
                >
                  <input aria-label={t("presets.newName", { name: preset.name })} autoFocus className={inputClass} value={renaming.name} onChange={(event) => setRenaming({ id: preset.id, name: event.target.value })} />
                  <button type="submit" className="rounded-md border border-zinc-300 px-2 text-xs dark:border-zinc-700">
                    {t("presets.rename")}
                  </button>
                </form>
              ) : (
                <div className="flex items-center justify-between gap-2">
                  <div className="min-w-0">
                    <p className="truncate font-medium">{preset.name}</p>
                    <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                      {Object.keys(preset.parameters).join(", ") || t("presets.noParameters")} · {preset.providerId}
                    </p>
                  </div>
                  <div className="flex flex-none gap-1 text-xs">
                    <button type="button" aria-label={t("presets.loadNamed", { name: preset.name })} onClick={() => conversationStore.applyPreset(preset)} className="rounded border border-zinc-300 px-2 py-0.5 dark:border-zinc-700">
                      {t("presets.load")}
                    </button>
                    <button type="button" aria-label={t("presets.renameNamed", { name: preset.name })} onClick={() => setRenaming({ id: preset.id, name: preset.name })} className="rounded px-1 text-zinc-500 dark:text-zinc-400 underline">
                      {t("presets.rename")}
                    </button>
                    <button
                      type="button"
                      aria-label={t("presets.deleteNamed", { name: preset.name })}
                      onClick={() => {
                        const position = presets.findIndex((candidate) => candidate.id === preset.id);
                        undoableDeletes.schedule({ id: preset.id, title: preset.name, scope: "preset", hide: () => deletePreset(preset.id), commit: () => undefined, restore: () => restorePreset({ preset, position }) });
                      }}
                      className="rounded px-1 text-zinc-500 dark:text-zinc-400 underline"
                    >
                      {t("presets.delete")}
                    </button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
