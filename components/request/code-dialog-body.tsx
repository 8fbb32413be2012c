"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { generateCode, snippetEnvironment } from "@/lib/code/generate-code";
import { attachmentsOf } from "@/lib/conversation/read-conversation";
import { useProviderRequest } from "@/lib/chat/use-provider-request";
import { useWorkbench } from "@/lib/chat/use-workbench";

const labels = { curl: "curl", python: "Python", node: "Node.js", nativeJson: "Native JSON" } as const;

/** The dialog's content: the snippets for the current turn, per language. */
export default function CodeDialogBody() {
  const { conversation } = useWorkbench();
  const view = useProviderRequest();
  const environment = snippetEnvironment({ providerId: conversation.providerId, baseUrl: view.baseUrl });
  const snippets = view.result.ok ? generateCode({ providerId: conversation.providerId, prepared: view.result.prepared, environment, attachments: attachmentsOf(conversation) }) : undefined;
  const [tab, setTab] = useState<keyof typeof labels>("curl");
  const t = useTranslations();
  if (!snippets) {
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        {t("code.noCode", { reason: !view.result.ok ? view.result.failure.message : "" })}
      </p>
    );
  }
  const cutsFrames = /video_frames|videoFrames/.test(snippets.curl);
  const available = (Object.keys(labels) as Array<keyof typeof labels>).filter((key) => snippets[key] !== undefined);
  const current = available.includes(tab) ? tab : "curl";
  const code = snippets[current] ?? "";
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {t.rich("code.intro", {
          which: view.describes === "next" ? "next" : "last",
          receiver: conversation.providerId === "simulator" ? "simulator" : "provider",
          keyEnv: `$${environment.keyEnv}`,
          optional: environment.keyRequired ? "no" : "yes",
          baseUrlEnv: `$${environment.baseUrlEnv}`,
          code: (chunks) => <code className="font-mono">{chunks}</code>,
        })}
      </p>
      <div className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
        <div role="tablist" aria-label={t("code.language")} className="flex gap-1">
        {available.map((key) => (
          <button key={key} type="button" role="tab" aria-selected={current === key} onClick={() => setTab(key)} className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${current === key ? "border-accent-600 font-medium" : "border-transparent text-zinc-500 dark:text-zinc-400"}`}>
            {labels[key]}
          </button>
        ))}
        </div>
        <div className="ml-auto self-center">
          <CopyButton text={code} label={t("code.copy", { language: labels[current] })} />
        </div>
      </div>
      {snippets.mediaFiles.length > 0 && (
        <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="code-media-note">
          {t("code.mediaNote", { files: snippets.mediaFiles.join(", "), count: snippets.mediaFiles.length, frames: cutsFrames ? "yes" : "no" })}
        </p>
      )}
      {snippets.unresolvedMedia.length > 0 && (
        <p role="alert" className="text-xs text-amber-700 dark:text-amber-400">
          {t("code.unresolved", { count: snippets.unresolvedMedia.length })}
        </p>
      )}
      {conversation.providerId === "dashscope-native" && <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("code.nativeNote")}</p>}
      <pre tabIndex={0} role="tabpanel" aria-label={t("code.code", { language: labels[current] })} className="max-h-[60vh] overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs leading-5 dark:bg-zinc-900">
        {code}
      </pre>
    </div>
  );
}

