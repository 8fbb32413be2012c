/** A delete the user can still take back: it is hidden at once and carried out when its time is up. */
export interface PendingDelete {
  id: string;
  /** What was deleted, as the undo message names it. */
  title: string;
  /** Where it was deleted (one place shows one message: the history, the presets, the shares, the prompts). */
  scope: "conversation" | "preset" | "share" | "prompt";
}

interface Entry extends PendingDelete {
  commit: () => Promise<void> | void;
  restore: () => Promise<void> | void;
  timer: ReturnType<typeof setTimeout>;
}

const keyOf = ({ id, scope }: Pick<PendingDelete, "id" | "scope">): string => `${scope}:${id}`;

/** How long a delete can be undone. */
export const undoWindowMs = 8_000;

/**
 * The workbench's one way to delete: what the user deletes disappears at once, a message offers Undo
 * for a few seconds, and only then is it really deleted (stored media collected, a share deleted on
 * the server). Leaving the page carries out what is pending.
 */
class UndoableDeletes {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();
  private snapshot: readonly PendingDelete[] = [];

  constructor() {
    if (typeof window !== "undefined") window.addEventListener("pagehide", () => void this.commitAll());
  }

  /** Hides something now (`hide`), and deletes it for good (`commit`) unless undone (`restore`) in time. */
  schedule({ id, title, scope, hide, commit, restore, windowMs = undoWindowMs }: PendingDelete & { hide: () => Promise<void> | void; commit: () => Promise<void> | void; restore: () => Promise<void> | void; windowMs?: number }): void {
    const key = keyOf({ id, scope });
    if (this.entries.has(key)) return;
    const timer = setTimeout(() => void this.take(key)?.commit(), windowMs);
    this.entries.set(key, { id, title, scope, commit, restore, timer });
    this.changed();
    void hide();
  }

  /** Takes a pending delete back. */
  async undo(pending: Pick<PendingDelete, "id" | "scope">): Promise<void> {
    await this.take(keyOf(pending))?.restore();
  }

  /** Whether something is hidden, waiting to be deleted. */
  isPending(pending: Pick<PendingDelete, "id" | "scope">): boolean {
    return this.entries.has(keyOf(pending));
  }

  /** Carries out every pending delete now (tests, leaving the page). */
  async commitAll(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((key) => this.take(key)?.commit()));
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The pending deletes, newest last (a stable array between changes, for `useSyncExternalStore`). */
  readonly getSnapshot = (): readonly PendingDelete[] => this.snapshot;

  /** Removes a pending delete (its timer too) and hands it over, to be carried out or taken back. */
  private take(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.entries.delete(key);
    this.changed();
    return entry;
  }

  private changed(): void {
    this.snapshot = [...this.entries.values()].map(({ id, title, scope }) => ({ id, title, scope }));
    for (const listener of this.listeners) listener();
  }
}

/** The page's pending deletes. */
export const undoableDeletes = new UndoableDeletes();
