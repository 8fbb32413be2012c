"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FieldRow, inputClass } from "./field-parts";

const encoder = new TextEncoder();

/** Stop sequences, one per line of inputs, with the provider's limits shown as you type. */
export function StopField({ value, onChange, limits }: { value: unknown; onChange: (value: string[] | undefined) => void; limits?: { maxSequences: number; maxBytes: number } }) {
  const stops = typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  const set = (next: string[]) => onChange(next.length > 0 ? next : undefined);
  // A sequence just added is a blank input, focused, that joins the request once it has text (an
  // empty stop in the request would be refused, and was flagged before anything was typed). It
  // keeps its place (and focus) as it becomes one of the stops.
  const [adding, setAdding] = useState(false);
  const t = useTranslations();
  const rows = adding ? [...stops, ""] : stops;
  return (
    <FieldRow label="stop" hint={limits ? t("inputs.stopHint", { count: limits.maxSequences, bytes: limits.maxBytes }) : t("inputs.stopHintFree")}>
      <div className="space-y-1">
        {rows.map((stop, index) => {
          const bytes = encoder.encode(stop).length;
          const draft = adding && index === stops.length;
          return (
            <div key={index} className="flex items-center gap-1">
              <input
                autoFocus={draft}
                aria-label={t("inputs.stopSequence", { number: index + 1 })}
                className={inputClass}
                value={stop}
                onChange={(event) => {
                  if (draft) setAdding(false);
                  set(draft ? [...stops, event.target.value] : stops.map((item, position) => (position === index ? event.target.value : item)));
                }}
                onBlur={() => {
                  if (draft) setAdding(false);
                }}
              />
              <span className={`w-12 text-right text-xs tabular-nums ${limits && bytes > limits.maxBytes ? "text-red-600" : "text-zinc-500 dark:text-zinc-400"}`}>{bytes} B</span>
              <button
                type="button"
                aria-label={t("inputs.removeStop", { number: index + 1 })}
                // Pressing it must not blur the blank input first (which would remove the row under the pointer).
                onMouseDown={(event) => draft && event.preventDefault()}
                onClick={() => (draft ? setAdding(false) : set(stops.filter((_, position) => position !== index)))}
                className="px-1 text-zinc-500 dark:text-zinc-400 hover:text-zinc-900 dark:hover:text-zinc-100"
              >
                ×
              </button>
            </div>
          );
        })}
        {!adding && (
          <button type="button" onClick={() => setAdding(true)} disabled={limits !== undefined && stops.length >= limits.maxSequences} className="text-xs text-accent-600 underline disabled:text-zinc-400 disabled:no-underline dark:text-accent-100">
            {t("inputs.addStop")}
          </button>
        )}
      </div>
    </FieldRow>
  );
}
