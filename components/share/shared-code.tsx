"use client";

import { useMemo, useState } from "react";
import { CopyButton } from "@/components/chat/copy-button";
import { describeModel } from "@/lib/catalog/model-catalog";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import { generateCode, snippetEnvironment } from "@/lib/code/generate-code";
import { createPlaceholderResolver } from "@/lib/media/attachment-parts";
import { toWireRequest } from "@/lib/providers/provider-wire";
import { buildRequestBody } from "@/lib/request/build-request";
import { conversationFromShare } from "@/lib/share/fork-share";
import type { PublishedShare } from "@/lib/share/share-snapshot";

const labels = { curl: "curl", python: "Python", node: "Node.js", nativeJson: "Native JSON" } as const;

/** The request that produced the share's last answer, as code (media read from files of the same names). */
export default function SharedCode({ share, baseUrl }: { share: PublishedShare; baseUrl: string }) {
  const snippets = useMemo(() => {
    const conversation = conversationFromShare({ share, id: "shared", now: 0 });
    const lastAnswer = conversation.turns.findLastIndex((turn) => turn.role === "assistant");
    const turns = lastAnswer >= 0 ? conversation.turns.slice(0, lastAnswer) : conversation.turns;
    const spec = describeModel({ providerId: conversation.providerId, modelId: conversation.model });
    const media = { providerId: conversation.providerId, resolver: createPlaceholderResolver({ documentText: () => "" }) };
    const { body } = buildRequestBody({ conversation, turns, includeDraft: false, spec, family: rulesFor(conversation.providerId).family, media });
    const absolute = baseUrl.startsWith("/") ? `${window.location.origin}${baseUrl}` : baseUrl;
    const wire = toWireRequest({ providerId: conversation.providerId, baseUrl: absolute, body, spec });
    const attachments = turns.flatMap((turn) => (turn.role === "user" ? (turn.attachments ?? []) : []));
    return generateCode({ providerId: conversation.providerId, wire, environment: snippetEnvironment({ providerId: conversation.providerId, baseUrl: absolute }), attachments });
  }, [share, baseUrl]);
  const available = (Object.keys(labels) as Array<keyof typeof labels>).filter((key) => snippets[key] !== undefined);
  const [tab, setTab] = useState<keyof typeof labels>("curl");
  const code = snippets[tab] ?? "";
  return (
    <section aria-label="Code for the last turn" className="space-y-2">
      <div role="tablist" aria-label="Language" className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {available.map((key) => (
          <button key={key} type="button" role="tab" aria-selected={tab === key} onClick={() => setTab(key)} className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${tab === key ? "border-accent-600 font-medium" : "border-transparent text-zinc-500"}`}>
            {labels[key]}
          </button>
        ))}
        <div className="ml-auto self-center">
          <CopyButton text={code} label={`Copy ${labels[tab]} code`} />
        </div>
      </div>
      {snippets.mediaFiles.length > 0 && <p className="text-xs text-zinc-500">Reads {snippets.mediaFiles.join(", ")} from the current directory.</p>}
      <pre role="tabpanel" aria-label={`${labels[tab]} code`} className="max-h-[50vh] overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs leading-5 dark:bg-zinc-900">
        {code}
      </pre>
    </section>
  );
}
