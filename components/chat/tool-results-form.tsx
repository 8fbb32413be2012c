"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { conversationStore } from "@/lib/chat/conversation-store";
import type { Conversation } from "@/lib/conversation/conversation-types";
import { useWorkbench } from "@/lib/chat/use-workbench";
import { fillMockTemplate, sourceOf, toolResultPlaceholder, type ToolAnswerPlan } from "@/lib/tools/tool-answers";
import type { ToolCall } from "@/lib/wire/chat-request";

function initialResult({ call, plan }: { call: ToolCall; plan: ToolAnswerPlan }): string {
  if (plan.kind === "web-search") return call.function.arguments;
  if (plan.kind === "mock") return fillMockTemplate({ template: plan.template, argumentsText: call.function.arguments });
  return "";
}

/**
 * The model asked for tools and not all of them answer by themselves: write each result (as the
 * tool would return it) and send them back. Kimi's $web_search and mocked tools come filled in; an
 * official tool the user has not allowed to run can be run once from here.
 */
export function ToolResultsForm({ toolCalls, plans, providerId, disabled }: { toolCalls: ToolCall[]; plans: readonly ToolAnswerPlan[]; providerId: Conversation["providerId"]; disabled: boolean }) {
  const [results, setResults] = useState<string[]>(() => toolCalls.map((call, index) => initialResult({ call, plan: plans[index]! })));
  const [details, setDetails] = useState<Array<string | undefined>>(() => toolCalls.map(() => undefined));
  const [running, setRunning] = useState<number | undefined>();
  const parametersTools = (useWorkbench().conversation.parameters as { tools?: unknown }).tools;
  const t = useTranslations();
  const ready = results.every((result) => result.trim() !== "");
  const setAt = <T,>(list: T[], index: number, value: T) => list.map((item, position) => (position === index ? value : item));
  return (
    <form
      aria-label={t("toolResults.label")}
      className="space-y-2 rounded-md border border-dashed border-zinc-300 p-3 dark:border-zinc-700"
      onSubmit={(event) => {
        event.preventDefault();
        if (!ready) return;
        conversationStore.submitToolResults(
          toolCalls.map((call, index) => {
            const source = results[index] === initialResult({ call, plan: plans[index]! }) || details[index] ? sourceOf(plans[index]!) : undefined;
            return { toolCallId: call.id, name: call.function.name, content: results[index]!, ...(source ? { source } : {}), ...(details[index] ? { detail: details[index] } : {}) };
          }),
        );
      }}
    >
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("toolResults.waiting", { count: toolCalls.length })}</p>
      {toolCalls.map((call, index) => {
        const plan = plans[index]!;
        return (
          <div key={call.id || index} className="space-y-1">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <label htmlFor={`tool-result-${call.id}`} className="font-mono text-xs break-all">
                {call.function.name}({call.function.arguments})
              </label>
              {plan.kind === "official-tool-manual" && (
                <button
                  type="button"
                  disabled={running !== undefined}
                  onClick={async () => {
                    setRunning(index);
                    const result = await conversationStore.tools.answer({ call, plan, providerId });
                    setRunning(undefined);
                    setResults((current) => setAt(current, index, result.content));
                    setDetails((current) => setAt(current, index, result.detail));
                  }}
                  className="rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
                >
                  {running === index ? t("toolResults.running") : t("toolResults.run", { uri: plan.uri })}
                </button>
              )}
            </div>
            {plan.kind === "web-search" && <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("toolResults.webSearch")}</p>}
            {plan.kind === "mock" && <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("toolResults.mock")}</p>}
            <textarea
              id={`tool-result-${call.id}`}
              aria-label={t("toolResults.resultOf", { name: call.function.name })}
              rows={3}
              value={results[index]}
              placeholder={toolResultPlaceholder({ call, tools: parametersTools })}
              onChange={(event) => setResults(setAt(results, index, event.target.value))}
              className="w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
            />
            {details[index] && <p className="text-xs text-zinc-500 dark:text-zinc-400">{details[index]}</p>}
          </div>
        );
      })}
      <button type="submit" disabled={!ready || disabled} className="rounded-md bg-accent-600 px-3 py-1 text-xs text-white disabled:opacity-50">
        {t("toolResults.send", { count: toolCalls.length })}
      </button>
    </form>
  );
}
