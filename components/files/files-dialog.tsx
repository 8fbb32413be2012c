"use client";

import { useTranslations } from "next-intl";
import { lazy } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useSelectedProvider } from "@/lib/chat/use-workbench";

// The list, its queries and the delete calls load when the panel is first opened.
const FilesList = lazy(() => import("./files-list"));

/** "Files": what has been uploaded to the selected provider's files API, with delete. */
export function FilesDialog() {
  const provider = useSelectedProvider();
  const t = useTranslations();
  if (!provider?.files) return null;
  return (
    <ModalDialog
      title={t("files.title", { provider: provider.label })}
      widthClass="w-[min(48rem,calc(100vw-2rem))]"
      buttonLabel={t("files.button")}
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {t.rich("files.explain", { provider: provider.label, scheme: "ms://", code: (chunks) => <code>{chunks}</code> })}
      </p>
      <FilesList providerId={provider.id} />
    </ModalDialog>
  );
}
