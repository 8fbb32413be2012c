"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { conversationStore } from "@/lib/chat/conversation-store";
import { useSelectedProvider, useWorkbench } from "@/lib/chat/use-workbench";
import { AssistantMessage } from "./assistant-message";
import { StreamAnnouncer } from "./stream-announcer";
import { SystemPromptEditor } from "./system-prompt-editor";
import { ToolMessage } from "./tool-message";
import { UserMessage } from "./user-message";

const examples = [
  "Explain the difference between a process and a thread, with a short Python example.",
  "Write a TypeScript function that retries a fetch with exponential backoff and jitter.",
  "用三句话解释什么是 Mixture-of-Experts 模型。",
];

function EmptyState() {
  const provider = useSelectedProvider();
  const t = useTranslations();
  return (
    <div className="space-y-4 py-10 text-center">
      <h1 className="text-2xl font-semibold">{t("app.name")}</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {provider?.id === "simulator" ? t("chat.emptySimulator") : t("chat.emptyProvider", { provider: provider?.label ?? t("chat.theProvider") })}
      </p>
      <div className="mx-auto flex max-w-xl flex-col gap-2">
        {examples.map((example) => (
          <button
            key={example}
            type="button"
            onClick={() => conversationStore.send(example)}
            className="rounded-md border border-zinc-200 px-3 py-2 text-left text-sm hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-900"
          >
            {example}
          </button>
        ))}
      </div>
      {provider?.id === "simulator" && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {t.rich("chat.simulatorTags", { code: (chunks) => <code className="font-mono">{chunks}</code> })}
        </p>
      )}
    </div>
  );
}

// A long conversation mounts its latest turns first; earlier ones render as the reader scrolls up.
const windowSize = 40;

function EarlierTurns({ hidden, onShow }: { hidden: number; onShow: () => void }) {
  const sentinel = useRef<HTMLButtonElement>(null);
  const t = useTranslations();
  useEffect(() => {
    const element = sentinel.current;
    if (!element) return;
    // Only a reader scrolling up shows more: the first report (before the list has scrolled to its
    // end) does not count.
    let wasHidden = false;
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) wasHidden = true;
        else if (wasHidden) onShow();
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [onShow]);
  return (
    <button ref={sentinel} type="button" onClick={onShow} className="mx-auto block text-xs text-zinc-500 dark:text-zinc-400 underline">
      {t("chat.showEarlier", { count: Math.min(hidden, windowSize), hidden })}
    </button>
  );
}

/** The conversation, scrolled to follow a streaming answer while the reader stays at the bottom. */
export function MessageList() {
  const { loaded, conversation } = useWorkbench();
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const followBottom = useRef(true);
  // How many turns at the top are not rendered, per conversation.
  const [hiddenBy, setHiddenBy] = useState<{ conversationId: string; count: number }>();
  const initialHidden = Math.max(0, conversation.turns.length - windowSize);
  const hidden = hiddenBy?.conversationId === conversation.id ? hiddenBy.count : initialHidden;
  const generating = conversation.turns.some((turn) => turn.role === "assistant" && turn.status === "streaming");
  const t = useTranslations();

  useEffect(() => {
    const element = scroller.current;
    const inner = content.current;
    if (!element || !inner) return;
    const onScroll = () => {
      followBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
    };
    // Content grows every frame while streaming; follow it only if the reader has not scrolled up.
    const observer = new ResizeObserver(() => {
      if (followBottom.current) element.scrollTop = element.scrollHeight;
    });
    element.addEventListener("scroll", onScroll, { passive: true });
    observer.observe(inner);
    return () => {
      element.removeEventListener("scroll", onScroll);
      observer.disconnect();
    };
  }, []);

  const lastAssistant = [...conversation.turns].reverse().find((turn) => turn.role === "assistant");
  const showEarlier = () => {
    // Keep the reader still while turns appear above: remember the distance from the bottom.
    const element = scroller.current;
    const fromBottom = element ? element.scrollHeight - element.scrollTop : 0;
    setHiddenBy({ conversationId: conversation.id, count: Math.max(0, hidden - windowSize) });
    requestAnimationFrame(() => {
      if (element) element.scrollTop = element.scrollHeight - fromBottom;
    });
  };
  return (
    <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto" data-testid="conversation">
      <div ref={content} className="mx-auto max-w-3xl space-y-6 px-4 py-6">
        <SystemPromptEditor />
        {loaded && conversation.turns.length === 0 && <EmptyState />}
        {hidden > 0 && <EarlierTurns hidden={hidden} onShow={showEarlier} />}
        {conversation.turns.slice(hidden).map((turn) =>
          turn.role === "user" ? (
            <UserMessage key={turn.id} turn={turn} generating={generating} />
          ) : turn.role === "tool" ? (
            <ToolMessage
              key={turn.id}
              turn={turn}
              actions={
                turn.name && turn.name !== "$web_search" && turn.source !== "mock" ? (
                  <button
                    type="button"
                    title={t("chat.useAsMockTitle", { name: turn.name })}
                    onClick={() => conversationStore.setToolMock({ name: turn.name!, template: turn.content })}
                    className="rounded px-1.5 py-0.5 text-xs text-zinc-500 dark:text-zinc-400 hover:bg-zinc-200 hover:text-zinc-800 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
                  >
                    {conversation.toolMocks?.[turn.name] === turn.content ? t("chat.savedAsMock") : t("chat.useAsMock")}
                  </button>
                ) : undefined
              }
            />
          ) : (
            <AssistantMessage key={turn.id} turn={turn} isLast={turn === lastAssistant && turn === conversation.turns[conversation.turns.length - 1]} generating={generating} />
          ),
        )}
      </div>
      <StreamAnnouncer turn={lastAssistant?.role === "assistant" ? lastAssistant : undefined} />
    </div>
  );
}
