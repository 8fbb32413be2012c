"use client";

import { resolveThinkingEnabled } from "@/lib/catalog/model-catalog";
import { conversationStore } from "@/lib/chat/conversation-store";
import { useWorkbench } from "@/lib/chat/use-workbench";

/** The thinking switch; locked, with the reason, where the model allows one value. */
export function ThinkingToggle() {
  const { loaded, conversation } = useWorkbench();
  if (!loaded) return null;
  const spec = conversationStore.specFor(conversation);
  const requested = conversation.thinking === "default" ? undefined : conversation.thinking === "on";
  const enabled = resolveThinkingEnabled({ spec, requested });
  const locked = spec.thinking.mode !== "optional";
  const reason =
    spec.thinking.mode === "always"
      ? `${spec.id} always thinks; the service rejects thinking disabled.`
      : spec.thinking.mode === "none"
        ? `${spec.id} does not think.`
        : conversation.thinking === "default"
          ? `Using the provider's default (${spec.thinking.defaultEnabled ? "on" : "off"}).`
          : `Thinking forced ${enabled ? "on" : "off"}; the provider's default is ${spec.thinking.defaultEnabled ? "on" : "off"}.`;
  return (
    <div className="flex items-center gap-2 text-sm" title={reason}>
      <button
        type="button"
        role="switch"
        aria-checked={enabled}
        aria-label="Thinking"
        aria-describedby="thinking-reason"
        disabled={locked}
        onClick={() => conversationStore.setThinking(enabled ? "off" : "on")}
        className={`relative h-5 w-9 rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-60 ${enabled ? "bg-accent-600" : "bg-zinc-300 dark:bg-zinc-700"}`}
      >
        <span className={`absolute top-0.5 h-4 w-4 rounded-full bg-white shadow transition-all ${enabled ? "left-[18px]" : "left-0.5"}`} />
      </button>
      <span>Thinking{locked ? (enabled ? " (always)" : " (none)") : ""}</span>
      <span id="thinking-reason" className="sr-only">
        {reason}
      </span>
      {!locked && conversation.thinking !== "default" && (
        <button type="button" className="text-xs text-zinc-500 underline hover:text-zinc-700 dark:hover:text-zinc-300" onClick={() => conversationStore.setThinking("default")}>
          reset
        </button>
      )}
    </div>
  );
}
