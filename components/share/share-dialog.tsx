"use client";

import { useTranslations } from "next-intl";
import { lazy } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useWorkbench } from "@/lib/chat/use-workbench";

// The preview, the publishing and the list of your shares load when the dialog is first opened.
const ShareDialogBody = lazy(() => import("./share-dialog-body"));

/** "Share": publish a snapshot of the conversation by link, with a preview; manage your shares. */
export function ShareDialog() {
  const { loaded, conversation } = useWorkbench();
  const t = useTranslations();
  return (
    <ModalDialog
      title={t("share.title")}
      widthClass="w-[min(52rem,calc(100vw-2rem))]"
      buttonLabel={t("share.button")}
      buttonDisabled={!loaded}
    >
      <ShareDialogBody key={conversation.id} />
    </ModalDialog>
  );
}
