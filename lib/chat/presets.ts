// Named imports: see lib/chat/browser-storage.ts on bundle size.
import "@/lib/wire/zod-browser";
import { array, enum as oneOf, looseObject, number, record, string, unknown } from "zod/mini";
import { providerIds, type ProviderId } from "@/lib/catalog/catalog-types";
import type { RequestParameters } from "@/lib/conversation/conversation-types";

const presetsKey = "kimi-workbench.presets.v1";

/** A named set of parameters, kept in this browser. */
export interface Preset {
  id: string;
  name: string;
  /** Provider the parameters were written for (their field names follow it). */
  providerId: ProviderId;
  parameters: RequestParameters;
  createdAt: number;
}

const presetSchema = array(
  looseObject({ id: string(), name: string(), providerId: oneOf(providerIds), parameters: record(string(), unknown()), createdAt: number() }),
);

let version = 0;
const listeners = new Set<() => void>();
let cache: { version: number; presets: Preset[] } | undefined;

/** The saved presets, newest first; unreadable storage reads as none. */
export function loadPresets(): Preset[] {
  if (cache?.version === version) return cache.presets;
  let presets: Preset[] = [];
  try {
    const parsed = presetSchema.safeParse(JSON.parse(localStorage.getItem(presetsKey) ?? "[]"));
    if (parsed.success) presets = parsed.data as Preset[];
  } catch {
    presets = [];
  }
  cache = { version, presets };
  return presets;
}

function store(presets: Preset[]): void {
  localStorage.setItem(presetsKey, JSON.stringify(presets));
  version += 1;
  for (const listener of listeners) listener();
}

/** `useSyncExternalStore` subscription for preset changes. */
export function subscribeToPresets(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Saves parameters under a name (a preset with the same name is replaced). */
export function savePreset({ name, providerId, parameters, id }: { name: string; providerId: ProviderId; parameters: RequestParameters; id: string }): void {
  const trimmed = name.trim();
  store([{ id, name: trimmed, providerId, parameters, createdAt: Date.now() }, ...loadPresets().filter((preset) => preset.name !== trimmed)]);
}

export function renamePreset({ id, name }: { id: string; name: string }): void {
  store(loadPresets().map((preset) => (preset.id === id ? { ...preset, name: name.trim() } : preset)));
}

/** Puts a deleted preset back where it was (Undo), unless one with its name was saved meanwhile. */
export function restorePreset({ preset, position }: { preset: Preset; position: number }): void {
  const current = loadPresets();
  if (current.some((candidate) => candidate.id === preset.id || candidate.name === preset.name)) return;
  store([...current.slice(0, position), preset, ...current.slice(position)]);
}

export function deletePreset(id: string): void {
  store(loadPresets().filter((preset) => preset.id !== id));
}
