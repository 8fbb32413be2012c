"use client";

import { useSyncExternalStore } from "react";
import { describeRetry } from "@/lib/chat/describe-retry";
import { conversationStore } from "@/lib/chat/conversation-store";
import type { LiveStream } from "@/lib/chat/live-stream";
import type { AssistantTurn } from "@/lib/conversation/conversation-types";

const noSubscription = () => () => undefined;
// Only answers streamed in this page are announced when they end, not ones opened from history.
const streamedHere = new Set<string>();
const nothing = () => "";

/** Where a streaming answer is, in words that change a few times per answer, never per token. */
function liveAnnouncement(live: LiveStream): string {
  if (live.phase === "answering") return "Writing the answer…";
  if (live.phase === "reasoning") return "Thinking…";
  return live.progress.retry ? describeRetry(live.progress.retry) : "Waiting for the first token…";
}

function endAnnouncement(turn: AssistantTurn): string {
  if (turn.status === "error") return `The answer failed: ${turn.error?.message ?? "unknown error"}`;
  if (turn.status === "stopped") return "Stopped.";
  if (turn.status === "interrupted") return "Interrupted.";
  const calls = turn.toolCalls?.length ?? 0;
  if (calls > 0) return `Answer finished with ${calls} tool call${calls === 1 ? "" : "s"}.`;
  return turn.finishReason === "length" ? "Answer finished: cut off at the length limit." : "Answer finished.";
}

/**
 * A polite live region for screen readers: the latest answer's phase (waiting, retrying, thinking,
 * writing) and how it ended. Its text is a plain string, so React renders it only when the phase
 * changes, not on every frame of the stream.
 */
export function StreamAnnouncer({ turn }: { turn: AssistantTurn | undefined }) {
  const live = turn?.status === "streaming" ? conversationStore.getLiveStream(turn.id) : undefined;
  const phase = useSyncExternalStore(live?.subscribe ?? noSubscription, live ? () => liveAnnouncement(live) : nothing, nothing);
  if (live && turn) streamedHere.add(turn.id);
  const text = live ? phase : turn && streamedHere.has(turn.id) ? endAnnouncement(turn) : "";
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="stream-announcer">
      {text}
    </div>
  );
}
