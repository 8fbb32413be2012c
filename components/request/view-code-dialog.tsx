"use client";

import { useEffect, useRef, useState } from "react";
import { CopyButton } from "@/components/chat/copy-button";
import { generateCode, snippetEnvironment } from "@/lib/code/generate-code";
import { openCodeDialogEvent } from "@/lib/chat/ui-events";
import { useWireRequest } from "@/lib/chat/use-wire-request";
import { useWorkbench } from "@/lib/chat/use-workbench";

const labels = { curl: "curl", python: "Python", node: "Node.js", nativeJson: "Native JSON" } as const;

function CodeDialogBody() {
  const { conversation } = useWorkbench();
  const view = useWireRequest();
  const environment = snippetEnvironment({ providerId: conversation.providerId, baseUrl: view.baseUrl });
  const snippets = generateCode({ providerId: conversation.providerId, wire: view.wire, environment });
  const available = (Object.keys(labels) as Array<keyof typeof labels>).filter((key) => snippets[key] !== undefined);
  const [tab, setTab] = useState<keyof typeof labels>("curl");
  const current = available.includes(tab) ? tab : "curl";
  const code = snippets[current] ?? "";
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {view.describes === "next" ? "The next request" : "The request that produced the last answer (with the current parameters)"}, exactly as {conversation.providerId === "simulator" ? "this workbench's simulator" : "the provider"} receives it.
        The key is read from <code className="font-mono">${environment.keyEnv}</code>
        {environment.keyRequired ? "" : " (optional here)"}; set <code className="font-mono">${environment.baseUrlEnv}</code> to call another endpoint.
      </p>
      <div role="tablist" aria-label="Language" className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {available.map((key) => (
          <button key={key} type="button" role="tab" aria-selected={current === key} onClick={() => setTab(key)} className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${current === key ? "border-accent-600 font-medium" : "border-transparent text-zinc-500"}`}>
            {labels[key]}
          </button>
        ))}
        <div className="ml-auto self-center">
          <CopyButton text={code} label={`Copy ${labels[current]} code`} />
        </div>
      </div>
      {conversation.providerId === "dashscope-native" && <p className="text-xs text-zinc-500">The native API has no openai SDK; use curl, or DashScope&apos;s own SDK with this JSON.</p>}
      <pre role="tabpanel" aria-label={`${labels[current]} code`} className="max-h-[60vh] overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs leading-5 dark:bg-zinc-900">
        {code}
      </pre>
    </div>
  );
}

/** "View code": the exact request of the current turn as curl, Python and Node (native JSON for DashScope native). */
export function ViewCodeDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const show = () => {
      setOpen(true);
      dialog.current?.showModal();
    };
    window.addEventListener(openCodeDialogEvent, show);
    return () => window.removeEventListener(openCodeDialogEvent, show);
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="code-dialog-title"
      onClose={() => setOpen(false)}
      className="m-auto w-[min(56rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100"
    >
      <div className="space-y-3 p-5">
        <div className="flex items-start justify-between">
          <h2 id="code-dialog-title" className="text-lg font-semibold">
            View code
          </h2>
          <button type="button" aria-label="Close" onClick={() => dialog.current?.close()} className="rounded px-2 text-xl leading-none hover:bg-zinc-100 dark:hover:bg-zinc-800">
            ×
          </button>
        </div>
        {open && <CodeDialogBody />}
      </div>
    </dialog>
  );
}
