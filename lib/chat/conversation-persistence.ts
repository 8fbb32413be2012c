import type { Conversation } from "@/lib/conversation/conversation-types";
import { hasContent } from "@/lib/conversation/read-conversation";
import { deleteConversation, putConversation } from "@/lib/history/history-db";
import { saveConversation } from "./browser-storage";
import type { WorkbenchMessage } from "@/lib/wire/coded-message";

/** What persistence needs from whoever holds the conversation. */
export interface PersistenceHost {
  /** The open conversation, or undefined while the saved one is still being read. */
  conversation(): Conversation | undefined;
  /** The text streamed so far for an answer still in progress. */
  liveText(turnId: string): { content: string; reasoning: string } | undefined;
  /** Tells the user about a storage problem. */
  notice(message: WorkbenchMessage): void;
  /** The history's list changed (a conversation appeared in it). */
  historyChanged(): void;
}

/**
 * Keeps the open conversation saved: mirrored in localStorage (which can be written synchronously
 * as the page goes away) and in the IndexedDB history. Messages and answers are saved at once,
 * edits to settings and typing shortly after; answers in progress are saved with their text so far.
 */
export class ConversationPersistence {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The conversation last written to the history (the list changes when a new one appears). */
  private historied: string | undefined;

  constructor(private readonly host: PersistenceHost) {}

  /** Saves whatever is pending when the page goes away. */
  watchPageHide(): void {
    window.addEventListener("pagehide", () => this.saveNow());
  }

  /** Puts a conversation read from elsewhere (the localStorage mirror) into the history. */
  mirrorToHistory(conversation: Conversation): void {
    if (!hasContent(conversation)) return;
    this.historied = conversation.id;
    void putConversation(conversation).then(() => this.host.historyChanged(), () => undefined);
  }

  /** Saves shortly (typing, settings). */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.saveNow(), 250);
  }

  /** Drops a pending save (the conversation is being deleted). */
  cancel(): void {
    clearTimeout(this.timer);
  }

  /** Saves now, with the text streamed so far for answers still in progress. */
  saveNow(): void {
    clearTimeout(this.timer);
    const conversation = this.host.conversation();
    if (!conversation) return;
    const turns = conversation.turns.map((turn) => {
      const live = turn.role === "assistant" && turn.status === "streaming" ? this.host.liveText(turn.id) : undefined;
      return live ? { ...turn, content: live.content, reasoning: live.reasoning } : turn;
    });
    const saved = { ...conversation, turns };
    const failure = saveConversation(saved);
    if (failure) this.host.notice(failure);
    if (!hasContent(saved)) {
      // A draft wiped before it was sent leaves nothing behind in the history.
      if (this.historied === saved.id) {
        this.historied = undefined;
        void deleteConversation(saved.id).then(() => this.host.historyChanged(), () => undefined);
      }
      return;
    }
    const isNew = this.historied !== saved.id;
    this.historied = saved.id;
    void putConversation(saved).then(
      () => {
        if (isNew) this.host.historyChanged();
      },
      (error: unknown) => {
        const problem = error instanceof Error ? error.message : "storage error";
        this.host.notice({ message: `The conversation could not be saved to this browser's history (${problem}).`, code: "historySaveFailed", values: { problem } });
      },
    );
  }
}
