"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { retryParts } from "@/lib/chat/retry-parts";
import { conversationStore } from "@/lib/chat/conversation-store";
import type { LiveStream } from "@/lib/chat/live-stream";
import type { AssistantTurn } from "@/lib/conversation/conversation-types";
import type { Translate } from "@/lib/i18n/translate";
import { workbenchText } from "@/components/i18n/workbench-text";

const noSubscription = () => () => undefined;
// Only an answer streamed in this page is announced when it ends, not one opened from history; the
// announcer follows the latest answer, so the last one streamed is all it needs to remember.
const streamedHere = new Set<string>();
const nothing = () => "";

/** Where a streaming answer is, in words that change a few times per answer, never per token. */
function liveAnnouncement(live: LiveStream, t: Translate): string {
  if (live.phase === "answering") return t("announcer.writing");
  if (live.phase === "reasoning") return t("announcer.thinking");
  return live.progress.retry ? t("chat.retrying", { ...retryParts(live.progress.retry) }) : t("chat.waiting");
}

function endAnnouncement(turn: AssistantTurn, t: Translate): string {
  if (turn.status === "error") return t("announcer.failed", { message: turn.error ? workbenchText(turn.error, t) : "" });
  if (turn.status === "stopped") return t("announcer.stopped");
  if (turn.status === "interrupted") return t("announcer.interrupted");
  const calls = turn.toolCalls?.length ?? 0;
  if (calls > 0) return t("announcer.finishedWithTools", { count: calls });
  return turn.finishReason === "length" ? t("announcer.finishedCut") : t("announcer.finished");
}

/**
 * A polite live region for screen readers: the latest answer's phase (waiting, retrying, thinking,
 * writing) and how it ended. Its text is a plain string, so React renders it only when the phase
 * changes, not on every frame of the stream.
 */
export function StreamAnnouncer({ turn }: { turn: AssistantTurn | undefined }) {
  const t = useTranslations();
  const live = turn?.status === "streaming" ? conversationStore.getLiveStream(turn.id) : undefined;
  const phase = useSyncExternalStore(live?.subscribe ?? noSubscription, live ? () => liveAnnouncement(live, t) : nothing, nothing);
  if (live && turn && !streamedHere.has(turn.id)) {
    streamedHere.clear();
    streamedHere.add(turn.id);
  }
  const text = live ? phase : turn && streamedHere.has(turn.id) ? endAnnouncement(turn, t) : "";
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="stream-announcer">
      {text}
    </div>
  );
}
