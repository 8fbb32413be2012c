import type { Conversation } from "@/lib/conversation/conversation-types";
import { createId } from "@/lib/conversation/create-id";
import { attachmentsOf, withInterruptedAnswers } from "@/lib/conversation/read-conversation";
import { allConversations, deleteConversation, getConversation, putConversation } from "@/lib/history/history-db";
import type { MediaController } from "@/lib/media/media-controller";
import { undoableDeletes } from "./undoable-deletes";
import type { WorkbenchMessage } from "@/lib/wire/coded-message";

/** What the history commands need from whoever shows the open conversation. */
export interface HistoryHost {
  /** The open conversation. */
  current(): Conversation;
  /** Stops the open conversation's answers. */
  stopAnswers(): void;
  /** Stops the open conversation's answers and saves it as it is. */
  leaveCurrent(): void;
  /** Shows a conversation in place of the open one (and saves it). */
  show(conversation: Conversation): void;
  /** Names the open conversation (saved at once). */
  renameCurrent(title: string | undefined): void;
  /** Drops the open conversation's pending save (it is about to be deleted). */
  cancelPendingSave(): void;
  /** Answers of a deleted conversation still finishing must not write it back. */
  discardAnswers(conversationId: string): void;
  /** A message for the user (undefined clears it). */
  notice(message: WorkbenchMessage | undefined): void;
  /** The history's list changed. */
  historyChanged(): void;
  media: MediaController;
}

/** A new, empty conversation with the settings of `from` (provider, model, system prompt, parameters). */
function emptyConversationLike(from: Conversation): Conversation {
  const { title: _title, forkedFrom: _forkedFrom, ...settings } = from;
  return { ...settings, id: createId(), turns: [], draft: "", draftAttachments: [], updatedAt: Date.now() };
}

/** The browser's history of conversations: new, open, add (imports, forks), rename and delete. */
export class ConversationHistory {
  /** Conversations deleted a moment ago, kept for Undo: their media are not collected meanwhile. */
  private readonly keptForUndo = new Map<string, Conversation>();

  constructor(private readonly host: HistoryHost) {}

  /** Starts a new conversation (the current one stays in the history), keeping its settings. */
  startNew(): void {
    this.host.leaveCurrent();
    this.host.show(emptyConversationLike(this.host.current()));
  }

  /** Opens a conversation from the history (the current one is saved first). */
  async open(id: string): Promise<void> {
    if (id === this.host.current().id) return;
    const stored = await getConversation(id);
    if (!stored) {
      this.host.notice({ message: "That conversation is no longer in this browser's history.", code: "conversationGone", values: {} });
      return;
    }
    this.host.leaveCurrent();
    const { readSavedConversation } = await import("@/lib/conversation/saved-conversation");
    const read = readSavedConversation(stored);
    if (!read) {
      this.host.notice({ message: "That conversation could not be read; it is left in the history as it is.", code: "conversationUnreadable", values: {} });
      return;
    }
    // An answer that was streaming when it was left cannot resume.
    const conversation = withInterruptedAnswers(read);
    this.host.show(conversation);
    void this.host.media.loadDocumentTexts(attachmentsOf(conversation));
  }

  /** Adds a conversation (a fork of a share, an import) to the history and opens it. */
  async add(conversation: Conversation): Promise<void> {
    this.host.leaveCurrent();
    await putConversation(conversation);
    this.host.show(conversation);
    void this.host.media.loadDocumentTexts(attachmentsOf(conversation));
  }

  /** Names a conversation (an empty name goes back to its first message). */
  async rename({ id, title }: { id: string; title: string }): Promise<void> {
    const name = title.trim() || undefined;
    if (id === this.host.current().id) this.host.renameCurrent(name);
    else {
      const stored = await getConversation(id);
      if (stored) await putConversation({ ...stored, title: name });
    }
    this.host.historyChanged();
  }

  /** Deletes a conversation and the media only it used; the open one is replaced by a new chat. */
  async remove(id: string): Promise<void> {
    await this.deleteRecord(id);
    void this.collectGarbage();
  }

  /** Deletes a conversation's record (the open one is replaced by a new chat), leaving its media. */
  private async deleteRecord(id: string): Promise<void> {
    this.host.discardAnswers(id);
    if (id === this.host.current().id) {
      // Leave it first, so no pending save writes it back after the delete.
      this.host.stopAnswers();
      this.host.cancelPendingSave();
      this.host.show(emptyConversationLike(this.host.current()));
    }
    await deleteConversation(id);
    this.host.historyChanged();
  }

  /**
   * Deletes with Undo, the workbench's one way to delete: the conversation leaves the list (and the
   * screen, for a new chat) at once and is deleted when the undo window has passed; Undo puts it back
   * (and reopens it if it was open).
   */
  removeWithUndo({ id, title }: { id: string; title: string }): void {
    const wasOpen = id === this.host.current().id;
    // The conversation is deleted at once and kept here for Undo; only its media wait for the window
    // to pass (a record put back is as good as new, collected media would not be).
    const openCopy = wasOpen ? structuredClone(this.host.current()) : undefined;
    undoableDeletes.schedule({
      id,
      title,
      scope: "conversation",
      hide: async () => {
        const kept = openCopy ?? (await getConversation(id));
        if (kept) this.keptForUndo.set(id, kept);
        await this.deleteRecord(id);
      },
      commit: () => {
        this.keptForUndo.delete(id);
        return this.collectGarbage();
      },
      restore: async () => {
        const kept = this.keptForUndo.get(id);
        this.keptForUndo.delete(id);
        if (kept) await putConversation(kept);
        if (wasOpen) await this.open(id);
        this.host.historyChanged();
      },
    });
  }

  /** Changes a conversation kept in the history that is not on screen (an answer of it finished). */
  async updateStored({ id, update }: { id: string; update: (conversation: Conversation) => Conversation }): Promise<void> {
    const stored = await getConversation(id);
    if (!stored) return;
    await putConversation(update(stored));
    this.host.historyChanged();
  }

  /** Deletes stored media no conversation of the history refers to any more. */
  private async collectGarbage(): Promise<void> {
    await this.host.media.collectGarbage([this.host.current(), ...(await allConversations()), ...this.keptForUndo.values()]);
  }
}
