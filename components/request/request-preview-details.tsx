"use client";

import { useTranslations } from "next-intl";
import { useProviderRequest } from "@/lib/chat/use-provider-request";
import type { RuleIssue } from "@/lib/request/request-rules";
import { ruleText } from "@/components/i18n/rule-text";
import { catalogText } from "@/components/i18n/catalog-text";
import type { RequestAdjustment } from "@/lib/wire/chat-request";
import { compactJson } from "./compact-json";

const kindKeys = { added: "preview.added", changed: "preview.changed", dropped: "preview.dropped" } as const;

function AdjustmentList({ label, adjustments }: { label: string; adjustments: readonly RequestAdjustment[] }) {
  const t = useTranslations();
  if (adjustments.length === 0) return null;
  return (
    <div>
      <p className="font-medium">
        {label} ({adjustments.length})
      </p>
      <ul className="space-y-1" aria-label={label}>
        {adjustments.map((adjustment) => (
          <li key={`${adjustment.kind}-${adjustment.field}`}>
            <span className={`mr-1 rounded px-1 font-mono ${adjustment.kind === "dropped" ? "bg-red-100 dark:bg-red-950" : adjustment.kind === "added" ? "bg-emerald-100 dark:bg-emerald-950" : "bg-amber-100 dark:bg-amber-950"}`}>{t(kindKeys[adjustment.kind])}</span>
            <code className="font-mono">{adjustment.field}</code>: {catalogText({ keys: adjustment.code ? [`adjustments.${adjustment.code}`] : [], values: adjustment.values ?? {}, english: adjustment.reason }, t)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The final request as the provider receives it (URL, headers with the key masked, body), and every field added, changed or dropped on the way. */
export default function RequestPreviewDetails({ issues }: { issues: readonly RuleIssue[] }) {
  const view = useProviderRequest();
  const prepared = view.result.ok ? view.result.prepared : undefined;
  const t = useTranslations();
  return (
    <>
      {prepared ? (
        <p>
          <span className="font-medium">POST</span> <code className="font-mono break-all">{prepared.url}</code>
          {view.describes === "last" ? t("preview.lastRequest") : ""}
        </p>
      ) : (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {t("preview.cannotSend", { reason: !view.result.ok ? view.result.failure.message : "" })}
        </p>
      )}
      {prepared && (
        <ul className="font-mono text-[11px] break-all" aria-label={t("preview.headers")}>
          {Object.entries(prepared.headers).map(([name, value]) => (
            <li key={name}>
              {name}: {value}
            </li>
          ))}
        </ul>
      )}
      <AdjustmentList label={t("preview.byWorkbench")} adjustments={view.adjustments} />
      <AdjustmentList label={t("preview.byProvider")} adjustments={view.providerAdjustments} />
      {issues.length > 0 && (
        <ul className="space-y-1 text-red-700 dark:text-red-400" aria-label={t("preview.problems")}>
          {issues.map((issue) => (
            <li key={`${issue.rule}-${issue.path.join(".")}`}>
              <code className="font-mono">{issue.path.join(".")}</code>: {ruleText(issue, t)}
            </li>
          ))}
        </ul>
      )}
      <pre tabIndex={0} className="overflow-x-auto rounded bg-zinc-50 p-2 font-mono text-[11px] leading-4 dark:bg-zinc-900" aria-label={t("preview.finalBody")}>
        {compactJson(prepared?.body ?? view.body)}
      </pre>
    </>
  );
}
