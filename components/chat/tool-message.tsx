import type { ReactNode } from "react";
import type { ToolTurn } from "@/lib/conversation/conversation-types";

const sourceLabels: Record<NonNullable<ToolTurn["source"]>, string> = {
  "web-search": "sent back automatically: Moonshot runs the search and adds its results to the prompt",
  "official-tool": "run by the official tool",
  mock: "answered by its mock",
};

/** A tool result sent back to the model: written by the user, or produced by the workbench (web search, official tool, mock). */
export function ToolMessage({ turn, actions }: { turn: ToolTurn; actions?: ReactNode }) {
  const long = turn.content.length > 2_000;
  return (
    <article aria-label="Tool result" className="message-offscreen-skip ml-8 space-y-1 rounded-md border border-zinc-200 p-2 text-sm dark:border-zinc-800">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Result of <span className="font-mono">{turn.name ?? "tool"}</span> · <span className="font-mono">{turn.toolCallId}</span>
          {turn.source ? ` · ${sourceLabels[turn.source]}` : ""}
        </p>
        {actions}
      </div>
      {turn.detail && <p className="text-xs text-zinc-500 dark:text-zinc-400">{turn.detail}</p>}
      {long ? (
        <details>
          <summary className="cursor-pointer text-xs text-zinc-500 dark:text-zinc-400">{turn.content.length.toLocaleString("en-US")} characters</summary>
          <pre className="font-mono text-xs whitespace-pre-wrap break-words">{turn.content}</pre>
        </details>
      ) : (
        <pre className="font-mono text-xs whitespace-pre-wrap break-words">{turn.content}</pre>
      )}
    </article>
  );
}
