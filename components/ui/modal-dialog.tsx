"use client";

import { useTranslations } from "next-intl";
import { Suspense, useEffect, useId, useRef, useState, type ReactNode } from "react";

/**
 * A modal dialog with a title and a close button whose content mounts only while it is open (so
 * what it shows, often a lazily loaded module, costs nothing until then). It opens from its header
 * button (`buttonLabel`) and, if given, from a window event.
 */
export function ModalDialog({
  title,
  widthClass,
  openEvent,
  buttonLabel,
  buttonDisabled = false,
  children,
}: {
  title: string;
  /** Tailwind width of the dialog, e.g. `w-[min(48rem,calc(100vw-2rem))]`. */
  widthClass: string;
  openEvent?: string;
  /** The header button that opens it (none: it opens from `openEvent` only). */
  buttonLabel?: string;
  buttonDisabled?: boolean;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const t = useTranslations();
  const show = () => {
    setOpen(true);
    dialog.current?.showModal();
  };
  useEffect(() => {
    if (!openEvent) return;
    const onEvent = () => {
      setOpen(true);
      dialog.current?.showModal();
    };
    window.addEventListener(openEvent, onEvent);
    return () => window.removeEventListener(openEvent, onEvent);
  }, [openEvent]);
  return (
    <>
      {buttonLabel && (
        <button type="button" disabled={buttonDisabled} onClick={show} className="h-9 rounded-md border border-zinc-300 px-3 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800">
          {buttonLabel}
        </button>
      )}
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => setOpen(false)}
        className={`m-auto max-h-[90vh] ${widthClass} rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100`}
      >
        <div className="space-y-3 p-5">
          <div className="flex items-start justify-between">
            <h2 id={titleId} className="text-lg font-semibold">
              {title}
            </h2>
            <button type="button" aria-label={t("common.close")} onClick={() => dialog.current?.close()} className="rounded px-2 text-xl leading-none hover:bg-zinc-100 dark:hover:bg-zinc-800">
              ×
            </button>
          </div>
          {open && <Suspense fallback={<p className="text-sm text-zinc-500 dark:text-zinc-400">{t("common.loading")}</p>}>{children}</Suspense>}
        </div>
      </dialog>
    </>
  );
}
