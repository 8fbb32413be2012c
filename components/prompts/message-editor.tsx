"use client";

import { useTranslations } from "next-intl";
import { memo, useMemo, useState } from "react";
import { loadProviderKeys } from "@/lib/chat/browser-storage";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { PromptProject } from "@/lib/prompt-workspace/prompt-project";
import { addMediaPart, describePart, extractDocumentText, insertDocument, mediaFileProblem, readMediaPart, removePart, setPartText } from "@/lib/prompt-workspace/prompt-media";
import { findVariables } from "@/lib/prompts/prompt-template";
import type { ChatMessage, ContentPart } from "@/lib/wire/chat-request";
import { attachProblemText } from "@/components/i18n/media-text";
import { buttonClass, inputClass } from "./prompt-styles";

type Update = (change: (project: PromptProject) => PromptProject) => void;

const roles = ["system", "user", "assistant"] as const;

function textsOf(message: ChatMessage): string[] {
  if (typeof message.content === "string") return [message.content];
  return (message.content ?? []).flatMap((part) => (part.type === "text" ? [part.text] : []));
}

/** The file name when a system message is a document's extracted text (Moonshot's file-extract JSON). */
function documentName(message: ChatMessage): string | undefined {
  if (message.role !== "system" || typeof message.content !== "string" || !message.content.startsWith("{")) return undefined;
  try {
    const value = JSON.parse(message.content) as { filename?: unknown; content?: unknown };
    return typeof value.filename === "string" && typeof value.content === "string" ? value.filename : undefined;
  } catch {
    return undefined;
  }
}

function TextArea({ label, text, onChange }: { label: string; text: string; onChange: (text: string) => void }) {
  return <textarea aria-label={label} className={`${inputClass} block min-h-20 w-full font-mono text-[13px]`} value={text} rows={Math.min(12, Math.max(3, text.split("\n").length + 1))} onChange={(event) => onChange(event.target.value)} />;
}

function MediaChip({ part, label, onRemove }: { part: ContentPart; label: string; onRemove: () => void }) {
  const summary = describePart(part);
  const t = useTranslations();
  return (
    <div className="flex items-center gap-2 rounded-md border border-zinc-200 bg-zinc-50 p-1.5 text-xs dark:border-zinc-800 dark:bg-zinc-900">
      {summary.thumbnail ? (
        // eslint-disable-next-line @next/next/no-img-element -- a data URL from this browser, not an optimizable asset
        <img src={summary.thumbnail} alt="" className="h-10 w-10 shrink-0 rounded object-cover" />
      ) : (
        <span aria-hidden className="flex h-10 w-10 shrink-0 items-center justify-center rounded bg-zinc-200 text-[10px] uppercase text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
          {summary.kind === "image" ? t("messageEditor.imageBadge") : t("messageEditor.videoBadge")}
        </span>
      )}
      <span className="min-w-0 flex-1 truncate">{summary.label}</span>
      <button type="button" className={`${buttonClass} h-6 px-1.5 text-xs`} aria-label={t("messageEditor.removeLabel", { label })} onClick={onRemove}>
        {t("runSetup.remove")}
      </button>
    </div>
  );
}

/**
 * One message of the draft: its role, its text (with the {{variables}} it uses), and for a user
 * message the pictures and videos that are part of the prompt, plus documents added as the system
 * message holding their text.
 */
export const MessageEditor = memo(function MessageEditor({ message, index, count, providerId, providerLabel, update }: { message: ChatMessage; index: number; count: number; providerId: ProviderId; providerLabel: string; update: Update }) {
  const [status, setStatus] = useState<{ kind: "busy" | "error"; text: string }>();
  const t = useTranslations();
  const setMessages = (change: (messages: ChatMessage[]) => ChatMessage[]) => update((project) => ({ ...project, draft: { ...project.draft, messages: change([...project.draft.messages]) } }));
  const setThis = (change: (message: ChatMessage) => ChatMessage) => setMessages((messages) => messages.map((item, position) => (position === index ? change(item) : item)));
  const parts = typeof message.content === "string" || message.content === null || message.content === undefined ? undefined : message.content;
  const hasMedia = parts?.some((part) => part.type !== "text") ?? false;
  const variables = [...new Set(textsOf(message).flatMap(findVariables))];
  const name = t("messageEditor.name", { number: index + 1 });
  const document = useMemo(() => documentName(message), [message]);

  const addMedia = async (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const problem = mediaFileProblem({ file, providerId });
      if (problem) {
        setStatus({ kind: "error", text: attachProblemText(problem, t) });
        return;
      }
      setStatus({ kind: "busy", text: t("messageEditor.reading", { file: file.name }) });
      const part = await readMediaPart(file);
      setThis((current) => addMediaPart({ message: current, part }));
    }
    setStatus(undefined);
  };
  const addDocument = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setStatus({ kind: "busy", text: t("messageEditor.extracting", { file: file.name, provider: providerLabel }) });
    const extracted = await extractDocumentText({ file, providerId, providerLabel, apiKey: loadProviderKeys()[providerId] });
    if (!extracted.ok) {
      setStatus({ kind: "error", text: attachProblemText(extracted, t) });
      return;
    }
    // The document goes before this message, as Kimi's file-extract recipe sends it.
    setMessages((messages) => insertDocument({ messages, index, text: extracted.text }));
    setStatus(undefined);
  };

  return (
    <li className="space-y-1 rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-2">
        <label className="sr-only" htmlFor={`message-role-${index}`}>
          {t("messageEditor.role", { number: index + 1 })}
        </label>
        <select
          id={`message-role-${index}`}
          className={inputClass}
          value={message.role}
          disabled={message.role === "tool" || hasMedia}
          title={hasMedia ? t("messageEditor.roleLocked") : undefined}
          onChange={(event) => setThis((current) => ({ role: event.target.value as (typeof roles)[number], content: textsOf(current).join("\n\n") }) as ChatMessage)}
        >
          {(message.role === "tool" ? ["tool"] : roles).map((role) => (
            <option key={role}>{role}</option>
          ))}
        </select>
        {document && <span className="text-xs text-zinc-500 dark:text-zinc-400">{t("messageEditor.documentText", { document })}</span>}
        {variables.length > 0 && (
          <span className="text-xs text-zinc-500 dark:text-zinc-400">
            {t("messageEditor.uses")}{" "}
            {variables.map((variable) => (
              <code key={variable} className="mr-1 rounded bg-accent-50 px-1 text-accent-700 dark:bg-zinc-800 dark:text-accent-100">{`{{${variable}}}`}</code>
            ))}
          </span>
        )}
        <span className="ml-auto flex gap-1">
          <button type="button" className={buttonClass} aria-label={t("messageEditor.moveUp", { number: index + 1 })} disabled={index === 0} onClick={() => setMessages((messages) => [...messages.slice(0, index - 1), messages[index]!, messages[index - 1]!, ...messages.slice(index + 1)])}>
            ↑
          </button>
          <button type="button" className={buttonClass} aria-label={t("messageEditor.removeMessage", { number: index + 1 })} disabled={count === 1} onClick={() => setMessages((messages) => messages.filter((_, position) => position !== index))}>
            {t("runSetup.remove")}
          </button>
        </span>
      </div>
      {parts === undefined ? (
        <TextArea label={t("messageEditor.text", { number: index + 1, role: message.role })} text={typeof message.content === "string" ? message.content : ""} onChange={(text) => setThis((current) => ({ ...current, content: text }) as ChatMessage)} />
      ) : (
        <div className="space-y-1">
          {parts.map((part, position) =>
            part.type === "text" ? (
              <TextArea key={position} label={t("messageEditor.partText", { number: index + 1, role: message.role })} text={part.text} onChange={(text) => setThis((current) => setPartText({ message: current, index: position, text }))} />
            ) : (
              <MediaChip key={position} part={part} label={t("messageEditor.mediaLabel", { kind: describePart(part).kind === "image" ? "image" : "video", number: position + 1, name })} onRemove={() => setThis((current) => removePart({ message: current, index: position }))} />
            ),
          )}
        </div>
      )}
      {message.role === "user" && (
        <div className="flex flex-wrap items-center gap-2">
          <label className={`${buttonClass} cursor-pointer text-xs`}>
            {t("messageEditor.addMedia")}
            <input type="file" multiple accept="image/*,video/*" className="sr-only" aria-label={t("messageEditor.addMediaLabel", { name })} onChange={(event) => void addMedia(event.target.files).finally(() => (event.target.value = ""))} />
          </label>
          <label className={`${buttonClass} cursor-pointer text-xs`} title={t("messageEditor.addDocumentTitle", { provider: providerLabel })}>
            {t("messageEditor.addDocument")}
            <input type="file" className="sr-only" aria-label={t("messageEditor.addDocumentLabel", { name })} onChange={(event) => void addDocument(event.target.files).finally(() => (event.target.value = ""))} />
          </label>
          {status && (
            <span role={status.kind === "error" ? "alert" : "status"} className={`text-xs ${status.kind === "error" ? "text-red-700 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"}`}>
              {status.text}
            </span>
          )}
        </div>
      )}
    </li>
  );
});
