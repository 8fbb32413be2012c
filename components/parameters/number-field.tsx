"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { NumericRange } from "@/lib/catalog/provider-parameters";
import { FieldRow, inputClass, LinkButton } from "./field-parts";

/**
 * A numeric parameter: empty means "not sent" (the service's default applies, and the slider rests
 * there, dimmed); the slider appears where a range is documented.
 */
export function NumberField({
  field,
  value,
  onChange,
  range,
  defaultValue,
  integer = false,
}: {
  field: string;
  value: unknown;
  onChange: (value: number | undefined) => void;
  range?: NumericRange;
  defaultValue?: number;
  integer?: boolean;
}) {
  const id = `parameter-${field}`;
  const external = typeof value === "number" ? String(value) : "";
  const [text, setText] = useState(external);
  const [lastExternal, setLastExternal] = useState(external);
  const t = useTranslations();
  const format = useFormatter();
  // The value changed elsewhere (JSON view, preset, model switch): show it.
  if (external !== lastExternal) {
    setLastExternal(external);
    setText(external);
  }
  const commit = (next: string) => {
    setText(next);
    if (next.trim() === "") return onChange(undefined);
    const parsed = Number(next);
    if (Number.isFinite(parsed) && (!integer || Number.isInteger(parsed))) onChange(parsed);
  };
  const invalidText = text.trim() !== "" && (!Number.isFinite(Number(text)) || (integer && !Number.isInteger(Number(text))));
  const placeholder = defaultValue !== undefined ? t("inputs.default", { value: String(defaultValue) }) : t("inputs.notSet");
  return (
    <FieldRow
      label={field}
      htmlFor={id}
      action={typeof value === "number" ? <LinkButton label={t("inputs.clearField", { field })} onClick={() => commit("")}>{t("inputs.clear")}</LinkButton> : undefined}
      hint={invalidText ? <span className="text-red-700 dark:text-red-400">{integer ? t("inputs.wholeNumber") : t("inputs.number")}</span> : range ? `${range.minExclusive ? ">" : "≥"} ${format.number(range.min)}, ${range.maxExclusive ? "<" : "≤"} ${format.number(range.max)}` : undefined}
    >
      <div className="flex items-center gap-2">
        {range && range.max - range.min <= 10 && (
          <input
            type="range"
            aria-label={t("inputs.slider", { field })}
            min={range.min}
            max={range.max}
            step={range.step}
            value={typeof value === "number" ? value : (defaultValue ?? range.min)}
            onChange={(event) => commit(event.target.value)}
            className={`min-w-0 flex-1 accent-accent-600 ${typeof value === "number" ? "" : "opacity-50"}`}
          />
        )}
        {/* Beside a slider the box is narrow (inputClass's w-full used to win, squeezing the slider to a dot). */}
        <input id={id} inputMode="decimal" className={range && range.max - range.min <= 10 ? `${inputClass.replace("w-full", "")} w-24 flex-none` : inputClass} placeholder={placeholder} value={text} onChange={(event) => commit(event.target.value)} />
      </div>
    </FieldRow>
  );
}
