"use client";

import { useProviderRequest } from "@/lib/chat/use-provider-request";
import type { RuleIssue } from "@/lib/request/request-rules";
import type { RequestAdjustment } from "@/lib/wire/chat-request";
import { compactJson } from "./compact-json";

const kindLabel = { added: "added", changed: "changed", dropped: "dropped" } as const;

function AdjustmentList({ label, adjustments }: { label: string; adjustments: readonly RequestAdjustment[] }) {
  if (adjustments.length === 0) return null;
  return (
    <div>
      <p className="font-medium">
        {label} ({adjustments.length})
      </p>
      <ul className="space-y-1" aria-label={label}>
        {adjustments.map((adjustment) => (
          <li key={`${adjustment.kind}-${adjustment.field}`}>
            <span className={`mr-1 rounded px-1 font-mono ${adjustment.kind === "dropped" ? "bg-red-100 dark:bg-red-950" : adjustment.kind === "added" ? "bg-emerald-100 dark:bg-emerald-950" : "bg-amber-100 dark:bg-amber-950"}`}>{kindLabel[adjustment.kind]}</span>
            <code className="font-mono">{adjustment.field}</code>: {adjustment.reason}
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
  return (
    <>
      {prepared ? (
        <p>
          <span className="font-medium">POST</span> <code className="font-mono break-all">{prepared.url}</code>
          {view.describes === "last" ? " — the request of the last answer (type a message to see the next one)" : ""}
        </p>
      ) : (
        <p role="alert" className="text-red-700 dark:text-red-400">
          Cannot be sent to this provider: {!view.result.ok && view.result.failure.message}
        </p>
      )}
      {prepared && (
        <ul className="font-mono text-[11px] break-all" aria-label="Headers">
          {Object.entries(prepared.headers).map(([name, value]) => (
            <li key={name}>
              {name}: {value}
            </li>
          ))}
        </ul>
      )}
      <AdjustmentList label="Changed by the workbench" adjustments={view.adjustments} />
      <AdjustmentList label={`Changed for this provider's API`} adjustments={view.providerAdjustments} />
      {issues.length > 0 && (
        <ul className="space-y-1 text-red-700 dark:text-red-400" aria-label="Problems">
          {issues.map((issue) => (
            <li key={`${issue.rule}-${issue.path.join(".")}`}>
              <code className="font-mono">{issue.path.join(".")}</code>: {issue.message}
            </li>
          ))}
        </ul>
      )}
      <pre tabIndex={0} className="overflow-x-auto rounded bg-zinc-50 p-2 font-mono text-[11px] leading-4 dark:bg-zinc-900" aria-label="Final body">
        {compactJson(prepared?.body ?? view.body)}
      </pre>
    </>
  );
}
