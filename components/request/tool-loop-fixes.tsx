"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { conversationStore } from "@/lib/chat/conversation-store";
import type { ToolLoopFinding } from "@/lib/request/tool-loop-check";
import { fixText } from "@/components/i18n/rule-text";

/** The fix buttons of one finding, with what went wrong when a fix could not apply. */
export function FindingFixes({ finding }: { finding: ToolLoopFinding }) {
  const [problem, setProblem] = useState<"answer-streaming" | "no-saved-reasoning" | undefined>();
  const t = useTranslations();
  if (finding.fixes.length === 0) return null;
  return (
    <span className="ml-1 inline-flex flex-wrap items-center gap-1 align-middle">
      {finding.fixes.map((item) => (
        <button
          key={item.fix.kind}
          type="button"
          onClick={async () => setProblem(await conversationStore.applyToolLoopFix(item.fix))}
          className="rounded border border-amber-500 px-1.5 py-0 text-xs font-medium hover:bg-amber-100 dark:hover:bg-amber-900"
        >
          {fixText(item.fix, t)}
        </button>
      ))}
      {problem && <span className="text-xs text-red-700 dark:text-red-300">{t(`toolLoopFixProblems.${problem}`)}</span>}
    </span>
  );
}
