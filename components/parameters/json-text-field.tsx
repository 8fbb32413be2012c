"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FieldRow, LinkButton } from "./field-parts";

/** Where a JSON parse failed, as "line L, column C", from the engine's position. */
export function describeJsonError({ text, error }: { text: string; error: unknown }): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message)?.[1];
  if (position === undefined) return message;
  const before = text.slice(0, Number(position));
  const line = before.split("\n").length;
  const column = Number(position) - before.lastIndexOf("\n");
  return `${message.replace(/ in JSON at position \d+.*$/, "").replace(/\s*\(line \d+ column \d+\)$/, "")} at line ${line}, column ${column}`;
}

/**
 * A JSON value edited as text. Valid text updates the value at once; invalid text stays in the
 * box with the error, and the last valid value stays in the request.
 */
export function JsonTextField({
  label,
  value,
  onChange,
  validate,
  rows = 8,
  placeholder,
  action,
}: {
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  /** A problem with a parsed value (shape, rules), or undefined. */
  validate?: (value: unknown) => string | undefined;
  rows?: number;
  placeholder?: string;
  action?: React.ReactNode;
}) {
  const id = `parameter-${label.replace(/\W+/g, "-")}`;
  const external = value === undefined ? "" : JSON.stringify(value, null, 2);
  const [text, setText] = useState(external);
  const [lastExternal, setLastExternal] = useState(external);
  const [error, setError] = useState<string>();
  const t = useTranslations();
  if (external !== lastExternal) {
    setLastExternal(external);
    setText(external);
    setError(undefined);
  }
  const update = (next: string) => {
    setText(next);
    if (next.trim() === "") {
      setError(undefined);
      onChange(undefined);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(next);
    } catch (caught) {
      setError(t("jsonView.fieldNotJson", { problem: describeJsonError({ text: next, error: caught }) }));
      return;
    }
    const problem = validate?.(parsed);
    setError(problem);
    if (!problem) {
      setLastExternal(JSON.stringify(parsed, null, 2));
      onChange(parsed);
    }
  };
  return (
    <FieldRow label={label} htmlFor={id} action={action ?? (text ? <LinkButton label={t("jsonView.clearLabel", { label })} onClick={() => update("")}>{t("jsonView.clear")}</LinkButton> : undefined)}>
      <textarea
        id={id}
        spellCheck={false}
        rows={rows}
        value={text}
        placeholder={placeholder}
        aria-invalid={error !== undefined}
        onChange={(event) => update(event.target.value)}
        className="w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-xs leading-5 dark:border-zinc-700 dark:bg-zinc-900 aria-[invalid=true]:border-red-500"
      />
      {error && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </FieldRow>
  );
}
