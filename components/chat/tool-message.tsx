import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { ToolTurn } from "@/lib/conversation/conversation-types";

const sourceKeys = {
  "web-search": "tools.sourceWebSearch",
  "official-tool": "tools.sourceOfficial",
  mock: "tools.sourceMock",
} as const satisfies Record<NonNullable<ToolTurn["source"]>, string>;

/** A tool result sent back to the model: written by the user, or produced by the workbench (web search, official tool, mock). */
export function ToolMessage({ turn, actions }: { turn: ToolTurn; actions?: ReactNode }) {
  const long = turn.content.length > 2_000;
  const t = useTranslations();
  const format = useFormatter();
  return (
    <article aria-label={t("tools.result")} className="message-offscreen-skip ml-8 space-y-1 rounded-md border border-zinc-200 p-2 text-sm dark:border-zinc-800">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {t.rich("tools.resultOf", { name: turn.name ?? t("tools.tool"), id: turn.toolCallId, code: (chunks) => <span className="font-mono">{chunks}</span> })}
          {turn.source ? ` · ${t(sourceKeys[turn.source])}` : ""}
        </p>
        {actions}
      </div>
      {turn.detail && <p className="text-xs text-zinc-500 dark:text-zinc-400">{turn.detail}</p>}
      {long ? (
        <details>
          <summary className="cursor-pointer text-xs text-zinc-500 dark:text-zinc-400">{t("tools.characters", { count: format.number(turn.content.length) })}</summary>
          <pre className="font-mono text-xs whitespace-pre-wrap break-words">{turn.content}</pre>
        </details>
      ) : (
        <pre className="font-mono text-xs whitespace-pre-wrap break-words">{turn.content}</pre>
      )}
    </article>
  );
}
