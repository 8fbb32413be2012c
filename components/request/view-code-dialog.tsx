"use client";

import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { openCodeDialogEvent } from "@/lib/chat/ui-events";

// Code generation loads when the dialog is first opened.
const CodeDialogBody = lazy(() => import("./code-dialog-body"));

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
        {open && (
          <Suspense fallback={<p className="text-sm text-zinc-500">Loading…</p>}>
            <CodeDialogBody />
          </Suspense>
        )}
      </div>
    </dialog>
  );
}
