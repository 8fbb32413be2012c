"use client";

import { useTranslations } from "next-intl";
import { lazy } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { openCodeDialogEvent } from "@/lib/chat/ui-events";

// Code generation loads when the dialog is first opened.
const CodeDialogBody = lazy(() => import("./code-dialog-body"));

/** "View code": the exact request of the current turn as curl, Python and Node (native JSON for DashScope native). */
export function ViewCodeDialog() {
  const t = useTranslations();
  return (
    <ModalDialog title={t("code.title")} widthClass="w-[min(56rem,calc(100vw-2rem))]" openEvent={openCodeDialogEvent}>
      <CodeDialogBody />
    </ModalDialog>
  );
}
