"use client";

import { useId, useState } from "react";
import { useWireRequest } from "@/lib/chat/use-wire-request";
import { useNextRequest, useWorkbench } from "@/lib/chat/use-workbench";
import { openCodeDialog } from "@/lib/chat/ui-events";
import { compactJson } from "./compact-json";

const kindLabel = { added: "added", changed: "changed", dropped: "dropped" } as const;

/** "What will be sent": the final body as the provider receives it, and every field added, changed or dropped on the way. */
export function RequestPreview() {
  const { loaded } = useWorkbench();
  const { issues } = useNextRequest();
  const view = useWireRequest();
  const [open, setOpen] = useState(false);
  const regionId = useId();
  if (!loaded) return null;
  return (
    <section className="mx-auto w-full max-w-3xl px-4" aria-label="What will be sent">
      <div className="flex items-center gap-3 text-xs text-zinc-500">
        <button type="button" aria-expanded={open} aria-controls={regionId} onClick={() => setOpen(!open)} className="underline hover:text-zinc-800 dark:hover:text-zinc-200">
          What will be sent{view.describes === "last" ? " (last request)" : ""} · {view.adjustments.length} adjustment{view.adjustments.length === 1 ? "" : "s"}
        </button>
        {issues.length > 0 && (
          <span className="text-red-700 dark:text-red-400">
            {issues.length} problem{issues.length === 1 ? "" : "s"}
          </span>
        )}
        <button type="button" onClick={() => openCodeDialog()} className="ml-auto underline hover:text-zinc-800 dark:hover:text-zinc-200">
          View code
        </button>
      </div>
      <div id={regionId} hidden={!open} className="mt-2 max-h-80 space-y-2 overflow-y-auto rounded-md border border-zinc-200 p-3 text-xs dark:border-zinc-800">
        {open && (
          <>
            <p>
              <span className="font-medium">POST</span> <code className="font-mono break-all">{view.wire.url}</code>
            </p>
            {view.adjustments.length > 0 && (
              <ul className="space-y-1" aria-label="Adjustments">
                {view.adjustments.map((adjustment) => (
                  <li key={`${adjustment.kind}-${adjustment.field}`}>
                    <span className={`mr-1 rounded px-1 font-mono ${adjustment.kind === "dropped" ? "bg-red-100 dark:bg-red-950" : adjustment.kind === "added" ? "bg-emerald-100 dark:bg-emerald-950" : "bg-amber-100 dark:bg-amber-950"}`}>
                      {kindLabel[adjustment.kind]}
                    </span>
                    <code className="font-mono">{adjustment.field}</code>: {adjustment.reason}
                  </li>
                ))}
              </ul>
            )}
            {issues.length > 0 && (
              <ul className="space-y-1 text-red-700 dark:text-red-400" aria-label="Problems">
                {issues.map((issue) => (
                  <li key={`${issue.rule}-${issue.path.join(".")}`}>
                    <code className="font-mono">{issue.path.join(".")}</code>: {issue.message}
                  </li>
                ))}
              </ul>
            )}
            <pre className="overflow-x-auto rounded bg-zinc-50 p-2 font-mono text-[11px] leading-4 dark:bg-zinc-900" aria-label="Final body">
              {compactJson(view.wire.body)}
            </pre>
          </>
        )}
      </div>
    </section>
  );
}
