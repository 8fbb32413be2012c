"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useMemo, useState, useSyncExternalStore } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { UndoNotice } from "@/components/ui/undo-notice";
import { undoableDeletes } from "@/lib/chat/undoable-deletes";
import { loadProviderKeys } from "@/lib/chat/browser-storage";
import { useWorkbench } from "@/lib/chat/use-workbench";
import { mediaHashOfKey } from "@/lib/media/attachment-keys";
import { blobToBase64, getBlob } from "@/lib/media/blob-store";
import { formatBytes } from "@/lib/media/media-rules";
import { buildShareSnapshot } from "@/lib/share/build-snapshot";
import { titleOf } from "@/lib/conversation/read-conversation";
import { deleteMyShare, loadMyShares, rememberShare, type MyShare } from "@/lib/share/my-shares";
import { redactSecrets } from "@/lib/wire/redact-secrets";
import type { CreatedShare, ShareExpiry, ShareInclusions } from "@/lib/share/share-snapshot";
import { workbenchText } from "@/components/i18n/workbench-text";
import { envelopeErrorOf } from "@/lib/wire/error-envelope";

const expiryKeys = { "1d": "share.expiry1d", "7d": "share.expiry7d", "30d": "share.expiry30d", never: "share.expiryNever" } as const satisfies Record<ShareExpiry, string>;
const inclusionKeys = { systemPrompt: "share.includeSystemPrompt", tools: "share.includeTools", reasoning: "share.includeReasoning", media: "share.includeMedia" } as const satisfies Record<keyof ShareInclusions, string>;

/** A share's expiry date in the page's language, in the reader's own time zone. */
function useShareDate(): (at: number) => string {
  const format = useFormatter();
  return (at) => format.dateTime(new Date(at), { dateStyle: "medium", timeStyle: "short", timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
}

function MyShares({ refresh }: { refresh: number }) {
  const [shares, setShares] = useState<MyShare[]>(() => loadMyShares());
  const [shownFor, setShownFor] = useState(refresh);
  const [error, setError] = useState<string | undefined>(undefined);
  const t = useTranslations();
  const formatDate = useShareDate();
  if (shownFor !== refresh) {
    setShownFor(refresh);
    setShares(loadMyShares());
  }
  // A share deleted a moment ago leaves the list while its Undo is offered; the server deletes it after.
  const pending = useSyncExternalStore(undoableDeletes.subscribe, undoableDeletes.getSnapshot, () => undefined);
  const visible = shares.filter((share) => !pending?.some((entry) => entry.scope === "share" && entry.id === share.id));
  if (shares.length === 0) return null;
  return (
    <section aria-label={t("share.yourShares")} className="space-y-2 border-t border-zinc-200 pt-3 dark:border-zinc-800">
      <h3 className="text-sm font-semibold">{t("share.yourSharesTitle")}</h3>
      {error && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <UndoNotice scope="share" />
      <ul className="space-y-1 text-sm">
        {visible.map((share) => (
          <li key={share.id} aria-label={t("share.shareNamed", { title: share.title })} className="flex items-center gap-2">
            <a href={share.url} target="_blank" rel="noreferrer" className="min-w-0 flex-1 truncate underline">
              {share.title}
            </a>
            <span className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400">{share.expiresAt === null ? t("share.neverExpires") : t("share.expires", { date: formatDate(share.expiresAt) })}</span>
            <button
              type="button"
              onClick={() =>
                undoableDeletes.schedule({
                  id: share.id,
                  title: share.title,
                  scope: "share",
                  hide: () => setError(undefined),
                  commit: async () => {
                    const result = await deleteMyShare(share);
                    if (result.ok) setShares(loadMyShares());
                    else setError(t("share.couldNotDelete", { title: share.title, message: workbenchText(result, t) }));
                  },
                  restore: () => undefined,
                })
              }
              className="shrink-0 rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              {t("share.deleteShare")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Choose what to publish, see exactly what it is, publish, and get the link and the delete token. */
export default function ShareDialogBody() {
  const { conversation } = useWorkbench();
  const [included, setIncluded] = useState<ShareInclusions>({ systemPrompt: true, tools: true, reasoning: true, media: true });
  const [expiresIn, setExpiresIn] = useState<ShareExpiry>("7d");
  const [title, setTitle] = useState(() => conversation.title?.trim() || titleOf(conversation));
  const [state, setState] = useState<{ kind: "idle" } | { kind: "publishing" } | { kind: "published"; created: CreatedShare } | { kind: "failed"; message: string }>({ kind: "idle" });
  const [refresh, setRefresh] = useState(0);
  const t = useTranslations();
  const formatDate = useShareDate();

  const hasSystemPrompt = conversation.systemPrompt.trim() !== "";
  const hasTools = Array.isArray((conversation.parameters as { tools?: unknown }).tools);
  const hasReasoning = conversation.turns.some((turn) => turn.role === "assistant" && turn.reasoning);
  const hasMedia = conversation.turns.some((turn) => turn.role === "user" && (turn.attachments?.length ?? 0) > 0);
  // What is included is what the boxes show: nothing of a kind the conversation does not have (the
  // preview said `"systemPrompt": true` beside an unticked, disabled box).
  const effective = useMemo<ShareInclusions>(
    () => ({ systemPrompt: included.systemPrompt && hasSystemPrompt, tools: included.tools && hasTools, reasoning: included.reasoning && hasReasoning, media: included.media && hasMedia }),
    [included, hasSystemPrompt, hasTools, hasReasoning, hasMedia],
  );
  const { snapshot, blobKeys } = useMemo(() => buildShareSnapshot({ conversation, included: effective, title: title.trim() || undefined }), [conversation, effective, title]);
  // Keys pasted in this browser are redacted here, before anything is sent: the server cannot know
  // them (it redacts its own keys and anything shaped like a key again on arrival).
  const redacted = useMemo(() => redactSecrets({ value: snapshot, knownSecrets: Object.values(loadProviderKeys()) }), [snapshot]);
  const redactions = redacted.redactions;
  const attachments = snapshot.turns.flatMap((turn) => (turn.role === "user" ? (turn.attachments ?? []) : []));
  const leftOut = conversation.turns.length - snapshot.turns.length;
  const available: Record<keyof ShareInclusions, boolean> = { systemPrompt: hasSystemPrompt, tools: hasTools, reasoning: hasReasoning, media: hasMedia };

  const publish = async () => {
    setState({ kind: "publishing" });
    try {
      const media = [];
      for (const key of blobKeys) {
        const hash = mediaHashOfKey(key);
        if (!hash) throw new Error(t("share.noHash"));
        const blob = await getBlob(key);
        if (!blob) throw new Error(t("share.mediaGone"));
        media.push({ hash, mediaType: blob.type || "application/octet-stream", base64: await blobToBase64(blob) });
      }
      const response = await fetch("/api/shares", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ snapshot: redacted.value, expiresIn, media }) });
      const body = (await response.json().catch(() => undefined)) as CreatedShare | undefined;
      if (!response.ok || !body) {
        const refused = envelopeErrorOf(body);
        throw new Error(refused ? workbenchText(refused, t) : t("share.createFailed", { status: response.status }));
      }
      rememberShare({ id: body.id, url: body.url, title: snapshot.title, deleteToken: body.deleteToken, createdAt: Date.now(), expiresAt: body.expiresAt, conversationId: conversation.id });
      setRefresh((value) => value + 1);
      setState({ kind: "published", created: body });
    } catch (error) {
      setState({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  };

  if (state.kind === "published") {
    const link = `${window.location.origin}${state.created.url}`;
    return (
      <div className="space-y-3 text-sm">
        <p>{state.created.expiresAt === null ? t("share.published") : t("share.publishedUntil", { date: formatDate(state.created.expiresAt) })}</p>
        <div className="flex items-center gap-2">
          <input readOnly aria-label={t("share.link")} value={link} className="h-9 min-w-0 flex-1 rounded-md border border-zinc-300 bg-zinc-50 px-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900" />
          <CopyButton text={link} label={t("share.copyLink")} />
          <a href={state.created.url} target="_blank" rel="noreferrer" className="underline">
            {t("share.open")}
          </a>
        </div>
        <div className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950">
          <p className="font-medium">{t("share.deleteToken")}</p>
          <div className="flex items-center gap-2">
            <code data-testid="delete-token" className="min-w-0 flex-1 truncate font-mono text-xs">
              {state.created.deleteToken}
            </code>
            <CopyButton text={state.created.deleteToken} label={t("share.copyDeleteToken")} />
          </div>
          <p className="text-xs">{t("share.deleteElsewhere", { command: `curl -X DELETE -H "Authorization: Bearer TOKEN" ${window.location.origin}/api/shares/${state.created.id}` })}</p>
        </div>
        {state.created.redactions.length > 0 && <p className="text-xs text-amber-700 dark:text-amber-400">{t("share.redactedPublished", { paths: [...new Set(state.created.redactions.map((redaction) => redaction.path))].join(", ") })}</p>}
        <MyShares refresh={refresh} />
      </div>
    );
  }

  return (
    <div className="space-y-4 text-sm">
      <p className="text-zinc-600 dark:text-zinc-400">
        {t("share.intro")}
      </p>
      <label className="block space-y-1">
        <span className="font-medium">{t("share.titleField")}</span>
        <input value={title} onChange={(event) => setTitle(event.target.value)} maxLength={200} className="h-9 w-full rounded-md border border-zinc-300 bg-white px-2 dark:border-zinc-700 dark:bg-zinc-900" />
      </label>
      <fieldset className="space-y-1">
        <legend className="font-medium">{t("share.include")}</legend>
        {(Object.keys(inclusionKeys) as Array<keyof ShareInclusions>).map((key) => (
          <label key={key} className={`flex items-center gap-2 ${available[key] ? "" : "opacity-50"}`}>
            <input type="checkbox" checked={included[key] && available[key]} disabled={!available[key]} onChange={(event) => setIncluded({ ...included, [key]: event.target.checked })} />
            {t(inclusionKeys[key])}
            {!available[key] && <span className="text-xs text-zinc-500 dark:text-zinc-400">{t("share.noneHere")}</span>}
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-wrap items-center gap-3">
        <legend className="mb-1 font-medium">{t("share.expiresAfter")}</legend>
        {(Object.keys(expiryKeys) as ShareExpiry[]).map((key) => (
          <label key={key} className="flex items-center gap-1">
            <input type="radio" name="share-expiry" checked={expiresIn === key} onChange={() => setExpiresIn(key)} />
            {t(expiryKeys[key])}
          </label>
        ))}
      </fieldset>
      <section aria-label={t("share.whatPublished")} className="space-y-1">
        <h3 className="font-medium">{t("share.whatPublished")}</h3>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {t("share.summary", { messages: snapshot.turns.length, model: snapshot.model, provider: snapshot.providerId })}
          {attachments.length > 0 ? t("share.attachments", { count: attachments.length, size: formatBytes(attachments.reduce((sum, attachment) => sum + attachment.bytes, 0)) }) : ""}
          {leftOut > 0 ? t("share.leftOut", { count: leftOut }) : ""}
        </p>
        {redactions.length > 0 && (
          <p role="note" className="text-xs text-amber-700 dark:text-amber-400">
            {t("share.willRedact", { paths: [...new Set(redactions.map((redaction) => redaction.path))].join(", ") })}
          </p>
        )}
        {/* The whole snapshot on request: open, it pushed the Publish button and your shares far down. */}
        <details>
          <summary className="cursor-pointer text-xs text-zinc-600 underline dark:text-zinc-400">{t("share.showSnapshot")}</summary>
          <pre tabIndex={0} aria-label={t("share.snapshotPreview")} className="mt-1 max-h-64 overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs dark:bg-zinc-900">
            {JSON.stringify(redacted.value, null, 2)}
          </pre>
        </details>
      </section>
      {state.kind === "failed" && (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {state.message}
        </p>
      )}
      <div className="flex justify-end">
        <button type="button" disabled={snapshot.turns.length === 0 || state.kind === "publishing"} onClick={() => void publish()} className="h-9 rounded-md bg-accent-600 px-4 font-medium text-white hover:bg-accent-700 disabled:opacity-50">
          {state.kind === "publishing" ? t("share.publishing") : t("share.publish")}
        </button>
      </div>
      <MyShares refresh={refresh} />
    </div>
  );
}
