"use client";

import { conversationStore } from "@/lib/chat/conversation-store";
import { useWorkbench } from "@/lib/chat/use-workbench";

/** Where messages are written: Enter sends, Shift+Enter adds a line, Ctrl/Cmd+Enter sends; Stop while generating. */
export function Composer() {
  const { loaded, conversation } = useWorkbench();
  // The message being written lives in the store: it is part of the next request (JSON view, code, preview).
  const text = conversation.draft;
  const generating = conversation.turns.some((turn) => turn.role === "assistant" && turn.status === "streaming");
  const send = () => {
    if (!text.trim() || generating || !loaded) return;
    conversationStore.send();
  };
  return (
    <form
      aria-label="Compose a message"
      className="mx-auto w-full max-w-3xl px-4 pb-4"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <div className="flex items-end gap-2 rounded-xl border border-zinc-300 bg-white p-2 shadow-sm focus-within:ring-2 focus-within:ring-accent-500 dark:border-zinc-700 dark:bg-zinc-900">
        <textarea
          aria-label="Message"
          value={text}
          rows={1}
          placeholder="Message Kimi…"
          onChange={(event) => conversationStore.setDraft(event.target.value)}
          onKeyDown={(event) => {
            // Enter inside an IME composition picks a candidate; it must not send.
            if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              send();
            }
          }}
          className="max-h-60 min-h-9 flex-1 resize-none bg-transparent px-2 py-1.5 text-[15px] leading-6 outline-none [field-sizing:content]"
        />
        {generating ? (
          <button
            type="button"
            aria-label="Stop"
            onClick={() => conversationStore.stop()}
            className="h-9 rounded-lg bg-zinc-900 px-4 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900"
          >
            Stop
          </button>
        ) : (
          <button type="submit" aria-label="Send" disabled={!text.trim() || !loaded} className="h-9 rounded-lg bg-accent-600 px-4 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-50">
            Send
          </button>
        )}
      </div>
      <p className="mt-1 px-1 text-xs text-zinc-500">Enter to send · Shift+Enter for a new line · {conversation.model || "no model selected"}</p>
    </form>
  );
}
