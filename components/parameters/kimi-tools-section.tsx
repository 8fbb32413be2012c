"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ModelSpec } from "@/lib/catalog/catalog-types";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import { conversationStore } from "@/lib/chat/conversation-store";
import type { Conversation } from "@/lib/conversation/conversation-types";
import { knownOfficialToolUris } from "@/lib/tools/official-tools";
import { functionToolNames, hasWebSearch, presentOfficialTools } from "@/lib/tools/tool-settings";
import { catalogText } from "@/components/i18n/catalog-text";
import { FieldRow, inputClass } from "./field-parts";

function WebSearchToggle({ conversation, spec }: { conversation: Conversation; spec: ModelSpec }) {
  const on = hasWebSearch(conversation.parameters);
  const alwaysThinks = spec.thinking.mode === "always";
  const t = useTranslations();
  const reason = alwaysThinks ? t("kimiTools.webSearchAlwaysThinks", { model: spec.id }) : undefined;
  return (
    <div className="space-y-1">
      <label className="flex items-center gap-2 text-sm">
        <input id="parameter-web-search" type="checkbox" checked={on} disabled={alwaysThinks && !on} onChange={(event) => conversationStore.setWebSearch(event.target.checked)} />
        <span>
          {t("kimiTools.webSearch")} <span className="font-mono text-xs">$web_search</span>
        </span>
      </label>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {reason ?? t("kimiTools.webSearchHint")}
      </p>
    </div>
  );
}

function OfficialTools({ conversation }: { conversation: Conversation }) {
  const [uri, setUri] = useState("");
  const [problem, setProblem] = useState<{ message: string; code?: string; values?: Record<string, string> } | undefined>();
  const [adding, setAdding] = useState(false);
  const t = useTranslations();
  const added = presentOfficialTools(conversation);
  const add = async () => {
    if (!uri.trim()) return;
    setAdding(true);
    const failed = await conversationStore.addOfficialTool(uri);
    setAdding(false);
    setProblem(failed);
    if (!failed) setUri("");
  };
  return (
    <FieldRow label={t("kimiTools.official")} htmlFor="official-tool-uri" hint={t("kimiTools.officialHint")}>
      <div className="flex gap-2">
        <input
          id="official-tool-uri"
          list="official-tool-uris"
          className={inputClass}
          value={uri}
          placeholder="moonshot/web-search:latest"
          onChange={(event) => setUri(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              void add();
            }
          }}
        />
        <datalist id="official-tool-uris">
          {knownOfficialToolUris.map((known) => (
            <option key={known} value={known} />
          ))}
        </datalist>
        <button type="button" disabled={adding || !uri.trim()} onClick={() => void add()} className="h-8 shrink-0 rounded-md border border-zinc-300 px-3 text-xs hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800">
          {adding ? t("kimiTools.adding") : t("kimiTools.add")}
        </button>
      </div>
      {problem && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          {catalogText({ keys: problem.code ? [`officialToolProblems.${problem.code}`] : [], values: problem.values ?? {}, english: problem.message }, t)}
        </p>
      )}
      {added.length > 0 && (
        <ul aria-label={t("kimiTools.added")} className="space-y-1.5">
          {added.map((tool) => (
            <li key={tool.uri} className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
              <div className="flex items-center justify-between gap-2">
                <span className="font-mono text-xs">{tool.uri}</span>
                <button type="button" onClick={() => conversationStore.removeOfficialTool(tool.uri)} className="text-xs text-zinc-500 dark:text-zinc-400 underline hover:text-zinc-800 dark:hover:text-zinc-200">
                  {t("kimiTools.remove")}
                </button>
              </div>
              {tool.toolNames.map((name) => (
                <label key={name} className="mt-1 flex items-center gap-2 text-xs">
                  <input type="checkbox" checked={tool.autoRun.includes(name)} onChange={(event) => conversationStore.setOfficialToolAutoRun({ uri: tool.uri, name, on: event.target.checked })} />
                  <span>
                    {t.rich("kimiTools.autoRun", { name, code: (chunks) => <span className="font-mono">{chunks}</span> })}
                  </span>
                </label>
              ))}
            </li>
          ))}
        </ul>
      )}
    </FieldRow>
  );
}

function ToolMocks({ conversation }: { conversation: Conversation }) {
  const names = functionToolNames(conversation.parameters);
  const t = useTranslations();
  if (names.length === 0) return null;
  const mocks = conversation.toolMocks ?? {};
  return (
    <FieldRow label={t("kimiTools.mocks")} hint={t("kimiTools.mocksHint", { placeholder: "{{argument}}" })}>
      <ul aria-label={t("kimiTools.toolMocks")} className="space-y-1.5">
        {names.map((name) => {
          const template = mocks[name];
          return (
            <li key={name} className="space-y-1">
              <label className="flex items-center gap-2 text-xs">
                <input
                  type="checkbox"
                  aria-label={t("kimiTools.mock", { name })}
                  checked={template !== undefined}
                  onChange={(event) => conversationStore.setToolMock({ name, template: event.target.checked ? '{"ok": true, "input": {{arguments}}}' : undefined })}
                />
                <span className="font-mono">{name}</span>
              </label>
              {template !== undefined && (
                <textarea
                  aria-label={t("kimiTools.mockResult", { name })}
                  rows={2}
                  value={template}
                  onChange={(event) => conversationStore.setToolMock({ name, template: event.target.value })}
                  className="w-full rounded-md border border-zinc-300 bg-white p-1.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
                />
              )}
            </li>
          );
        })}
      </ul>
    </FieldRow>
  );
}

/** Kimi's own tools (web search, official tools) where the provider has them, and mocks for any tool. */
export function KimiToolsSection({ conversation, spec }: { conversation: Conversation; spec: ModelSpec }) {
  const moonshot = rulesFor(conversation.providerId).family === "moonshot";
  return (
    <div className="space-y-3">
      {moonshot && <WebSearchToggle conversation={conversation} spec={spec} />}
      {moonshot && <OfficialTools conversation={conversation} />}
      <ToolMocks conversation={conversation} />
    </div>
  );
}
