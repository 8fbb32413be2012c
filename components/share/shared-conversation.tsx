import { useTranslations } from "next-intl";
import { ToolMessage } from "@/components/chat/tool-message";
import { UsageBar } from "@/components/chat/usage-bar";
import type { AssistantTurn, UserTurn } from "@/lib/conversation/conversation-types";
import { mediaHashOfKey } from "@/lib/media/attachment-keys";
import { formatVideoTime } from "@/lib/media/frame-sampling";
import { formatBytes } from "@/lib/media/media-rules";
import { StaticMarkdown } from "./static-markdown";
import type { PublishedShare } from "@/lib/share/share-snapshot";
import { workbenchText } from "@/components/i18n/workbench-text";

function SharedUserMessage({ turn, mediaUrl }: { turn: UserTurn; mediaUrl: (hash: string) => string }) {
  const t = useTranslations();
  return (
    <article aria-label={t("chat.userMessage")} className="ml-auto max-w-[85%] space-y-2">
      {turn.attachments && turn.attachments.length > 0 && (
        <ul aria-label={t("sharedPage.attachments")} className="flex flex-wrap justify-end gap-2">
          {turn.attachments.map((attachment) => (
            <li key={attachment.id} className="max-w-xs text-xs text-zinc-500 dark:text-zinc-400">
              {attachment.kind === "image" ? (
                // eslint-disable-next-line @next/next/no-img-element -- a shared file served by this app
                <img src={mediaUrl(attachment.blobKey)} alt={attachment.name} className="max-h-48 rounded-md border border-zinc-200 dark:border-zinc-800" />
              ) : attachment.kind === "video" ? (
                <video src={mediaUrl(attachment.blobKey)} controls preload="metadata" aria-label={attachment.name} className="max-h-48 rounded-md" />
              ) : (
                <a href={mediaUrl(attachment.textKey)} className="underline">
                  {t("sharedPage.extractedText", { name: attachment.name })}
                </a>
              )}
              <p>
                {attachment.name} · {formatBytes(attachment.bytes)}
                {attachment.kind === "video" ? ` · ${attachment.durationSeconds !== undefined ? formatVideoTime(attachment.durationSeconds) : ""} · fps ${attachment.fps}${attachment.delivery === "frames" ? t("sharedPage.sentAsFrames", { count: attachment.frames?.times.length ?? "?" }) : ""}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
      {turn.content && <div className="rounded-2xl bg-zinc-100 px-4 py-2 whitespace-pre-wrap dark:bg-zinc-800">{turn.content}</div>}
    </article>
  );
}

function SharedAnswer({ turn }: { turn: AssistantTurn }) {
  const thinkingSeconds = turn.timings?.thinkingMs !== undefined ? (turn.timings.thinkingMs / 1000).toFixed(1) : undefined;
  const t = useTranslations();
  return (
    <article aria-label={t("chat.assistantMessage")} className="space-y-2">
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {turn.model} · {turn.providerId}
        {turn.status !== "done" ? ` · ${turn.status}` : ""}
      </p>
      {turn.reasoning && (
        <details className="rounded-md border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
          <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">{thinkingSeconds ? t("reasoning.thoughtFor", { seconds: thinkingSeconds }) : t("reasoning.reasoning")}</summary>
          <div role="region" aria-label={t("reasoning.reasoning")} className="mt-2 whitespace-pre-wrap text-zinc-600 dark:text-zinc-400">
            {turn.reasoning}
          </div>
        </details>
      )}
      {turn.prefix && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {t("sharedPage.partialMode")} <code className="font-mono">{turn.prefix.content}</code>
          {turn.prefix.name ? ` ${t("chat.asName")} ${turn.prefix.name}` : ""} · {t("sharedPage.shownJoined")}
        </p>
      )}
      {(turn.content || turn.prefix) && (
        <div className="markdown">
          <StaticMarkdown source={(turn.prefix?.content ?? "") + turn.content} />
        </div>
      )}
      {turn.toolCalls?.map((call) => (
        <pre key={call.id} className="rounded-md bg-zinc-50 p-2 font-mono text-xs whitespace-pre-wrap dark:bg-zinc-900">
          {t("sharedPage.toolCall", { call: `${call.function.name}(${call.function.arguments})` })}
        </pre>
      ))}
      {turn.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {turn.error.status ? `HTTP ${turn.error.status} · ` : ""}
          {workbenchText(turn.error, t)}
        </p>
      )}
      <UsageBar usage={turn.usage} timings={turn.timings} attempts={turn.attempts} estimate={turn.promptEstimate} />
    </article>
  );
}

/** A published conversation, read-only and static (no JavaScript): messages, folded reasoning, media, usage and timings. */
export function SharedConversation({ share }: { share: PublishedShare }) {
  const { snapshot } = share;
  const mediaUrl = (blobKey: string) => `/api/shares/${share.id}/media/${mediaHashOfKey(blobKey) ?? ""}`;
  const t = useTranslations();
  return (
    <div className="space-y-6">
      {snapshot.systemPrompt !== undefined && (
        <section aria-label={t("sharedPage.systemPrompt")} className="rounded-md border border-dashed border-zinc-300 p-3 text-sm dark:border-zinc-700">
          <h2 className="mb-1 text-xs font-semibold uppercase text-zinc-500 dark:text-zinc-400">{t("sharedPage.systemPrompt")}</h2>
          <p className="whitespace-pre-wrap">{snapshot.systemPrompt}</p>
        </section>
      )}
      {snapshot.turns.map((turn) =>
        turn.role === "user" ? <SharedUserMessage key={turn.id} turn={turn} mediaUrl={mediaUrl} /> : turn.role === "assistant" ? <SharedAnswer key={turn.id} turn={turn} /> : <ToolMessage key={turn.id} turn={turn} />,
      )}
    </div>
  );
}
