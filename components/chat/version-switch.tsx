import { useTranslations } from "next-intl";
import { conversationStore } from "@/lib/chat/conversation-store";
import type { AssistantTurn, UserTurn } from "@/lib/conversation/conversation-types";
import { versionPosition } from "@/lib/conversation/turn-versions";

const arrowClass = "rounded px-2 py-0.5 text-sm leading-none hover:bg-zinc-200 hover:text-zinc-800 disabled:opacity-40 disabled:hover:bg-transparent dark:hover:bg-zinc-800 dark:hover:text-zinc-200";

/** ‹ 2/3 ›: the versions of the conversation from a regenerated answer or an edited message on. */
export function VersionSwitch({ turn, disabled }: { turn: UserTurn | AssistantTurn; disabled: boolean }) {
  const t = useTranslations();
  const position = versionPosition(turn);
  if (!position) return null;
  return (
    <span role="group" aria-label={t("chat.versions", position)} className="inline-flex items-center text-xs text-zinc-500 dark:text-zinc-400" data-testid="version-switch">
      <button type="button" aria-label={t("chat.previousVersion")} disabled={disabled || position.number === 1} onClick={() => conversationStore.showVersion({ turnId: turn.id, step: -1 })} className={arrowClass}>
        ‹
      </button>
      <span className="tabular-nums">{`${position.number}/${position.count}`}</span>
      <button type="button" aria-label={t("chat.nextVersion")} disabled={disabled || position.number === position.count} onClick={() => conversationStore.showVersion({ turnId: turn.id, step: 1 })} className={arrowClass}>
        ›
      </button>
    </span>
  );
}
