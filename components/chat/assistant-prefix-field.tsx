"use client";

import { useTranslations } from "next-intl";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import { conversationStore } from "@/lib/chat/conversation-store";
import { useWorkbench } from "@/lib/chat/use-workbench";

/**
 * Partial mode, under the composer: text the answer must start with. The request then ends with
 * `{"role":"assistant","content":prefix,"partial":true}` (and `name` when given); the answer is shown
 * joined to it. Moonshot documents it; other providers are told so.
 */
export function AssistantPrefixField() {
  const { conversation } = useWorkbench();
  const prefix = conversation.assistantPrefix;
  const t = useTranslations();
  const supported = rulesFor(conversation.providerId).family === "moonshot";
  const format = (conversation.parameters.response_format as { type?: unknown } | undefined)?.type;
  if (prefix === undefined) {
    return (
      <button
        type="button"
        aria-expanded={false}
        disabled={!supported}
        title={supported ? t("prefix.titleSupported") : t("prefix.titleUnsupported")}
        onClick={() => conversationStore.setAssistantPrefix({ content: "" })}
        className="rounded px-1.5 py-0.5 text-xs text-zinc-500 dark:text-zinc-400 hover:bg-zinc-100 hover:text-zinc-800 disabled:opacity-50 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
      >
        {t("prefix.add")}
      </button>
    );
  }
  return (
    <fieldset aria-label={t("prefix.fieldset")} className="mt-2 space-y-1.5 rounded-lg border border-dashed border-accent-500 p-2 dark:border-accent-700">
      <div className="flex items-center justify-between gap-2">
        <legend className="text-xs font-medium text-zinc-600 dark:text-zinc-300">{t("prefix.legend")}</legend>
        <button type="button" onClick={() => conversationStore.setAssistantPrefix(undefined)} className="rounded px-1.5 text-xs text-zinc-500 dark:text-zinc-400 underline hover:text-zinc-800 dark:hover:text-zinc-200">
          {t("prefix.remove")}
        </button>
      </div>
      <textarea
        aria-label={t("prefix.prefix")}
        value={prefix.content}
        rows={1}
        placeholder={t("prefix.placeholder")}
        onChange={(event) => conversationStore.setAssistantPrefix({ ...prefix, content: event.target.value })}
        className="max-h-40 w-full resize-none rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-sm outline-none [field-sizing:content] focus:ring-2 focus:ring-accent-500 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1 text-xs text-zinc-500 dark:text-zinc-400">
          {t("prefix.name")}
          <input
            aria-label={t("prefix.speaker")}
            value={prefix.name ?? ""}
            placeholder={t("prefix.speakerPlaceholder")}
            onChange={(event) => {
              const { name: _name, ...rest } = prefix;
              conversationStore.setAssistantPrefix(event.target.value ? { ...rest, name: event.target.value } : rest);
            }}
            className="w-40 rounded-md border border-zinc-300 bg-white px-1.5 py-0.5 text-xs dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("prefix.how")}</p>
      </div>
      {format === "json_object" && (
        <p role="alert" className="text-xs text-amber-700 dark:text-amber-400">
          {t("prefix.jsonConflict")}
        </p>
      )}
      {prefix.content === "" && <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("prefix.empty")}</p>}
    </fieldset>
  );
}
