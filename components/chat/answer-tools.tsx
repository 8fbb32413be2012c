"use client";

import { useTranslations } from "next-intl";
import { useWorkbench } from "@/lib/chat/use-workbench";
import type { AssistantTurn } from "@/lib/conversation/conversation-types";
import { isAutomatic, planToolAnswers } from "@/lib/tools/tool-answers";
import { ToolCalls } from "./tool-calls";
import { ToolResultsForm } from "./tool-results-form";

/**
 * An answer's tool calls, what the automatic loop is doing with them, and — when the model waits for
 * results the workbench cannot give by itself — the form to write them.
 */
export function AnswerTools({ turn, isLast, streaming, generating }: { turn: AssistantTurn; isLast: boolean; streaming: boolean; generating: boolean }) {
  const { conversation, toolRun } = useWorkbench();
  const calls = turn.toolCalls ?? [];
  const waiting = isLast && !streaming && turn.status === "done" && turn.finishReason === "tool_calls" && calls.length > 0;
  const status = toolRun?.turnId === turn.id ? toolRun : undefined;
  const plans = planToolAnswers({ toolCalls: calls, conversation });
  const automatic = plans.every(isAutomatic);
  const t = useTranslations();
  return (
    <>
      <ToolCalls turn={turn} plans={plans} />
      {waiting && status && (
        <p role="status" className={`text-xs ${status.state === "paused" ? "text-amber-700 dark:text-amber-400" : "animate-pulse text-zinc-500 dark:text-zinc-400"}`}>
          {status.state === "paused" ? t("toolRun.paused", { rounds: status.rounds }) : t("toolRun.running", { steps: status.steps.map((step) => t(`toolRun.step.${step.kind}`, { name: step.name })).join(t("toolRun.separator")) })}
        </p>
      )}
      {waiting && (!automatic || status?.state === "paused") && <ToolResultsForm toolCalls={calls} plans={plans} providerId={turn.providerId} disabled={generating} />}
    </>
  );
}
