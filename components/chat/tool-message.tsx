import type { ToolTurn } from "@/lib/conversation/conversation-types";

/** A tool result the user sent back to the model. */
export function ToolMessage({ turn }: { turn: ToolTurn }) {
  return (
    <article aria-label="Tool result" className="message-offscreen-skip ml-8 space-y-1 rounded-md border border-zinc-200 p-2 text-sm dark:border-zinc-800">
      <p className="text-xs text-zinc-500">
        Result of <span className="font-mono">{turn.name ?? "tool"}</span> · <span className="font-mono">{turn.toolCallId}</span>
      </p>
      <pre className="font-mono text-xs whitespace-pre-wrap break-words">{turn.content}</pre>
    </article>
  );
}
