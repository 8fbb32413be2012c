"use client";

import { useTranslations } from "next-intl";
import { useQueryClient } from "@tanstack/react-query";
import { useState, useSyncExternalStore } from "react";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import { loadProviderKeys, saveProviderKey } from "@/lib/chat/browser-storage";
import { announceKeyChange, keyStoreVersion, subscribeToKeyChanges } from "@/lib/chat/key-events";
import { providersQueryKey, useProviders } from "@/lib/chat/use-workbench";
import { workbenchText } from "@/components/i18n/workbench-text";
import { envelopeErrorOf } from "@/lib/wire/error-envelope";

// DashScope's two API modes take the same key.
const sharedKeys: Partial<Record<ProviderId, ProviderId[]>> = { dashscope: ["dashscope", "dashscope-native"], "dashscope-native": ["dashscope", "dashscope-native"] };

function KeyRow({ providerId, label, hint }: { providerId: ProviderId; label: string; hint: string }) {
  useSyncExternalStore(subscribeToKeyChanges, keyStoreVersion, () => 0);
  const stored = loadProviderKeys()[providerId];
  const [draft, setDraft] = useState("");
  const queryClient = useQueryClient();
  const t = useTranslations();
  const save = (key: string) => {
    for (const id of sharedKeys[providerId] ?? [providerId]) saveProviderKey({ providerId: id, key });
    setDraft("");
    announceKeyChange();
    void queryClient.invalidateQueries({ queryKey: ["models"] });
  };
  return (
    <div className="space-y-1">
      <label className="block text-sm font-medium" htmlFor={`key-${providerId}`}>
        {label}
      </label>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{hint}</p>
      <div className="flex gap-2">
        <input
          id={`key-${providerId}`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={stored ? t("keys.saved", { last: stored.slice(-4) }) : t("keys.paste")}
          className="h-9 flex-1 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="button" disabled={!draft.trim()} onClick={() => save(draft)} className="h-9 rounded-md bg-accent-600 px-3 text-sm text-white hover:bg-accent-700 disabled:opacity-50">
          {t("common.save")}
        </button>
        {stored && (
          <button type="button" onClick={() => save("")} className="h-9 rounded-md border border-zinc-300 px-3 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
            {t("keys.forget")}
          </button>
        )}
      </div>
    </div>
  );
}

function SignIn() {
  const { access } = useProviders();
  const queryClient = useQueryClient();
  const [token, setToken] = useState("");
  const [error, setError] = useState<string>();
  const t = useTranslations();
  if (!access.tokenConfigured || access.loopback) return null;
  const refresh = () => queryClient.invalidateQueries({ queryKey: providersQueryKey });
  if (access.authenticated) {
    return (
      <div className="flex items-center justify-between rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200">
        {t("keys.signedIn")}
        <button type="button" className="underline" onClick={() => void fetch("/api/session", { method: "DELETE" }).then(refresh)}>
          {t("keys.signOut")}
        </button>
      </div>
    );
  }
  return (
    <form
      className="space-y-1 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
      onSubmit={async (event) => {
        event.preventDefault();
        const response = await fetch("/api/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }) });
        if (response.ok) {
          setToken("");
          setError(undefined);
          await refresh();
        } else {
          const refused = envelopeErrorOf(await response.json().catch(() => undefined));
          setError(refused ? workbenchText(refused, t) : t("clientErrors.serverAnsweredEmpty", { status: String(response.status) }));
        }
      }}
    >
      <label className="block text-sm font-medium" htmlFor="access-token">
        {t("keys.signInLabel")}
      </label>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("keys.signInHint")}</p>
      <div className="flex gap-2">
        <input id="access-token" type="password" value={token} onChange={(event) => setToken(event.target.value)} className="h-9 flex-1 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900" />
        <button type="submit" disabled={!token} className="h-9 rounded-md bg-accent-600 px-3 text-sm text-white disabled:opacity-50">
          {t("keys.signIn")}
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      )}
    </form>
  );
}

/** The key dialog's content: sign-in, then a pasted key per provider (loaded when the dialog first opens). */
export default function KeyDialogBody() {
  const { providers } = useProviders();
  const t = useTranslations();
  const describe = (id: ProviderId) => {
    const provider = providers.find((candidate) => candidate.id === id)!;
    if (!provider.configured) return t("keys.noServerKey", { env: provider.keyEnv ?? "" });
    return provider.serverCredentialsUsable ? t("keys.serverKey", { env: provider.keyEnv ?? "" }) : t("keys.serverKeyNotUsable");
  };
  return (
    <>
      <SignIn />
      <KeyRow providerId="moonshot" label={t("keys.moonshot")} hint={describe("moonshot")} />
      <KeyRow providerId="dashscope" label={t("keys.dashscope")} hint={describe("dashscope")} />
      <KeyRow providerId="openai-compatible" label={t("keys.selfHosted")} hint={t("keys.selfHostedHint")} />
    </>
  );
}
