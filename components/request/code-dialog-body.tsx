"use client";

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
  if (!snippets) {
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        This request cannot be sent to this provider, so there is no code for it: {!view.result.ok && view.result.failure.message}
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
        {view.describes === "next" ? "The next request" : "The request that produced the last answer (with the current parameters)"}, exactly as {conversation.providerId === "simulator" ? "this workbench's simulator" : "the provider"} receives it.
        The key is read from <code className="font-mono">${environment.keyEnv}</code>
        {environment.keyRequired ? "" : " (optional here)"}; set <code className="font-mono">${environment.baseUrlEnv}</code> to call another endpoint.
      </p>
      <div className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
        <div role="tablist" aria-label="Language" className="flex gap-1">
        {available.map((key) => (
          <button key={key} type="button" role="tab" aria-selected={current === key} onClick={() => setTab(key)} className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${current === key ? "border-accent-600 font-medium" : "border-transparent text-zinc-500 dark:text-zinc-400"}`}>
            {labels[key]}
          </button>
        ))}
        </div>
        <div className="ml-auto self-center">
          <CopyButton text={code} label={`Copy ${labels[current]} code`} />
        </div>
      </div>
      {snippets.mediaFiles.length > 0 && (
        <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="code-media-note">
          The code reads {snippets.mediaFiles.join(", ")} from the current directory and sends {snippets.mediaFiles.length === 1 ? "it" : "them"} as base64
          {cutsFrames ? "; videos sent as frames are cut at the same moments and size with ffmpeg, which must be installed" : ""}.
        </p>
      )}
      {snippets.unresolvedMedia.length > 0 && (
        <p role="alert" className="text-xs text-amber-700 dark:text-amber-400">
          {snippets.unresolvedMedia.length} media placeholder(s) name no attachment of this conversation; the code sends them as they are, which the provider will refuse.
        </p>
      )}
      {conversation.providerId === "dashscope-native" && <p className="text-xs text-zinc-500 dark:text-zinc-400">The native API has no openai SDK; use curl, or DashScope&apos;s own SDK with this JSON.</p>}
      <pre tabIndex={0} role="tabpanel" aria-label={`${labels[current]} code`} className="max-h-[60vh] overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs leading-5 dark:bg-zinc-900">
        {code}
      </pre>
    </div>
  );
}

