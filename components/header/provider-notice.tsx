"use client";

import { useSyncExternalStore } from "react";
import { isRetired } from "@/lib/catalog/model-catalog";
import { loadProviderKeys } from "@/lib/chat/browser-storage";
import { conversationStore } from "@/lib/chat/conversation-store";
import { keyStoreVersion, subscribeToKeyChanges } from "@/lib/chat/key-events";
import { openKeyDialog } from "@/lib/chat/ui-events";
import { useProviders, useSelectedProvider, useWorkbench } from "@/lib/chat/use-workbench";

/** One line under the header when the selection needs attention: no key, no access, retired or unknown model. */
export function ProviderNotice() {
  const { loaded, conversation, notice, parameterNotice } = useWorkbench();
  const { access } = useProviders();
  const provider = useSelectedProvider();
  useSyncExternalStore(subscribeToKeyChanges, keyStoreVersion, () => 0);
  if (!loaded || !provider) return null;
  const messages: Array<{ text: string; action?: { label: string; run: () => void } }> = [];
  if (notice) messages.push({ text: notice, action: { label: "Dismiss", run: () => conversationStore.dismissNotice() } });
  const userKey = loadProviderKeys()[provider.id];
  if (provider.id === "openai-compatible" && !provider.configured) {
    messages.push({ text: `${provider.label} is not configured: ${provider.setupHint ?? "set OPENAI_COMPATIBLE_BASE_URL on the server."}` });
  } else if (provider.requiresKey && !userKey && !provider.configured) {
    messages.push({ text: `${provider.label} has no key on this server. Paste your own key to use it (it stays in this browser).`, action: { label: "Add key", run: () => openKeyDialog(provider.id) } });
  } else if (!userKey && provider.configured && !provider.serverCredentialsUsable) {
    messages.push({
      text: access.tokenConfigured
        ? `${provider.label} uses this server's credentials, which need the access token from a remote browser.`
        : `${provider.label} uses this server's credentials, which only clients on the server's machine may use.`,
      action: { label: access.tokenConfigured ? "Sign in" : "Add key", run: () => openKeyDialog(provider.id) },
    });
  }
  const spec = conversationStore.specFor(conversation);
  if (spec.retired && isRetired({ spec, today: new Date() })) messages.push({ text: `${spec.id}: ${spec.retired.note} Requests will probably fail.` });
  if (!spec.known && conversation.model) {
    messages.push({ text: `${conversation.model} is not in the workbench catalog; assuming ${spec.input.join(" + ")} input and a ${spec.contextWindow.toLocaleString("en-US")}-token context.` });
  }
  if (messages.length === 0 && !parameterNotice) return null;
  return (
    <div className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-900/50 dark:bg-amber-950/40 dark:text-amber-200" role="status">
      {parameterNotice && (
        <div className="mx-auto max-w-4xl" aria-label="Parameters changed">
          <p className="flex items-center gap-3">
            <span>
              {parameterNotice.title}
              {parameterNotice.changes.length > 0 ? ": the parameters were fitted to it." : "."}
            </span>
            <button type="button" className="rounded border border-amber-400 px-2 py-0.5 text-xs hover:bg-amber-100 dark:hover:bg-amber-900" onClick={() => conversationStore.undoParameterChange()}>
              Undo
            </button>
            <button type="button" className="text-xs underline" onClick={() => conversationStore.dismissParameterNotice()}>
              Dismiss
            </button>
          </p>
          {parameterNotice.changes.length > 0 && (
            <ul className="list-disc pl-5 text-xs">
              {parameterNotice.changes.map((change) => (
                <li key={change.field + change.description}>{change.description}</li>
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
