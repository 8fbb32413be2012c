"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { isRetired } from "@/lib/catalog/model-catalog";
import { loadProviderKeys } from "@/lib/chat/browser-storage";
import { conversationStore } from "@/lib/chat/conversation-store";
import { keyStoreVersion, subscribeToKeyChanges } from "@/lib/chat/key-events";
import { openKeyDialog } from "@/lib/chat/ui-events";
import { useProviders, useSelectedProvider, useWorkbench } from "@/lib/chat/use-workbench";
import { catalogText } from "@/components/i18n/catalog-text";
import { workbenchText } from "@/components/i18n/workbench-text";

/** One line under the header when the selection needs attention: no key, no access, retired or unknown model. */
export function ProviderNotice() {
  const { loaded, conversation, notice, parameterNotice } = useWorkbench();
  const { access } = useProviders();
  const provider = useSelectedProvider();
  useSyncExternalStore(subscribeToKeyChanges, keyStoreVersion, () => 0);
  const t = useTranslations();
  const format = useFormatter();
  if (!loaded || !provider) return null;
  const messages: Array<{ text: string; action?: { label: string; run: () => void } }> = [];
  if (notice) messages.push({ text: notice.map((note) => workbenchText(note, t)).join(" "), action: { label: t("notice.dismiss"), run: () => conversationStore.dismissNotice() } });
  const userKey = loadProviderKeys()[provider.id];
  if (provider.id === "openai-compatible" && !provider.configured) {
    messages.push({ text: t("notice.notConfigured", { provider: provider.label, hint: provider.setupHint ?? t("notice.defaultHint") }) });
  } else if (provider.requiresKey && !userKey && !provider.configured) {
    messages.push({ text: t("notice.noKey", { provider: provider.label }), action: { label: t("notice.addKey"), run: () => openKeyDialog(provider.id) } });
  } else if (!userKey && provider.configured && !provider.serverCredentialsUsable) {
    messages.push({
      text: access.tokenConfigured ? t("notice.needsToken", { provider: provider.label }) : t("notice.onlyLocal", { provider: provider.label }),
      action: { label: access.tokenConfigured ? t("notice.signIn") : t("notice.addKey"), run: () => openKeyDialog(provider.id) },
    });
  }
  const spec = conversationStore.specFor(conversation);
  if (spec.retired && isRetired({ spec, today: new Date() })) messages.push({ text: t("notice.retired", { model: spec.id, note: spec.retired.note }) });
  if (!spec.known && conversation.model) {
    messages.push({ text: t("notice.unknownModel", { model: conversation.model, input: spec.input.join(" + "), tokens: format.number(spec.contextWindow) }) });
  }
  if (messages.length === 0 && !parameterNotice) return null;
  return (
    <div className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-900/50 dark:bg-amber-950/40 dark:text-amber-200" role="status">
      {parameterNotice && (
        <div className="mx-auto max-w-4xl" aria-label={t("notice.parametersChanged")}>
          <p className="flex items-center gap-3">
            <span>
              {t(parameterNotice.changes.length > 0 ? "notice.fitted" : "notice.plain", { title: catalogText({ keys: [`parameterChanges.title-${parameterNotice.title.code}`], values: parameterNotice.title.values, english: parameterNotice.title.text }, t) })}
            </span>
            <button type="button" className="rounded border border-amber-400 px-2 py-0.5 text-xs hover:bg-amber-100 dark:hover:bg-amber-900" onClick={() => conversationStore.undoParameterChange()}>
              {t("notice.undo")}
            </button>
            <button type="button" className="text-xs underline" onClick={() => conversationStore.dismissParameterNotice()}>
              {t("notice.dismiss")}
            </button>
          </p>
          {parameterNotice.changes.length > 0 && (
            <ul className="list-disc pl-5 text-xs">
              {parameterNotice.changes.map((change) => (
                <li key={change.field + change.description}>{catalogText({ keys: [`parameterChanges.${change.code}`], values: change.values, english: change.description }, t)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {messages.map((message) => (
        <p key={message.text} className="mx-auto flex max-w-4xl items-center gap-3">
          <span>{message.text}</span>
          {message.action && (
            <button type="button" className="shrink-0 rounded border border-amber-400 px-2 py-0.5 text-xs hover:bg-amber-100 dark:hover:bg-amber-900" onClick={message.action.run}>
              {message.action.label}
            </button>
          )}
        </p>
      ))}
    </div>
  );
}
