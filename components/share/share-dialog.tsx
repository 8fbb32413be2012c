"use client";

import { lazy, Suspense, useRef, useState } from "react";
import { useWorkbench } from "@/lib/chat/use-workbench";

// The preview, the publishing and the list of your shares load when the dialog is first opened.
const ShareDialogBody = lazy(() => import("./share-dialog-body"));

/** "Share": publish a snapshot of the conversation by link, with a preview; manage your shares. */
export function ShareDialog() {
  const { loaded, conversation } = useWorkbench();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        disabled={!loaded}
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
        className="h-9 rounded-md border border-zinc-300 px-3 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Share
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="share-dialog-title"
        onClose={() => setOpen(false)}
        className="m-auto max-h-[90vh] w-[min(52rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100"
      >
        <div className="space-y-4 p-5">
          <div className="flex items-start justify-between">
            <h2 id="share-dialog-title" className="text-lg font-semibold">
              Share this conversation
            </h2>
            <button type="button" aria-label="Close" onClick={() => dialog.current?.close()} className="rounded px-2 text-xl leading-none hover:bg-zinc-100 dark:hover:bg-zinc-800">
              ×
            </button>
          </div>
          {open && (
            <Suspense fallback={<p className="text-sm">Loading…</p>}>
              <ShareDialogBody key={conversation.id} />
            </Suspense>
          )}
        </div>
      </dialog>
    </>
  );
}
