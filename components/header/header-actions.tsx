"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useSyncExternalStore, type ReactNode } from "react";

// The exact complement of Tailwind's `md:` (`width >= 48rem`), which lays out the rest of the header:
// the actions fold behind ⋯ precisely where the header's own `md:` classes switch, at any zoom.
const narrowQuery = "(width < 48rem)";

function subscribe(listener: () => void): () => void {
  const query = window.matchMedia(narrowQuery);
  query.addEventListener("change", listener);
  return () => query.removeEventListener("change", listener);
}

/**
 * The header's actions: in a row on wide screens; on a phone behind one "More" button, as a sheet
 * (a modal dialog, so the dialogs its buttons open stack above it), which closes when one of them
 * has done its work.
 */
export function HeaderActions({ children }: { children: ReactNode }) {
  const narrow = useSyncExternalStore(subscribe, () => window.matchMedia(narrowQuery).matches, () => false);
  const menu = useRef<HTMLDialogElement>(null);
  const t = useTranslations();
  useEffect(() => {
    const sheet = menu.current;
    if (!narrow || !sheet) return;
    // A dialog opened from the sheet closed (close does not bubble: listen while capturing).
    const onInnerClose = (event: Event) => {
      if (event.target !== sheet && sheet.open) sheet.close();
    };
    sheet.addEventListener("close", onInnerClose, true);
    return () => sheet.removeEventListener("close", onInnerClose, true);
  }, [narrow]);
  if (!narrow) return <div className="ml-auto flex items-center gap-2">{children}</div>;
  return (
    <>
      <button type="button" aria-label={t("header.moreActions")} aria-haspopup="dialog" onClick={() => menu.current?.showModal()} className="ml-auto h-9 shrink-0 rounded-md border border-zinc-300 px-2.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
        ⋯
      </button>
      <dialog
        ref={menu}
        aria-label={t("header.actions")}
        className="mt-14 mr-2 ml-auto w-56 rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/20 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100"
        onClick={(event) => {
          // A tap on the backdrop (the dialog element itself, outside its content) closes the sheet.
          if (event.target === menu.current) {
            menu.current.close();
            return;
          }
          // A button that did its work without opening a dialog (New conversation, the theme) closes it too.
          if ((event.target as HTMLElement).closest("button, a")) {
            window.setTimeout(() => {
              if (menu.current?.open && !menu.current.querySelector("dialog[open]")) menu.current.close();
            }, 0);
          }
        }}
      >
        <div className="flex flex-col items-stretch gap-2 p-3 [&>*]:w-full [&>*]:text-left">{children}</div>
      </dialog>
    </>
  );
}
