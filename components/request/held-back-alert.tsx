"use client";

import { useTranslations } from "next-intl";
import { conversationStore } from "@/lib/chat/conversation-store";
import { useWorkbench } from "@/lib/chat/use-workbench";
import { ruleText } from "@/components/i18n/rule-text";
import { FindingFixes } from "./tool-loop-fixes";

/** A request held back because it breaks documented rules: the reasons, and the choice to send it anyway. */
export function HeldBackAlert() {
  const { heldBack } = useWorkbench();
  const t = useTranslations();
  if (!heldBack) return null;
  return (
    <div role="alert" aria-label={t("heldBack.label")} className="mx-auto w-full max-w-3xl px-4">
      <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100">
        <p className="font-medium">{t("heldBack.title", { count: heldBack.issues.length })}</p>
        <ul className="mt-1 list-disc space-y-0.5 pl-5 text-xs">
          {heldBack.issues.map((issue) => {
            const finding = heldBack.toolLoop.find((candidate) => candidate.rule === issue.rule && candidate.path.join(".") === issue.path.join("."));
            return (
              <li key={`${issue.rule}-${issue.path.join(".")}`}>
                <code className="font-mono">{issue.path.join(".")}</code>: {ruleText(issue, t)}
                {finding && <FindingFixes finding={finding} />}
              </li>
            );
          })}
        </ul>
        <div className="mt-2 flex gap-2">
          <button type="button" onClick={() => conversationStore.sendAnyway()} className="rounded-md border border-amber-500 px-3 py-1 text-xs font-medium hover:bg-amber-100 dark:hover:bg-amber-900">
            {t("heldBack.sendAnyway")}
          </button>
          <button type="button" onClick={() => conversationStore.cancelHeldBack()} className="rounded-md px-3 py-1 text-xs underline">
            {t("common.cancel")}
          </button>
        </div>
      </div>
    </div>
  );
}
