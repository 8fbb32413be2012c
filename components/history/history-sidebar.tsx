"use client";

import { useLocale, useTranslations } from "next-intl";
import { UndoNotice } from "@/components/ui/undo-notice";
import { undoableDeletes } from "@/lib/chat/undoable-deletes";
import { useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { conversationStore } from "@/lib/chat/conversation-store";
import { focusMessageBox, toggleHistoryEvent } from "@/lib/chat/ui-events";
import { useWorkbench } from "@/lib/chat/use-workbench";
import { hasContent } from "@/lib/conversation/read-conversation";
import { listConversations, summarize, type ConversationSummary } from "@/lib/history/history-db";
import { catalogText } from "@/components/i18n/catalog-text";
import { workbenchText } from "@/components/i18n/workbench-text";
import { workbenchMessageOf } from "@/lib/wire/coded-message";

/** "this minute", "3 hours ago", "昨天": how long ago, in the page's language. */
function age({ updatedAt, now, locale }: { updatedAt: number; now: number; locale: string }): string {
  const relativeTime = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const minutes = Math.round((updatedAt - now) / 60_000);
  if (Math.abs(minutes) < 60) return relativeTime.format(minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return relativeTime.format(hours, "hour");
  return relativeTime.format(Math.round(hours / 24), "day");
}

function HistoryItem({ summary, current, now }: { summary: ConversationSummary; current: boolean; now: number }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(summary.title);
  const t = useTranslations();
  const locale = useLocale();
  if (renaming) {
    return (
      <li>
        <form
          className="flex gap-1 p-1"
          onSubmit={(event) => {
            event.preventDefault();
            setRenaming(false);
            void conversationStore.history.rename({ id: summary.id, title: name });
          }}
        >
          <input aria-label={t("history.conversationName")} autoFocus value={name} onChange={(event) => setName(event.target.value)} onKeyDown={(event) => event.key === "Escape" && setRenaming(false)} className="min-w-0 flex-1 rounded border border-zinc-300 px-1.5 py-0.5 text-sm dark:border-zinc-700 dark:bg-zinc-900" />
          <button type="submit" className="rounded px-1.5 text-xs hover:bg-zinc-200 dark:hover:bg-zinc-800">
            {t("common.save")}
          </button>
        </form>
      </li>
    );
  }
  return (
    <li className={`group flex items-center rounded-md ${current ? "bg-zinc-200 dark:bg-zinc-800" : "hover:bg-zinc-100 dark:hover:bg-zinc-900"}`}>
      <button type="button" aria-current={current ? "true" : undefined} onClick={() => void conversationStore.history.open(summary.id)} className="min-w-0 flex-1 px-2 py-1.5 text-left">
        <span className="block truncate text-sm">{summary.title}</span>
        <span className="block text-[11px] text-zinc-600 dark:text-zinc-400">
          {age({ updatedAt: summary.updatedAt, now, locale })} · {summary.messages === 0 ? t("history.notSentYet") : t("history.messages", { count: summary.messages })}
        </span>
      </button>
      {/* Rename and delete are keyboard stops on the open conversation's row only (one stop per other row). */}
      <div className="hidden shrink-0 gap-0.5 pr-1 group-focus-within:flex group-hover:flex">
        <button
          type="button"
          aria-label={t("history.rename", { title: summary.title })}
          tabIndex={current ? 0 : -1}
          onClick={() => {
            setName(summary.title);
            setRenaming(true);
          }}
          className="rounded px-1 text-xs text-zinc-500 dark:text-zinc-400 hover:bg-zinc-300 dark:hover:bg-zinc-700"
        >
          ✎
        </button>
        <button
          type="button"
          aria-label={t("history.delete", { title: summary.title })}
          tabIndex={current ? 0 : -1}
          onClick={() => conversationStore.history.removeWithUndo({ id: summary.id, title: summary.title })}
          className="rounded px-1 text-xs text-zinc-500 dark:text-zinc-400 hover:bg-zinc-300 dark:hover:bg-zinc-700"
        >
          ✕
        </button>
      </div>
    </li>
  );
}

/** Import a conversation file; export the open conversation as the workbench's JSON or as OpenAI messages. */
function TransferButtons() {
  const { conversation } = useWorkbench();
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>(undefined);
  const t = useTranslations();
  const run = async (work: () => Promise<string>) => {
    setMessage(undefined);
    try {
      setMessage({ text: await work(), error: false });
    } catch (error) {
      setMessage({ text: workbenchText(workbenchMessageOf(error), t), error: true });
    }
  };
  const exportAs = (format: "workbench" | "openai") =>
    run(async () => {
      const { exportConversation } = await import("@/lib/history/conversation-transfer");
      await exportConversation({ conversation, format });
      return format === "workbench" ? t("history.exportedWorkbench") : t("history.exportedOpenai");
    });
  const buttonClass = "rounded border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800";
  return (
    <div className="space-y-1 border-t border-zinc-200 p-3 dark:border-zinc-800">
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        aria-label={t("history.importLabel")}
        className="hidden"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (!file) return;
          void run(async () => {
            const { importConversationFile } = await import("@/lib/history/conversation-transfer");
            const current = conversationStore.getSnapshot().conversation;
            const result = await importConversationFile({ file, current, spec: conversationStore.specFor(current) });
            if (!result.ok) throw new Error(catalogText({ keys: [`importErrors.${result.code}`], values: result.values, english: result.message }, t));
            if (result.alreadyInHistory) {
              await conversationStore.history.open(result.conversation.id);
              return t("history.alreadyInHistory", { title: result.title });
            }
            await conversationStore.history.add(result.conversation);
            // Imported tool loops often lost their reasoning or had their ids rewritten by another client.
            const findings = conversationStore.toolLoopFindings().length;
            return findings > 0 ? t("history.importedFindings", { title: result.title, count: findings }) : t("history.imported", { title: result.title });
          });
        }}
      />
      <div className="flex flex-wrap gap-1">
        <button type="button" className={buttonClass} onClick={() => input.current?.click()}>
          {t("history.import")}
        </button>
        <button type="button" className={buttonClass} disabled={conversation.turns.length === 0} onClick={() => void exportAs("workbench")} title={t("history.exportJsonTitle")}>
          {t("history.exportJson")}
        </button>
        <button type="button" className={buttonClass} disabled={conversation.turns.length === 0} onClick={() => void exportAs("openai")} title={t("history.exportMessagesTitle")}>
          {t("history.exportMessages")}
        </button>
      </div>
      {message && (
        <p role={message.error ? "alert" : "status"} className={`text-xs ${message.error ? "text-red-700 dark:text-red-300" : "text-zinc-500 dark:text-zinc-400"}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}

/** The conversations kept in this browser: open, rename, delete, search by title and text. */
export function HistorySidebar() {
  const { loaded, conversation, historyVersion: version } = useWorkbench();
  const [query, setQuery] = useState("");
  const [items, setItems] = useState<ConversationSummary[] | undefined>(undefined);
  const [now, setNow] = useState(() => Date.now());
  const t = useTranslations();
  const searchId = useId();
  // Below the md breakpoint the history is a drawer opened from the header: it closes with Escape, a
  // tap beside it or its close button, and gives focus back to what opened it.
  const [shownOnNarrow, setShownOnNarrow] = useState(false);
  const opener = useRef<HTMLElement | null>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const toggle = () => setShownOnNarrow((shown) => !shown);
    window.addEventListener(toggleHistoryEvent, toggle);
    return () => window.removeEventListener(toggleHistoryEvent, toggle);
  }, []);
  useEffect(() => {
    if (!shownOnNarrow) return;
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setShownOnNarrow(false);
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      opener.current?.focus();
    };
  }, [shownOnNarrow]);
  // Opening a conversation on a narrow screen closes the overlay.
  const [openedId, setOpenedId] = useState(conversation.id);
  if (openedId !== conversation.id) {
    setOpenedId(conversation.id);
    setShownOnNarrow(false);
  }
  useEffect(() => {
    if (!loaded) return;
    let cancelled = false;
    // Typing in the search box waits a moment; history changes apply at once.
    const timer = setTimeout(() => {
      void listConversations(query).then((found) => {
        if (cancelled) return;
        setItems(found);
        setNow(Date.now());
      });
    }, query ? 150 : 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [loaded, query, version]);
  // The open conversation changes with every message; its entry is taken from it, not from storage.
  const live: ConversationSummary | undefined = hasContent(conversation) ? summarize(conversation) : undefined;
  const listed = items?.some((item) => item.id === conversation.id);
  const listedNow = items === undefined ? undefined : live && (listed || !query) ? [live, ...items.filter((item) => item.id !== live.id)].sort((a, b) => b.updatedAt - a.updatedAt) : items.filter((item) => item.id !== conversation.id || live);
  // A conversation deleted a moment ago is gone from the list while its Undo is offered.
  const pending = useSyncExternalStore(undoableDeletes.subscribe, undoableDeletes.getSnapshot, () => undefined);
  const shown = listedNow?.filter((item) => !pending?.some((entry) => entry.scope === "conversation" && entry.id === item.id));
  return (
    <>
    {shownOnNarrow && <div aria-hidden="true" data-testid="history-backdrop" onClick={() => setShownOnNarrow(false)} className="fixed inset-0 z-30 bg-black/30 md:hidden" />}
    <nav
      aria-label={t("history.navigation")}
      className={`${shownOnNarrow ? "fixed inset-y-0 left-0 z-40 flex bg-white shadow-xl dark:bg-zinc-950" : "hidden"} w-64 max-w-[85vw] shrink-0 flex-col border-r border-zinc-200 md:static md:z-auto md:flex md:max-w-none md:shadow-none dark:border-zinc-800`}
    >
      <div className="space-y-2 p-3">
        <div className="flex items-center justify-between md:hidden">
          <span className="text-sm font-semibold">{t("history.title")}</span>
          <button ref={closeButton} type="button" aria-label={t("history.close")} onClick={() => setShownOnNarrow(false)} className="h-8 rounded-md px-2 text-lg leading-none hover:bg-zinc-100 dark:hover:bg-zinc-800">
            ×
          </button>
        </div>
        <button
          type="button"
          onClick={() => {
            conversationStore.history.startNew();
            focusMessageBox();
          }}
          className="h-8 w-full rounded-md border border-zinc-300 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
          {t("history.newConversation")}
        </button>
        <label htmlFor={searchId} className="sr-only">
          {t("history.searchLabel")}
        </label>
        <input id={searchId} type="search" placeholder={t("history.search")} value={query} onChange={(event) => setQuery(event.target.value)} className="h-8 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900" />
      </div>
      <ul aria-label={t("history.list")} className="min-h-0 flex-1 space-y-0.5 overflow-y-auto px-2 pb-3">
        {shown === undefined ? null : shown.length === 0 ? (
          <li className="px-2 text-xs text-zinc-500 dark:text-zinc-400">{query ? t("history.noMatch") : t("history.empty")}</li>
        ) : (
          shown.map((summary) => <HistoryItem key={summary.id} summary={summary} current={summary.id === conversation.id} now={now} />)
        )}
      </ul>
      <div className="px-2 pb-2">
        <UndoNotice scope="conversation" />
      </div>
      <TransferButtons />
    </nav>
    </>
  );
}
