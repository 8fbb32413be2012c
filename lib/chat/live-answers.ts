import type { ProviderId } from "@/lib/catalog/catalog-types";
import { finishAnswer, type FinishedAnswer, type StreamEnding } from "@/lib/conversation/answer-reducer";
import type { TurnError } from "@/lib/conversation/conversation-types";
import type { ChatRequest } from "@/lib/wire/chat-request";
import { readChatStream } from "@/lib/wire/chat-stream-events";
import { LiveStream } from "./live-stream";
import { openChatStream } from "./open-chat-stream";

/** The body to send, made when the request really goes (media bytes are read only then), or why it cannot go. */
export type PrepareBody = () => Promise<{ ok: true; body: ChatRequest } | { ok: false; error: TurnError }>;

interface LiveAnswer {
  conversationId: string;
  live: LiveStream;
  controller: AbortController;
}

/**
 * Answers being generated, keyed by their turn: each has its stream (outside React state) and its
 * own abort. Answers of several conversations (or runs) can stream at once; Stop ends those of one.
 */
export class LiveAnswers {
  private readonly answers = new Map<string, LiveAnswer>();

  /** `gatewayOrigin`: where the gateway is (the page's own origin by default). */
  /** Set while the page unloads (a reload, closing the tab): the browser then breaks the streams it reads. */
  private leaving = false;

  constructor(private readonly options: { gatewayOrigin?: string } = {}) {
    if (typeof window === "undefined") return;
    const leave = () => (this.leaving = true);
    window.addEventListener("beforeunload", leave);
    window.addEventListener("pagehide", leave);
    // Back from the back-forward cache: the page lives again.
    window.addEventListener("pageshow", () => (this.leaving = false));
  }

  /** The live text of a streaming answer. */
  get(turnId: string): LiveStream | undefined {
    return this.answers.get(turnId)?.live;
  }

  /** Whether a conversation has an answer streaming. */
  isStreaming(conversationId: string): boolean {
    for (const answer of this.answers.values()) if (answer.conversationId === conversationId) return true;
    return false;
  }

  /** Stops the answers of a conversation (or every answer): the gateway cancels the upstream requests. */
  stop(conversationId?: string): void {
    for (const answer of this.answers.values()) if (conversationId === undefined || answer.conversationId === conversationId) answer.controller.abort();
  }

  /** Forgets answers without stopping them (their conversation left the screen). */
  forget(conversationId: string): void {
    for (const [turnId, answer] of this.answers) if (answer.conversationId === conversationId) this.answers.delete(turnId);
  }

  /** Registers an answer about to stream, so its text can be shown from the first token. */
  begin({ conversationId, turnId }: { conversationId: string; turnId: string }): LiveStream {
    const live = new LiveStream();
    this.answers.set(turnId, { conversationId, live, controller: new AbortController() });
    return live;
  }

  /**
   * Streams a begun answer: prepares the body, sends it through the gateway, feeds every event to
   * the answer's reducer, and says what the answer became (and how many attempts the gateway made).
   * The caller records the result, then calls {@link end}.
   */
  async run({ turnId, providerId, prepareBody, apiKey }: { turnId: string; providerId: ProviderId; prepareBody: PrepareBody; apiKey: string | undefined }): Promise<{ finished: FinishedAnswer; attempts?: number }> {
    const answer = this.answers.get(turnId);
    if (!answer) throw new Error(`No answer ${turnId} was begun.`);
    const { live, controller } = answer;
    let ending: StreamEnding = { kind: "ended" };
    let attempts: number | undefined;
    try {
      const prepared = await prepareBody();
      const opened = prepared.ok ? await openChatStream({ gatewayOrigin: this.options.gatewayOrigin, providerId, body: prepared.body, apiKey, signal: controller.signal }) : ({ ok: false, error: prepared.error } as const);
      if (!opened.ok) ending = { kind: "failed", error: opened.error };
      else {
        attempts = opened.attempts;
        for await (const event of readChatStream(opened.response)) live.apply(event);
      }
    } catch (caught) {
      // A stream broken because the page is going away was interrupted, not a network failure.
      if (this.leaving) ending = { kind: "interrupted" };
      else if (!controller.signal.aborted) ending = { kind: "failed", error: { type: "client_error", message: caught instanceof Error ? caught.message : String(caught) } };
    }
    if (controller.signal.aborted && ending.kind !== "interrupted") ending = { kind: "stopped" };
    // A stream that began with retry notices has no attempts header: its last notice counts.
    attempts ??= live.progress.retry?.attempt;
    const finished = finishAnswer({ progress: live.progress, ending, endedAt: live.readNow() });
    return { finished, ...(attempts !== undefined ? { attempts } : {}) };
  }

  /** Drops a finished answer's stream once its turn holds the result (so the screen never shows neither). */
  end(turnId: string): void {
    const live = this.answers.get(turnId)?.live;
    this.answers.delete(turnId);
    live?.flush();
  }
}
