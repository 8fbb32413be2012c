"use client";

import { useState } from "react";
import { conversationStore } from "@/lib/chat/conversation-store";
import type { ToolLoopFinding } from "@/lib/request/tool-loop-check";

/** The fix buttons of one finding, with what went wrong when a fix could not apply. */
export function FindingFixes({ finding }: { finding: ToolLoopFinding }) {
  const [problem, setProblem] = useState<string | undefined>();
  if (finding.fixes.length === 0) return null;
  return (
    <span className="ml-1 inline-flex flex-wrap items-center gap-1 align-middle">
      {finding.fixes.map(({ label, fix }) => (
        <button
          key={label}
          type="button"
          onClick={async () => setProblem(await conversationStore.applyToolLoopFix(fix))}
          className="rounded border border-amber-500 px-1.5 py-0 text-xs font-medium hover:bg-amber-100 dark:hover:bg-amber-900"
        >
          {label}
        </button>
      ))}
      {problem && <span className="text-xs text-red-700 dark:text-red-300">{problem}</span>}
    </span>
  );
}
