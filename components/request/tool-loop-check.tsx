"use client";

import { useTranslations } from "next-intl";
import { useNextRequest, useWorkbench } from "@/lib/chat/use-workbench";
import { ruleText } from "@/components/i18n/rule-text";
import { FindingFixes } from "./tool-loop-fixes";

/**
 * The tool-loop checker on the next request (and so on an imported conversation as soon as it is
 * open): tool-call turns without their reasoning, results that answer no call, ids a client
 * rewrote, tool_choice the model refuses, schemas outside Moonshot's dialect — each with its fixes.
 */
export function ToolLoopCheck() {
  const { heldBack, loaded } = useWorkbench();
  const { toolLoop } = useNextRequest();
  const t = useTranslations();
  // A held-back request lists the same findings with their fixes.
  if (!loaded || heldBack || toolLoop.length === 0) return null;
  const errors = toolLoop.filter((finding) => finding.severity === "error").length;
  return (
    <section aria-label={t("toolLoop.label")} className="mx-auto w-full max-w-3xl px-4">
      <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100">
        <p className="font-medium">
          {t("toolLoop.heading", { count: toolLoop.length })}
          {errors > 0 ? ` ${t("toolLoop.refused", { count: errors })}` : ""}
        </p>
        <ul className="mt-1 list-disc space-y-1 pl-5 text-xs">
          {toolLoop.map((finding) => (
            <li key={`${finding.rule}-${finding.path.join(".")}`}>
              <code className="font-mono">{finding.path.join(".")}</code>: {ruleText(finding, t)}
              <FindingFixes finding={finding} />
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
