"use client";

import { useTranslations } from "next-intl";
import { conversationStore } from "@/lib/chat/conversation-store";
import { focusMessageBox } from "@/lib/chat/ui-events";
import { useWorkbench } from "@/lib/chat/use-workbench";

/** Starts over, keeping provider, model, system prompt and thinking choice. On a phone only: wider screens have the history's own button. */
export function NewConversationButton() {
  const { loaded, conversation } = useWorkbench();
  const t = useTranslations();
  return (
    <button
      type="button"
      disabled={!loaded || conversation.turns.length === 0}
      onClick={() => {
        conversationStore.history.startNew();
        focusMessageBox();
      }}
      className="h-9 rounded-md border border-zinc-300 px-3 text-sm hover:bg-zinc-100 disabled:opacity-50 md:hidden dark:border-zinc-700 dark:hover:bg-zinc-800"
    >
      {t("header.newConversation")}
    </button>
  );
}
