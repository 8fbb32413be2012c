"use client";

import { lazy, Suspense, useRef, useState } from "react";
import { useSelectedProvider } from "@/lib/chat/use-workbench";

// The list, its queries and the delete calls load when the panel is first opened.
const FilesList = lazy(() => import("./files-list"));

/** "Files": what has been uploaded to the selected provider's files API, with delete. */
export function FilesDialog() {
  const provider = useSelectedProvider();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  if (!provider?.files) return null;
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
        className="h-9 rounded-md border border-zinc-300 px-3 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Files
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="files-dialog-title"
        onClose={() => setOpen(false)}
        className="m-auto w-[min(48rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100"
      >
        <div className="space-y-3 p-5">
          <div className="flex items-start justify-between">
            <h2 id="files-dialog-title" className="text-lg font-semibold">
              Files on {provider.label}
            </h2>
            <button type="button" aria-label="Close" onClick={() => dialog.current?.close()} className="rounded px-2 text-xl leading-none hover:bg-zinc-100 dark:hover:bg-zinc-800">
              ×
            </button>
          </div>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Files uploaded to {provider.label}&apos;s files API (large videos and images as <code>ms://</code> ids, documents through file-extract). They count against your account&apos;s file quota until deleted.
          </p>
          {open && (
            <Suspense fallback={<p className="text-sm">Loading…</p>}>
              <FilesList providerId={provider.id} />
            </Suspense>
          )}
        </div>
      </dialog>
    </>
  );
}
