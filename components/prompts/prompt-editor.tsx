"use client";

import { useRouter } from "next/navigation";
import { memo, useState } from "react";
import { putConversation } from "@/lib/history/history-db";
import { conversationFromCell } from "@/lib/prompt-workspace/conversation-bridge";
import type { ProvidersResponse } from "@/lib/catalog/provider-summary";
import { variablesOf, type PromptProject } from "@/lib/prompt-workspace/prompt-project";
import { findVariables } from "@/lib/prompts/prompt-template";
import { saveVersion } from "@/lib/prompts/prompt-versions";
import type { ChatMessage } from "@/lib/wire/chat-request";
import { buttonClass, inputClass, labelClass, primaryButtonClass, sectionClass } from "./prompt-styles";
import { VersionHistory } from "./version-history";

type Update = (change: (project: PromptProject) => PromptProject) => void;

const roles = ["system", "user", "assistant"] as const;

function MessageEditor({ message, index, count, update }: { message: ChatMessage; index: number; count: number; update: Update }) {
  const setMessages = (change: (messages: ChatMessage[]) => ChatMessage[]) => update((project) => ({ ...project, draft: { ...project.draft, messages: change([...project.draft.messages]) } }));
  const text = typeof message.content === "string" ? message.content : undefined;
  const variables = text !== undefined ? findVariables(text) : [];
  return (
    <li className="space-y-1 rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-2">
        <label className="sr-only" htmlFor={`message-role-${index}`}>
          Role of message {index + 1}
        </label>
        <select
          id={`message-role-${index}`}
          className={inputClass}
          value={message.role}
          disabled={message.role === "tool"}
          onChange={(event) => setMessages((messages) => messages.map((item, position) => (position === index ? ({ role: event.target.value as (typeof roles)[number], content: text ?? "" } as ChatMessage) : item)))}
        >
          {(message.role === "tool" ? ["tool"] : roles).map((role) => (
            <option key={role}>{role}</option>
          ))}
        </select>
        {variables.length > 0 && (
          <span className="text-xs text-zinc-500">
            uses{" "}
            {variables.map((name) => (
              <code key={name} className="mr-1 rounded bg-accent-50 px-1 text-accent-700 dark:bg-zinc-800 dark:text-accent-100">{`{{${name}}}`}</code>
            ))}
          </span>
        )}
        <span className="ml-auto flex gap-1">
          <button type="button" className={buttonClass} aria-label={`Move message ${index + 1} up`} disabled={index === 0} onClick={() => setMessages((messages) => [...messages.slice(0, index - 1), messages[index]!, messages[index - 1]!, ...messages.slice(index + 1)])}>
            ↑
          </button>
          <button type="button" className={buttonClass} aria-label={`Remove message ${index + 1}`} disabled={count === 1} onClick={() => setMessages((messages) => messages.filter((_, position) => position !== index))}>
            Remove
          </button>
        </span>
      </div>
      {text !== undefined ? (
        <textarea
          aria-label={`Message ${index + 1} (${message.role})`}
          className={`${inputClass} block min-h-20 w-full font-mono text-[13px]`}
          value={text}
          rows={Math.min(12, Math.max(3, text.split("\n").length + 1))}
          onChange={(event) => setMessages((messages) => messages.map((item, position) => (position === index ? ({ ...item, content: event.target.value } as ChatMessage) : item)))}
        />
      ) : (
        <pre className="max-h-40 overflow-auto rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-900">{JSON.stringify(message.content, null, 2)}</pre>
      )}
    </li>
  );
}

function ParametersEditor({ parameters, update }: { parameters: Record<string, unknown>; update: Update }) {
  const [text, setText] = useState(() => JSON.stringify(parameters, null, 2));
  const [problem, setProblem] = useState<string>();
  return (
    <div className="space-y-1">
      <label className={labelClass} htmlFor="prompt-parameters">
        Parameters (JSON: temperature, max_completion_tokens, response_format, tools, thinking, … — placeholders allowed in strings)
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
            if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("Parameters must be a JSON object, e.g. {\"temperature\": 0.6}.");
            if ("messages" in value || "model" in value) throw new Error("model and messages are edited above, not in the parameters.");
            setProblem(undefined);
            update((project) => ({ ...project, draft: { ...project.draft, parameters: value as Record<string, unknown> } }));
          } catch (error) {
            setProblem(error instanceof SyntaxError ? `Not valid JSON yet: ${error.message}. The last valid parameters are kept.` : (error as Error).message);
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
  const variables = variablesOf(project);
  const openInChat = async () => {
    // The draft with the first row's values, as a conversation to try by hand.
    const row = project.rows[0];
    const opened = conversationFromCell({ template: project.draft, values: row?.values ?? {}, column: { id: "draft", label: "draft", providerId: project.providerId, model: project.draft.model, overrides: {} }, title: `${project.name} (draft${row ? `, ${row.id}` : ""})`, now: Date.now() });
    if (!opened.ok) {
      setMessage({ kind: "error", text: `The draft cannot open with the first row: ${opened.message}` });
      return;
    }
    await putConversation(opened.conversation);
    router.push(`/?open=${encodeURIComponent(opened.conversation.id)}`);
  };
  const provider = providers.providers.find((item) => item.id === project.providerId);
  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <section className={sectionClass} aria-labelledby="prompt-draft-heading">
        <div className="flex flex-wrap items-end gap-3">
          <h2 id="prompt-draft-heading" className="mr-auto text-base font-semibold">
            Draft
          </h2>
          <label className="flex flex-col gap-0.5">
            <span className={labelClass}>Written for</span>
            <select className={inputClass} value={project.providerId} onChange={(event) => update((current) => ({ ...current, providerId: event.target.value as PromptProject["providerId"] }))}>
              {providers.providers.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.label}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-0.5">
            <span className={labelClass}>Model</span>
            <input className={`${inputClass} w-48`} list="prompt-model-list" value={project.draft.model} onChange={(event) => update((current) => ({ ...current, draft: { ...current.draft, model: event.target.value } }))} />
            <datalist id="prompt-model-list">
              {provider?.models.map((model) => (
                <option key={model.id} value={model.id} />
              ))}
            </datalist>
          </label>
        </div>
        <ol className="space-y-2">
          {project.draft.messages.map((item, index) => (
            <MessageEditor key={index} message={item} index={index} count={project.draft.messages.length} update={update} />
          ))}
        </ol>
        <div className="flex flex-wrap gap-2">
          <button type="button" className={buttonClass} onClick={() => update((current) => ({ ...current, draft: { ...current.draft, messages: [...current.draft.messages, { role: "user", content: "" }] } }))}>
            Add message
          </button>
          <button type="button" className={buttonClass} title="Opens the draft, filled with the first row's values, as a conversation in the chat" onClick={() => void openInChat()}>
            Open in chat
          </button>
        </div>
        <ParametersEditor key={`${project.id}:${project.draftRevision ?? 0}`} parameters={project.draft.parameters} update={update} />
        <form
          className="flex flex-wrap items-end gap-2 border-t border-zinc-200 pt-3 dark:border-zinc-800"
          onSubmit={(event) => {
            event.preventDefault();
            const saved = saveVersion({ versions: project.versions, template: project.draft, note, now: Date.now() });
            if (!saved.ok) {
              setMessage({ kind: "error", text: saved.message });
              return;
            }
            update((current) => ({ ...current, versions: saved.versions }));
            setNote("");
            setMessage({ kind: "ok", text: `Saved as version ${saved.saved.number}.` });
          }}
        >
          <label className="flex min-w-48 flex-1 flex-col gap-0.5">
            <span className={labelClass}>Note for this version (optional)</span>
            <input className={inputClass} value={note} placeholder="What changed and why" onChange={(event) => setNote(event.target.value)} />
          </label>
          <button type="submit" className={primaryButtonClass}>
            Save as version {(project.versions.at(-1)?.number ?? 0) + 1}
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
            Variables
          </h2>
          {variables.length === 0 ? (
            <p className="text-sm text-zinc-500">
              None yet. Write <code>{"{{name}}"}</code> in a message or parameter; each becomes a column of the test set.
            </p>
          ) : (
            <ul className="space-y-1 text-sm" aria-label="Variables">
              {variables.map((variable) => (
                <li key={variable.name} className="flex items-center justify-between gap-2">
                  <code>{variable.name}</code>
                  <span className={`text-xs ${variable.missingIn > 0 ? "text-amber-700 dark:text-amber-400" : "text-zinc-500"}`}>
                    {variable.missingIn > 0 ? `missing in ${variable.missingIn} of ${project.rows.length} rows` : variable.kind === "none" ? "no rows" : variable.kind}
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
