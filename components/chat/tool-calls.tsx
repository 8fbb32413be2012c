import { useFormatter, useTranslations } from "next-intl";
import type { AssistantTurn } from "@/lib/conversation/conversation-types";
import { readWebSearch, type ToolAnswerPlan } from "@/lib/tools/tool-answers";
import type { ToolCall } from "@/lib/wire/chat-request";

/** A $web_search call as a step: what was searched, what it adds to the next prompt, and that it is billed. */
function WebSearchStep({ call }: { call: ToolCall }) {
  const search = readWebSearch(call.function.arguments);
  const t = useTranslations();
  const format = useFormatter();
  return (
    <div aria-label={t("tools.webSearchStep")} className="rounded-md border border-sky-200 bg-sky-50 p-2 text-sm dark:border-sky-900 dark:bg-sky-950/40">
      <p className="font-medium text-sky-900 dark:text-sky-200">
        {search.query ? t("tools.webSearch", { query: search.query }) : t("tools.webSearchNoQuery")}
      </p>
      <p className="text-xs text-sky-800 dark:text-sky-300">
        {search.tokens !== undefined ? t("tools.resultTokens", { tokens: format.number(search.tokens) }) : t("tools.resultsAdded")}
        {t("tools.billed")}
        <span className="font-mono">{call.id}</span>
      </p>
    </div>
  );
}

/** The tool calls of an answer: web searches as steps, official tools with their URI, other calls with their arguments. */
export function ToolCalls({ turn, plans }: { turn: AssistantTurn; plans: readonly ToolAnswerPlan[] }) {
  const calls = turn.toolCalls ?? [];
  const t = useTranslations();
  return (
    <div className="space-y-2">
      {calls.map((call, index) => {
        if (call.function.name === "$web_search") return <WebSearchStep key={call.id || index} call={call} />;
        const plan = plans[index]!;
        return (
          <div key={call.id || index} aria-label={t("tools.call")} className="rounded-md border border-zinc-200 p-2 text-sm dark:border-zinc-800">
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              {t.rich("tools.callId", { id: call.id, code: (chunks) => <span className="font-mono">{chunks}</span> })}
              {plan.kind === "official-tool" || plan.kind === "official-tool-manual" ? (
                <>
                  {t.rich("tools.official", { uri: plan.uri, code: (chunks) => <span className="font-mono">{chunks}</span> })}
                  {plan.kind === "official-tool" ? t("tools.runsAutomatically") : ""}
                </>
              ) : plan.kind === "mock" ? (
                t("tools.mock")
              ) : null}
            </p>
            <p className="font-mono break-words">
              {call.function.name}({call.function.arguments})
            </p>
          </div>
        );
      })}
    </div>
  );
}
