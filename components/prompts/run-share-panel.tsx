"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { buildRunShareSnapshot } from "@/lib/prompt-workspace/run-share";
import type { RunSnapshot } from "@/lib/prompt-workspace/run-results";
import { deleteMyShare, loadMyShares, rememberShare, type MyShare } from "@/lib/share/my-shares";
import type { CreatedShare, ShareExpiry } from "@/lib/share/share-snapshot";
import { buttonClass, inputClass, labelClass, primaryButtonClass } from "./prompt-styles";
import { workbenchText } from "@/components/i18n/workbench-text";
import { envelopeErrorOf } from "@/lib/wire/error-envelope";

/** Publishes a run as a read-only snapshot link (the same rules as conversation shares: redacted, expiring, deletable). */
export function RunSharePanel({ snapshot, title, versionNotes, onClose }: { snapshot: RunSnapshot; title: string; versionNotes: ReadonlyMap<number, string>; onClose: () => void }) {
  const [expiresIn, setExpiresIn] = useState<ShareExpiry>("7d");
  const [includeReasoning, setIncludeReasoning] = useState(true);
  const [state, setState] = useState<{ kind: "idle" } | { kind: "publishing" } | { kind: "published"; share: MyShare; redactions: number } | { kind: "error"; message: string } | { kind: "deleted" }>({ kind: "idle" });
  const unfinished = snapshot.status === "running";
  const t = useTranslations();
  const publish = async () => {
    setState({ kind: "publishing" });
    const body = { snapshot: buildRunShareSnapshot({ snapshot, title, versionNotes, includeReasoning }), expiresIn, media: [] };
    try {
      const response = await fetch("/api/shares", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const json = (await response.json()) as CreatedShare;
      if (!response.ok) {
        const refused = envelopeErrorOf(json);
        setState({ kind: "error", message: refused ? workbenchText(refused, t) : t("runShare.serverAnswered", { status: response.status }) });
        return;
      }
      const share: MyShare = { id: json.id, url: json.url, title: body.snapshot.title, deleteToken: json.deleteToken, createdAt: Date.now(), expiresAt: json.expiresAt, conversationId: `run:${snapshot.id}` };
      rememberShare(share);
      setState({ kind: "published", share, redactions: json.redactions.length });
    } catch (error) {
      setState({ kind: "error", message: t("runShare.unreachable", { problem: error instanceof Error ? error.message : String(error) }) });
    }
  };
  const earlier = loadMyShares().filter((share) => share.conversationId === `run:${snapshot.id}`);
  return (
    <section aria-labelledby="run-share-heading" className="space-y-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="flex items-center justify-between">
        <h3 id="run-share-heading" className="text-sm font-semibold">
          {t("runShare.heading")}
        </h3>
        <button type="button" className={buttonClass} onClick={onClose}>
          {t("common.close")}
        </button>
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {t("runShare.explain")}
        {unfinished && ` ${t("runShare.unfinished")}`}
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-0.5">
          <span className={labelClass}>{t("runShare.expires")}</span>
          <select className={inputClass} value={expiresIn} onChange={(event) => setExpiresIn(event.target.value as ShareExpiry)}>
            <option value="1d">{t("runShare.day")}</option>
            <option value="7d">{t("runShare.week")}</option>
            <option value="30d">{t("runShare.month")}</option>
            <option value="never">{t("runShare.never")}</option>
          </select>
        </label>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={includeReasoning} onChange={(event) => setIncludeReasoning(event.target.checked)} /> {t("runShare.includeReasoning")}
        </label>
        <button type="button" className={primaryButtonClass} disabled={state.kind === "publishing"} onClick={() => void publish()}>
          {t("runShare.publish")}
        </button>
      </div>
      {state.kind === "error" && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
      )}
      {state.kind === "published" && (
        <div role="status" className="space-y-1 text-sm">
          <p>
            {t("runShare.published")}{" "}
            <a href={state.share.url} target="_blank" rel="noreferrer" data-testid="run-share-link">
              {new URL(state.share.url, window.location.origin).href}
            </a>
            {state.redactions > 0 && ` ${t("runShare.redactions", { count: state.redactions })}`}
          </p>
          <button
            type="button"
            className={buttonClass}
            onClick={async () => {
              const deleted = await deleteMyShare(state.share);
              setState(deleted.ok ? { kind: "deleted" } : { kind: "error", message: workbenchText(deleted, t) });
            }}
          >
            {t("runShare.delete")}
          </button>
        </div>
      )}
      {state.kind === "deleted" && <p role="status" className="text-sm">{t("runShare.deleted")}</p>}
      {earlier.length > 0 && state.kind === "idle" && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {t("runShare.already", { links: earlier.map((share) => share.url).join(", ") })}
        </p>
      )}
    </section>
  );
}
