/** Where a streaming answer is. */
export type LivePhase = "waiting" | "reasoning" | "answering";

/** Schedules a callback for the next frame; injectable so the batching can be tested without a browser. */
export type FrameScheduler = (callback: () => void) => void;

const nextFrame: FrameScheduler = (callback) => {
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
};

/**
 * The text of an answer while it streams, kept outside React state. Appends are cheap; subscribers
 * are told at most once per animation frame, so a fast stream costs one render per frame.
 */
export class LiveStream {
  reasoning = "";
  content = "";
  phase: LivePhase = "waiting";
  /** performance.now() when the request was sent, the first reasoning token, and the first answer token. */
  readonly startedAt: number;
  reasoningStartedAt: number | undefined;
  answerStartedAt: number | undefined;
  /** performance.now() of the last notification, so renders can show elapsed time without reading the clock. */
  notifiedAt: number;
  private version = 0;
  private scheduled = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly schedule: FrameScheduler = nextFrame,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startedAt = now();
    this.notifiedAt = this.startedAt;
  }

  /** Reasoning time so far (until the answer started, or until the last notification). */
  get thinkingMs(): number | undefined {
    if (this.reasoningStartedAt === undefined) return undefined;
    return (this.answerStartedAt ?? this.notifiedAt) - this.reasoningStartedAt;
  }

  /** Adds streamed text. */
  append({ reasoning, content }: { reasoning?: string; content?: string }): void {
    if (reasoning) {
      if (this.reasoningStartedAt === undefined) this.reasoningStartedAt = this.now();
      if (this.phase === "waiting") this.phase = "reasoning";
      this.reasoning += reasoning;
    }
    if (content) {
      if (this.answerStartedAt === undefined) this.answerStartedAt = this.now();
      this.phase = "answering";
      this.content += content;
    }
    this.requestNotify();
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
