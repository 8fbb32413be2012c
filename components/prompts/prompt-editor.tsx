"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { memo, useState } from "react";
import { storeOpenedConversation } from "@/lib/prompt-workspace/open-as-conversation";
import { conversationFromCell } from "@/lib/prompt-workspace/conversation-bridge";
import type { ProvidersResponse } from "@/lib/catalog/provider-summary";
import { variablesOf, type PromptProject } from "@/lib/prompt-workspace/prompt-project";
import { saveVersion } from "@/lib/prompts/prompt-versions";
import { partsText } from "@/components/share/describe-check";
import { MessageEditor } from "./message-editor";
import { buttonClass, inputClass, labelClass, primaryButtonClass, sectionClass } from "./prompt-styles";
import { VersionHistory } from "./version-history";
import { workbenchText } from "@/components/i18n/workbench-text";

type Update = (change: (project: PromptProject) => PromptProject) => void;

function ParametersEditor({ parameters, update }: { parameters: Record<string, unknown>; update: Update }) {
  const [text, setText] = useState(() => JSON.stringify(parameters, null, 2));
  const [problem, setProblem] = useState<string>();
  const t = useTranslations();
  return (
    <div className="space-y-1">
      <label className={labelClass} htmlFor="prompt-parameters">
        {t("promptEditor.parameters")}
      </label>
      <textarea
        id="prompt-parameters"
        className={`${inputClass} block min-h-24 w-full font-mono text-[13px]`}
        value={text}
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? "prompt-parameters-problem" : undefined}
        onChange={(event) => {
          setText(event.target.value);
          try {
            const value: unknown = JSON.parse(event.target.value || "{}");
            if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(t("promptEditor.parametersNotObject"));
            if ("messages" in value || "model" in value) throw new Error(t("promptEditor.parametersModel"));
            setProblem(undefined);
            update((project) => ({ ...project, draft: { ...project.draft, parameters: value as Record<string, unknown> } }));
          } catch (error) {
            setProblem(error instanceof SyntaxError ? t("promptEditor.parametersNotJson", { problem: error.message }) : (error as Error).message);
          }
        }}
      />
      {problem && (
        <p id="prompt-parameters-problem" role="alert" className="text-xs text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
    </div>
  );
}

/** The prompt's draft: model, messages with {{variables}}, parameters; saving makes a numbered version. */
export const PromptEditor = memo(function PromptEditor({ project, providers, update }: { project: PromptProject; providers: ProvidersResponse; update: Update }) {
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string }>();
  const router = useRouter();
  const t = useTranslations();
  const variables = variablesOf(project);
  const openInChat = async () => {
    // The draft with the first row's values, as a conversation to try by hand.
    const row = project.rows[0];
    const opened = conversationFromCell({ template: project.draft, values: row?.values ?? {}, column: { id: "draft", label: "draft", providerId: project.providerId, model: project.draft.model, overrides: {} }, title: row ? t("promptEditor.draftTitleRow", { name: project.name, row: row.id }) : t("promptEditor.draftTitle", { name: project.name }), now: Date.now() });
    if (!opened.ok) {
      setMessage({ kind: "error", text: t("promptEditor.cannotOpen", { problem: partsText({ parts: opened.parts, english: opened.message }, t) }) });
      return;
    }
    await storeOpenedConversation(opened);
    router.push(`/?open=${encodeURIComponent(opened.conversation.id)}`);
  };
  const provider = providers.providers.find((item) => item.id === project.providerId);
  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <section className={sectionClass} aria-labelledby="prompt-draft-heading">
        <div className="flex flex-wrap items-end gap-3">
          <h2 id="prompt-draft-heading" className="mr-auto text-base font-semibold">
            {t("versions.draft")}
          </h2>
          <label className="flex flex-col gap-0.5">
            <span className={labelClass}>{t("promptEditor.writtenFor")}</span>
            <select className={inputClass} value={project.providerId} onChange={(event) => update((current) => ({ ...current, providerId: event.target.value as PromptProject["providerId"] }))}>
              {providers.providers.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.label}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-0.5">
            <span className={labelClass}>{t("runSetup.model")}</span>
            <input className={`${inputClass} w-48`} list="prompt-model-list" value={project.draft.model} onChange={(event) => update((current) => ({ ...current, draft: { ...current.draft, model: event.target.value } }))} />
            <datalist id="prompt-model-list">
              {provider?.models.map((model) => (
                <option key={model.id} value={model.id} />
              ))}
            </datalist>
          </label>
        </div>
        {project.notes && project.notes.length > 0 && (
          <div role="note" aria-label={t("promptEditor.aboutDraft")} className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
            <ul className="min-w-0 flex-1 space-y-0.5">
              {project.notes.map((note, index) => (
                <li key={index}>{typeof note === "string" ? note : workbenchText(note, t)}</li>
              ))}
            </ul>
            <button type="button" className={`${buttonClass} h-7 shrink-0 text-xs`} onClick={() => update((current) => ({ ...current, notes: [] }))}>
              {t("promptEditor.dismiss")}
            </button>
          </div>
        )}
        <ol className="space-y-2">
          {project.draft.messages.map((item, index) => (
            <MessageEditor key={index} message={item} index={index} count={project.draft.messages.length} providerId={project.providerId} providerLabel={provider?.label ?? project.providerId} update={update} />
          ))}
        </ol>
        <div className="flex flex-wrap gap-2">
          <button type="button" className={buttonClass} onClick={() => update((current) => ({ ...current, draft: { ...current.draft, messages: [...current.draft.messages, { role: "user", content: "" }] } }))}>
            {t("promptEditor.addMessage")}
          </button>
          <button type="button" className={buttonClass} title={t("promptEditor.openInChatTitle")} onClick={() => void openInChat()}>
            {t("promptEditor.openInChat")}
          </button>
        </div>
        <ParametersEditor key={`${project.id}:${project.draftRevision ?? 0}`} parameters={project.draft.parameters} update={update} />
        <form
          className="flex flex-wrap items-end gap-2 border-t border-zinc-200 pt-3 dark:border-zinc-800"
          onSubmit={(event) => {
            event.preventDefault();
            const saved = saveVersion({ versions: project.versions, template: project.draft, note, now: Date.now() });
            if (!saved.ok) {
              setMessage({ kind: "error", text: t("promptEditor.unchanged", { number: saved.unchangedSince }) });
              return;
            }
            update((current) => ({ ...current, versions: saved.versions }));
            setNote("");
            setMessage({ kind: "ok", text: t("promptEditor.saved", { number: saved.saved.number }) });
          }}
        >
          <label className="flex min-w-48 flex-1 flex-col gap-0.5">
            <span className={labelClass}>{t("promptEditor.note")}</span>
            <input className={inputClass} value={note} placeholder={t("promptEditor.notePlaceholder")} onChange={(event) => setNote(event.target.value)} />
          </label>
          <button type="submit" className={primaryButtonClass}>
            {t("promptEditor.save", { number: (project.versions.at(-1)?.number ?? 0) + 1 })}
          </button>
          {message && (
            <p role="status" className={`w-full text-sm ${message.kind === "error" ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}>
              {message.text}
            </p>
          )}
        </form>
      </section>
      <div className="space-y-4">
        <section className={sectionClass} aria-labelledby="prompt-variables-heading">
          <h2 id="prompt-variables-heading" className="text-base font-semibold">
            {t("promptEditor.variables")}
          </h2>
          {variables.length === 0 ? (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">
              {t.rich("promptEditor.noVariables", { example: "{{name}}", code: (chunks) => <code>{chunks}</code> })}
            </p>
          ) : (
            <ul className="space-y-1 text-sm" aria-label={t("promptEditor.variables")}>
              {variables.map((variable) => (
                <li key={variable.name} className="flex items-center justify-between gap-2">
                  <code>{variable.name}</code>
                  <span className={`text-xs ${variable.missingIn > 0 ? "text-amber-700 dark:text-amber-400" : "text-zinc-500 dark:text-zinc-400"}`}>
                    {variable.missingIn > 0 ? t("promptEditor.missingIn", { missing: variable.missingIn, rows: project.rows.length }) : t("promptEditor.kind", { kind: variable.kind })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <VersionHistory project={project} update={update} />
      </div>
    </div>
  );
});
