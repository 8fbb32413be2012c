"use client";

import { useTranslations } from "next-intl";
import { memo, useSyncExternalStore } from "react";
import { reasoningControlOf } from "@/lib/catalog/model-catalog";
import { retryParts } from "@/lib/chat/retry-parts";
import { conversationStore } from "@/lib/chat/conversation-store";
import type { AssistantPrefix, AssistantTurn } from "@/lib/conversation/conversation-types";
import { LazyAnswerMarkdown } from "@/components/markdown/lazy-answer-markdown";
import { CopyButton } from "@/components/ui/copy-button";
import { workbenchText } from "@/components/i18n/workbench-text";
import { ReasoningBlock } from "./reasoning-block";
import { AnswerTools } from "./answer-tools";
import { VersionSwitch } from "./version-switch";
import { UsageBar } from "./usage-bar";

const noSubscription = () => () => undefined;
const noVersion = () => 0;

function ErrorBox({ turn, canRetry }: { turn: AssistantTurn; canRetry: boolean }) {
  const error = turn.error!;
  const t = useTranslations();
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200">
      <p className="font-medium">
        {error.status !== undefined ? `${error.status} ` : ""}
        {error.type}
      </p>
      <p className="mt-1 whitespace-pre-wrap break-words">{workbenchText(error, t)}</p>
      {canRetry && (
        <button type="button" onClick={() => conversationStore.regenerate(turn.id)} className="mt-2 rounded border border-red-400 px-2 py-0.5 text-xs hover:bg-red-100 dark:hover:bg-red-900">
          {t("chat.retry")}
        </button>
      )}
    </div>
  );
}

/** Says the answer continues a prefix the user wrote (partial mode): the text below is both, joined. */
export function PrefixNote({ prefix }: { prefix: AssistantPrefix }) {
  const t = useTranslations();
  return (
    <p className="text-xs text-zinc-500 dark:text-zinc-400">
      <span className="rounded bg-accent-100 px-1 py-0.5 font-medium text-accent-700 dark:bg-accent-700/40 dark:text-accent-100">{t("chat.partialMode")}</span> {t("chat.continuesPrefix")}{" "}
      <code className="rounded bg-zinc-100 px-1 font-mono dark:bg-zinc-800">{prefix.content.length > 60 ? `${prefix.content.slice(0, 60)}…` : prefix.content}</code>
      {prefix.name ? <> {t("chat.asName")} <span className="font-medium">{prefix.name}</span></> : null} · {t("chat.shownJoined")}
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
  const t = useTranslations();
  return (
    <article aria-label={t("chat.assistantMessage")} aria-busy={streaming} className={`space-y-3 ${streaming ? "" : "message-offscreen-skip"}`}>
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
        <span>
          <span className="font-medium text-zinc-700 dark:text-zinc-300">{turn.model}</span> · {turn.providerId}
        </span>
        {/* The simulator writes filler shaped like an answer: it must never pass for a model's words. */}
        {turn.providerId === "simulator" && (
          <span data-testid="simulated-badge" className="rounded border border-amber-300 bg-amber-50 px-1.5 py-0.5 font-medium text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
            {t("chat.simulated")}
          </span>
        )}
      </p>
      {reasoning !== "" && <ReasoningBlock text={reasoning} phase={phase} thinkingMs={thinkingMs} />}
      {streaming && reasoning === "" && content === "" &&
        (live.progress.retry ? (
          <p className="text-sm text-amber-700 dark:text-amber-400" data-testid="retry-status">
            {t("chat.retrying", { ...retryParts(live.progress.retry) })}
          </p>
        ) : (
          <p className="animate-pulse text-sm text-zinc-500 dark:text-zinc-400">{t("chat.waiting")}</p>
        ))}
      {turn.prefix && <PrefixNote prefix={turn.prefix} />}
      {(content !== "" || turn.prefix) && <LazyAnswerMarkdown text={turn.prefix ? turn.prefix.content + content : content} streaming={streaming} />}
      {turn.toolCalls && turn.toolCalls.length > 0 && <AnswerTools turn={turn} isLast={isLast} streaming={streaming} generating={generating} />}
      {turn.otherChoices && turn.otherChoices.length > 0 && (
        <details className="rounded-md border border-zinc-200 p-2 text-sm dark:border-zinc-800">
          <summary className="cursor-pointer text-xs text-zinc-500 dark:text-zinc-400">
            {t("chat.moreChoices", { count: turn.otherChoices.length, n: turn.otherChoices.length + 1 })}
          </summary>
          {turn.otherChoices.map((choice, index) => (
            <div key={index} className="mt-2 border-t border-zinc-200 pt-2 dark:border-zinc-800">
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                {t("chat.choice", { number: index + 2 })}
                {choice.finishReason ? ` · ${choice.finishReason}` : ""}
              </p>
              <div className="whitespace-pre-wrap">{choice.content}</div>
            </div>
          ))}
        </details>
      )}
      {turn.status === "error" && turn.error && <ErrorBox turn={turn} canRetry={canRetry} />}
      {turn.status === "stopped" && <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("chat.stopped")}</p>}
      {turn.status === "interrupted" && <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("chat.interrupted")}</p>}
      {turn.finishReason === "length" &&
        (!turn.content.trim() && turn.reasoning ? (
          <p className="text-xs text-amber-700 dark:text-amber-400">
            {t("chat.capWhileReasoning", { remedy: reasoningControlOf(conversationStore.specFor(turn))?.kind === "effort" ? "effort" : "off" })}
          </p>
        ) : (
          <p className="text-xs text-amber-700 dark:text-amber-400">{t("chat.capReached")}</p>
        ))}
      {!streaming && (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <UsageBar usage={turn.usage} timings={turn.timings} attempts={turn.attempts} estimate={turn.promptEstimate} />
          <div className="flex items-center gap-1">
            <VersionSwitch turn={turn} disabled={generating} />
            {content && <CopyButton text={turn.prefix ? turn.prefix.content + content : content} label={t("chat.copyAnswer")} />}
            {isLast && turn.status !== "error" && (
              <button
                type="button"
                disabled={generating}
                onClick={() => conversationStore.regenerate(turn.id)}
                className="rounded px-1.5 py-0.5 text-xs text-zinc-500 dark:text-zinc-400 hover:bg-zinc-200 hover:text-zinc-800 disabled:opacity-50 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
              >
                {t("chat.regenerate")}
              </button>
            )}
          </div>
        </div>
      )}
    </article>
  );
});
