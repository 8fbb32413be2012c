"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { conversationStore } from "@/lib/chat/conversation-store";
import { useWorkbench } from "@/lib/chat/use-workbench";

/** The system prompt, folded to its first line until opened. */
export function SystemPromptEditor() {
  const { loaded, conversation } = useWorkbench();
  const [open, setOpen] = useState(false);
  const regionId = useId();
  const editor = useRef<HTMLTextAreaElement>(null);
  const t = useTranslations();
  const firstLine = conversation.systemPrompt.split("\n")[0]?.trim();
  return (
    <section className="rounded-md border border-dashed border-zinc-300 dark:border-zinc-700">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={regionId}
        disabled={!loaded}
        onClick={() => {
          setOpen(!open);
          // Opening it is to write in it: the keyboard goes there.
          if (!open) window.setTimeout(() => editor.current?.focus(), 0);
        }}
        className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm text-zinc-600 dark:text-zinc-400"
      >
        <span className="font-medium text-zinc-800 dark:text-zinc-200">{t("systemPrompt.title")}</span>
        {!open && <span className="truncate">{firstLine || t("systemPrompt.none")}</span>}
      </button>
      <div id={regionId} hidden={!open} className="px-3 pb-3">
        <textarea
          ref={editor}
          aria-label={t("systemPrompt.title")}
          value={conversation.systemPrompt}
          onChange={(event) => conversationStore.setSystemPrompt(event.target.value)}
          placeholder={t("systemPrompt.placeholder")}
          rows={4}
          className="w-full rounded-md border border-zinc-300 bg-white p-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
      </div>
    </section>
  );
}
