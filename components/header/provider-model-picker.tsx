"use client";

import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import { isRetired, retirementWhen } from "@/lib/catalog/model-catalog";
import { loadProviderKeys } from "@/lib/chat/browser-storage";
import { conversationStore } from "@/lib/chat/conversation-store";
import { keyStoreVersion, subscribeToKeyChanges } from "@/lib/chat/key-events";
import { useListedModels, useProviders, useWorkbench } from "@/lib/chat/use-workbench";

const customValue = "__custom__";
const selectClass =
  "h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 focus:outline-none focus:ring-2 focus:ring-accent-500 disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";

/** Provider and model selection, with unconfigured providers and retired models marked. */
export function ProviderModelPicker() {
  const providers = useProviders();
  const { loaded, conversation } = useWorkbench();
  useSyncExternalStore(subscribeToKeyChanges, keyStoreVersion, () => 0);
  const userKeys = loaded ? loadProviderKeys() : {};
  const provider = providers.providers.find((candidate) => candidate.id === conversation.providerId);
  const usable = provider !== undefined && (provider.serverCredentialsUsable || (provider.requiresKey && userKeys[provider.id] !== undefined));
  const listed = useListedModels({ providerId: conversation.providerId, enabled: loaded && usable && provider?.id !== "dashscope-native" });
  const catalogIds = new Set(provider?.models.map((model) => model.id));
  // Catalog models the provider's own list no longer has (the list was read and it is missing).
  const unlisted = new Set(listed.filter((model) => model.in_catalog && model.listed_by_provider === false).map((model) => model.id));
  const extraModels = listed.filter((model) => !catalogIds.has(model.id)).map((model) => model.id);
  const knownIds = [...catalogIds, ...extraModels];
  const isCustom = loaded && conversation.model !== "" && !knownIds.includes(conversation.model);
  const [editingCustom, setEditingCustom] = useState(false);
  const [customDraft, setCustomDraft] = useState("");
  const today = new Date();
  const t = useTranslations();

  const providerStatus = (id: ProviderId): string => {
    const summary = providers.providers.find((candidate) => candidate.id === id)!;
    if (id === "simulator") return "";
    if (summary.requiresKey && userKeys[id]) return t("picker.yourKey");
    if (!summary.configured) return t("picker.notConfigured");
    if (!summary.serverCredentialsUsable) return t("picker.signInOrAddKey");
    return "";
  };

  return (
    // On a phone both pickers share the header's one row with the menu buttons.
    <div className="flex min-w-0 items-center gap-1.5 md:flex-wrap md:gap-2">
      <label className="sr-only" htmlFor="provider-select">
        {t("picker.provider")}
      </label>
      <select
        id="provider-select"
        className={`${selectClass} min-w-0 max-w-[9rem] md:max-w-[15rem]`}
        value={conversation.providerId}
        disabled={!loaded}
        onChange={(event) => {
          setEditingCustom(false);
          conversationStore.selectProvider(event.target.value as ProviderId);
        }}
      >
        {providers.providers.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {candidate.label}
            {loaded ? providerStatus(candidate.id) : ""}
          </option>
        ))}
      </select>
      <label className="sr-only" htmlFor="model-select">
        {t("picker.model")}
      </label>
      {editingCustom ? (
        <form
          className="flex items-center gap-1"
          onSubmit={(event) => {
            event.preventDefault();
            if (customDraft.trim()) {
              conversationStore.selectModel(customDraft);
              setEditingCustom(false);
            }
          }}
        >
          <input
            id="model-select"
            aria-label={t("picker.modelId")}
            autoFocus
            className={`${selectClass} w-56`}
            placeholder={t("picker.modelIdPlaceholder")}
            value={customDraft}
            onChange={(event) => setCustomDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") setEditingCustom(false);
            }}
          />
          <button type="submit" className="h-9 rounded-md bg-accent-600 px-3 text-sm text-white hover:bg-accent-700">
            {t("picker.use")}
          </button>
        </form>
      ) : (
        <select
          id="model-select"
          className={`${selectClass} min-w-0 max-w-[10rem] md:max-w-[14rem]`}
          value={isCustom ? conversation.model : conversation.model || ""}
          disabled={!loaded}
          onChange={(event) => {
            if (event.target.value === customValue) {
              setCustomDraft(isCustom ? conversation.model : "");
              setEditingCustom(true);
            } else conversationStore.selectModel(event.target.value);
          }}
        >
          {!loaded && <option value="">{t("common.loading")}</option>}
          {provider?.models.map((model) => (
            <option key={model.id} value={model.id}>
              {model.id}
              {isRetired({ spec: model, today }) ? t("picker.retired", { when: retirementWhen(model.retired!) }) : unlisted.has(model.id) ? t("picker.notListed") : ""}
            </option>
          ))}
          {extraModels.length > 0 && (
            <optgroup label={t("picker.listedByProvider")}>
              {extraModels.map((id) => (
                <option key={id} value={id}>
                  {t("picker.notInCatalog", { id })}
                </option>
              ))}
            </optgroup>
          )}
          {isCustom && <option value={conversation.model}>{t("picker.custom", { id: conversation.model })}</option>}
          <option value={customValue}>{t("picker.otherModel")}</option>
        </select>
      )}
    </div>
  );
}
