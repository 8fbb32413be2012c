import { answerPhase, applyStreamEvent, startAnswerProgress, type AnswerPhase, type AnswerProgress } from "@/lib/conversation/answer-reducer";
import type { ChatStreamEvent } from "@/lib/wire/chat-stream-events";

/** Schedules a callback for the next frame; injectable so the batching can be tested without a browser. */
export type FrameScheduler = (callback: () => void) => void;

const nextFrame: FrameScheduler = (callback) => {
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
};

/**
 * An answer while it streams, kept outside React state: the reducer's progress, with subscribers
 * told at most once per animation frame, so a fast stream costs one render per frame.
 */
export class LiveStream {
  /** What the events so far add up to. */
  progress: AnswerProgress;
  /** performance.now() of the last notification, so renders can show elapsed time without reading the clock. */
  notifiedAt: number;
  private version = 0;
  private scheduled = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly schedule: FrameScheduler = nextFrame,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.progress = startAnswerProgress({ at: now() });
    this.notifiedAt = this.progress.startedAt;
  }

  get content(): string {
    return this.progress.content;
  }

  get reasoning(): string {
    return this.progress.reasoning;
  }

  get phase(): AnswerPhase {
    return answerPhase(this.progress);
  }

  /** Reasoning time so far (until the answer started, or until the last notification). */
  get thinkingMs(): number | undefined {
    const { reasoningStartedAt, answerStartedAt } = this.progress;
    if (reasoningStartedAt === undefined) return undefined;
    return (answerStartedAt ?? this.notifiedAt) - reasoningStartedAt;
  }

  /** Adds an event as it arrives. */
  apply(event: ChatStreamEvent): void {
    this.progress = applyStreamEvent(this.progress, { event, at: this.now() });
    if (((event.type === "reasoning" || event.type === "content") && event.choice === 0) || event.type === "retry") this.requestNotify();
  }

  /** The clock the stream is timed with (performance.now() in the page). */
  readNow(): number {
    return this.now();
  }

  /** A number that changes whenever subscribers should re-read the text. */
  readonly getVersion = (): number => this.version;

  /** Subscribes in the shape `useSyncExternalStore` expects. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Tells subscribers right away (used once more when the stream ends). */
  flush(): void {
    this.notifiedAt = this.now();
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  private requestNotify(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.flush();
    });
  }
}
