"use client";

import { useState, useSyncExternalStore } from "react";
import { conversationStore } from "@/lib/chat/conversation-store";
import { createId } from "@/lib/conversation/create-id";
import { deletePreset, loadPresets, renamePreset, savePreset, subscribeToPresets } from "@/lib/chat/presets";
import { useWorkbench } from "@/lib/chat/use-workbench";
import { inputClass } from "./field-parts";

const noPresets: never[] = [];

/** Named parameter sets kept in this browser: save, load, rename, delete. */
export function PresetsSection() {
  const { conversation } = useWorkbench();
  const presets = useSyncExternalStore(subscribeToPresets, loadPresets, () => noPresets);
  const [name, setName] = useState("");
  const [renaming, setRenaming] = useState<{ id: string; name: string }>();
  const [confirmDelete, setConfirmDelete] = useState<string>();
  const taken = presets.some((preset) => preset.name === name.trim());
  return (
    <section aria-label="Presets" className="space-y-3 text-sm">
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
          Save the current parameters as
        </label>
        <div className="flex gap-2">
          <input id="preset-name" className={inputClass} value={name} onChange={(event) => setName(event.target.value)} placeholder="Preset name" />
          <button type="submit" disabled={!name.trim()} className="h-8 rounded-md bg-accent-600 px-3 text-xs text-white disabled:opacity-50">
            {taken ? "Replace" : "Save"}
          </button>
        </div>
        {taken && <p className="text-xs text-amber-700 dark:text-amber-400">A preset named “{name.trim()}” exists; saving replaces it.</p>}
      </form>
      {presets.length === 0 ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">No presets yet. They are kept in this browser.</p>
      ) : (
        <ul className="space-y-2" aria-label="Saved presets">
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
                  <input aria-label={`New name for ${preset.name}`} autoFocus className={inputClass} value={renaming.name} onChange={(event) => setRenaming({ id: preset.id, name: event.target.value })} />
                  <button type="submit" className="rounded-md border border-zinc-300 px-2 text-xs dark:border-zinc-700">
                    Rename
                  </button>
                </form>
              ) : (
                <div className="flex items-center justify-between gap-2">
                  <div className="min-w-0">
                    <p className="truncate font-medium">{preset.name}</p>
                    <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                      {Object.keys(preset.parameters).join(", ") || "no parameters (all defaults)"} · {preset.providerId}
                    </p>
                  </div>
                  <div className="flex flex-none gap-1 text-xs">
                    <button type="button" aria-label={`Load ${preset.name}`} onClick={() => conversationStore.applyPreset(preset)} className="rounded border border-zinc-300 px-2 py-0.5 dark:border-zinc-700">
                      Load
                    </button>
                    <button type="button" aria-label={`Rename ${preset.name}`} onClick={() => setRenaming({ id: preset.id, name: preset.name })} className="rounded px-1 text-zinc-500 dark:text-zinc-400 underline">
                      Rename
                    </button>
                    {confirmDelete === preset.id ? (
                      <button type="button" aria-label={`Confirm deleting ${preset.name}`} onClick={() => deletePreset(preset.id)} className="rounded bg-red-600 px-2 py-0.5 text-white">
                        Delete?
                      </button>
                    ) : (
                      <button type="button" aria-label={`Delete ${preset.name}`} onClick={() => setConfirmDelete(preset.id)} className="rounded px-1 text-zinc-500 dark:text-zinc-400 underline">
                        Delete
                      </button>
                    )}
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
