"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { conversationStore } from "@/lib/chat/conversation-store";
import { useProviders, useWorkbench } from "@/lib/chat/use-workbench";
import { displayTitle, hasContent } from "@/lib/conversation/read-conversation";

/** Turns the open conversation into a prompt to prototype (its turns with their media, system prompt and parameters), and opens it. */
export function SaveAsPromptButton() {
  const { loaded, conversation } = useWorkbench();
  const providers = useProviders();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const t = useTranslations();
  return (
    <button
      type="button"
      disabled={!loaded || busy || !hasContent(conversation) || conversation.turns.some((turn) => turn.role === "assistant" && turn.status === "streaming")}
      title={t("header.asPromptTitle")}
      onClick={async () => {
        setBusy(true);
        try {
        // Loaded on click: the chat page's first load does not carry the Prompts page's code.
        const [{ projectFromConversation }, { putProject }, sent] = await Promise.all([import("@/lib/prompt-workspace/conversation-bridge"), import("@/lib/prompt-workspace/prompt-library-db"), conversationStore.messagesWithMedia()]);
        const providerLabel = providers.providers.find((provider) => provider.id === conversation.providerId)?.label ?? conversation.providerId;
        // Pictures, videos and documents come along as the conversation sends them.
        const { project } = projectFromConversation({ conversation, sent, id: crypto.randomUUID(), name: displayTitle(conversation), providerLabel, now: Date.now() });
        await putProject(project);
        router.push(`/prompts?project=${encodeURIComponent(project.id)}`);
        } finally {
          setBusy(false);
        }
      }}
      className="h-9 whitespace-nowrap rounded-md border border-zinc-300 px-3 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
    >
      {t("header.asPrompt")}
    </button>
  );
}
