"use client";

import { memo, useSyncExternalStore } from "react";
import { reasoningControlOf } from "@/lib/catalog/model-catalog";
import { describeRetry } from "@/lib/chat/describe-retry";
import { conversationStore } from "@/lib/chat/conversation-store";
import type { AssistantPrefix, AssistantTurn } from "@/lib/conversation/conversation-types";
import { LazyAnswerMarkdown } from "@/components/markdown/lazy-answer-markdown";
import { CopyButton } from "@/components/ui/copy-button";
import { ReasoningBlock } from "./reasoning-block";
import { AnswerTools } from "./answer-tools";
import { UsageBar } from "./usage-bar";

const noSubscription = () => () => undefined;
const noVersion = () => 0;

function ErrorBox({ turn, canRetry }: { turn: AssistantTurn; canRetry: boolean }) {
  const error = turn.error!;
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200">
      <p className="font-medium">
        {error.status !== undefined ? `${error.status} ` : ""}
        {error.type}
      </p>
      <p className="mt-1 whitespace-pre-wrap break-words">{error.message}</p>
      {canRetry && (
        <button type="button" onClick={() => conversationStore.regenerate(turn.id)} className="mt-2 rounded border border-red-400 px-2 py-0.5 text-xs hover:bg-red-100 dark:hover:bg-red-900">
          Retry
        </button>
      )}
    </div>
  );
}

/** Says the answer continues a prefix the user wrote (partial mode): the text below is both, joined. */
export function PrefixNote({ prefix }: { prefix: AssistantPrefix }) {
  return (
    <p className="text-xs text-zinc-500 dark:text-zinc-400">
      <span className="rounded bg-accent-100 px-1 py-0.5 font-medium text-accent-700 dark:bg-accent-700/40 dark:text-accent-100">partial mode</span> continues your prefix{" "}
      <code className="rounded bg-zinc-100 px-1 font-mono dark:bg-zinc-800">{prefix.content.length > 60 ? `${prefix.content.slice(0, 60)}…` : prefix.content}</code>
      {prefix.name ? <> as <span className="font-medium">{prefix.name}</span></> : null}; shown joined
    </p>
  );
}

/** An answer: reasoning, markdown, tool calls, errors, usage and timings, and its actions. */
export const AssistantMessage = memo(function AssistantMessage({ turn, isLast, generating }: { turn: AssistantTurn; isLast: boolean; generating: boolean }) {
  const live = turn.status === "streaming" ? conversationStore.getLiveStream(turn.id) : undefined;
  // Re-renders once per animation frame while streaming; never for finished turns.
  useSyncExternalStore(live?.subscribe ?? noSubscription, live?.getVersion ?? noVersion, noVersion);
  const streaming = live !== undefined;
  const reasoning = live ? live.reasoning : turn.reasoning;
  const content = live ? live.content : turn.content;
  const phase = live ? (live.phase === "answering" ? "answering" : "reasoning") : "done";
  const thinkingMs = live ? live.thinkingMs : turn.timings?.thinkingMs;
  const canRetry = isLast && !generating;
  return (
    <article aria-label="Assistant message" aria-busy={streaming} className={`space-y-3 ${streaming ? "" : "message-offscreen-skip"}`}>
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
        <span>
          <span className="font-medium text-zinc-700 dark:text-zinc-300">{turn.model}</span> · {turn.providerId}
        </span>
        {/* The simulator writes filler shaped like an answer: it must never pass for a model's words. */}
        {turn.providerId === "simulator" && (
          <span data-testid="simulated-badge" className="rounded border border-amber-300 bg-amber-50 px-1.5 py-0.5 font-medium text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
            Simulated — filler text from the offline simulator, not a model&apos;s answer
          </span>
        )}
      </p>
      {reasoning !== "" && <ReasoningBlock text={reasoning} phase={phase} thinkingMs={thinkingMs} />}
      {streaming && reasoning === "" && content === "" &&
        (live.progress.retry ? (
          <p className="text-sm text-amber-700 dark:text-amber-400" data-testid="retry-status">
            {describeRetry(live.progress.retry)}
          </p>
        ) : (
          <p className="animate-pulse text-sm text-zinc-500 dark:text-zinc-400">Waiting for the first token…</p>
        ))}
      {turn.prefix && <PrefixNote prefix={turn.prefix} />}
      {(content !== "" || turn.prefix) && <LazyAnswerMarkdown text={turn.prefix ? turn.prefix.content + content : content} streaming={streaming} />}
      {turn.toolCalls && turn.toolCalls.length > 0 && <AnswerTools turn={turn} isLast={isLast} streaming={streaming} generating={generating} />}
      {turn.otherChoices && turn.otherChoices.length > 0 && (
        <details className="rounded-md border border-zinc-200 p-2 text-sm dark:border-zinc-800">
          <summary className="cursor-pointer text-xs text-zinc-500 dark:text-zinc-400">
            {turn.otherChoices.length} more choice{turn.otherChoices.length === 1 ? "" : "s"} (n = {turn.otherChoices.length + 1})
          </summary>
          {turn.otherChoices.map((choice, index) => (
            <div key={index} className="mt-2 border-t border-zinc-200 pt-2 dark:border-zinc-800">
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                Choice {index + 2}
                {choice.finishReason ? ` · ${choice.finishReason}` : ""}
              </p>
              <div className="whitespace-pre-wrap">{choice.content}</div>
            </div>
          ))}
        </details>
      )}
      {turn.status === "error" && turn.error && <ErrorBox turn={turn} canRetry={canRetry} />}
      {turn.status === "stopped" && <p className="text-xs text-zinc-500 dark:text-zinc-400">Stopped.</p>}
      {turn.status === "interrupted" && <p className="text-xs text-zinc-500 dark:text-zinc-400">Interrupted: the page was reloaded while this answer streamed.</p>}
      {turn.finishReason === "length" &&
        (!turn.content.trim() && turn.reasoning ? (
          <p className="text-xs text-amber-700 dark:text-amber-400">
            The cap ran out while the model was still reasoning (finish_reason: length, no answer): reasoning counts against max_completion_tokens / max_tokens. Raise the cap (the thinking guide advises at least 16,000){reasoningControlOf(conversationStore.specFor(turn))?.kind === "effort" ? " or lower reasoning_effort" : " or turn thinking off"}.
          </p>
        ) : (
          <p className="text-xs text-amber-700 dark:text-amber-400">The answer hit its token cap (finish_reason: length).</p>
        ))}
      {!streaming && (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <UsageBar usage={turn.usage} timings={turn.timings} attempts={turn.attempts} estimate={turn.promptEstimate} />
          <div className="flex gap-1">
            {content && <CopyButton text={turn.prefix ? turn.prefix.content + content : content} label="Copy answer" />}
            {isLast && turn.status !== "error" && (
              <button
                type="button"
                disabled={generating}
                onClick={() => conversationStore.regenerate(turn.id)}
                className="rounded px-1.5 py-0.5 text-xs text-zinc-500 dark:text-zinc-400 hover:bg-zinc-200 hover:text-zinc-800 disabled:opacity-50 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
              >
                Regenerate
              </button>
            )}
          </div>
        </div>
      )}
    </article>
  );
});
