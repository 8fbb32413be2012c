"use client";

import { useFormatter, useTranslations } from "next-intl";
import { memo, useId, useState } from "react";

const ReasoningParagraph = memo(function ReasoningParagraph({ text }: { text: string }) {
  return <p className="whitespace-pre-wrap">{text}</p>;
});

/** Reasoning split at blank lines; finished paragraphs are memoized so a long stream re-renders only the last. */
function ReasoningText({ text }: { text: string }) {
  const paragraphs = text.split(/\n{2,}/);
  return (
    <div className="space-y-2">
      {paragraphs.map((paragraph, index) => (
        <ReasoningParagraph key={index} text={paragraph} />
      ))}
    </div>
  );
}

/**
 * The model's reasoning, folded behind a button. It is open while reasoning streams and folds when
 * the answer starts, unless the user opened or closed it themselves.
 */
export function ReasoningBlock({
  text,
  phase,
  thinkingMs,
}: {
  text: string;
  /** `reasoning` while reasoning streams, `answering` once the answer started, `done` afterwards. */
  phase: "reasoning" | "answering" | "done";
  thinkingMs: number | undefined;
}) {
  const [userChoice, setUserChoice] = useState<boolean>();
  const regionId = useId();
  const open = userChoice ?? phase === "reasoning";
  const t = useTranslations();
  const format = useFormatter();
  const seconds = (ms: number) => format.number(ms / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const label =
    phase === "reasoning"
      ? thinkingMs !== undefined
        ? t("reasoning.thinkingFor", { seconds: seconds(thinkingMs) })
        : t("reasoning.thinking")
      : thinkingMs !== undefined
        ? t("reasoning.thoughtFor", { seconds: seconds(thinkingMs) })
        : t("reasoning.reasoning");
  return (
    <div className="rounded-md border border-zinc-200 bg-zinc-50/60 dark:border-zinc-800 dark:bg-zinc-900/40">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={regionId}
        onClick={() => setUserChoice(!open)}
        className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className={`h-3.5 w-3.5 transition-transform ${open ? "rotate-90" : ""}`} fill="currentColor">
          <path d="M7 5l6 5-6 5V5z" />
        </svg>
        <span className={phase === "reasoning" ? "animate-pulse" : undefined}>{label}</span>
      </button>
      <div id={regionId} role="region" aria-label={t("reasoning.reasoning")} hidden={!open} className="border-t border-zinc-200 px-3 py-2 text-sm leading-6 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
        {open && <ReasoningText text={text} />}
      </div>
    </div>
  );
}
