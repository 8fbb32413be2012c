import type { ConversationHistory } from "./conversation-history";

/** Opens a shared conversation as a new conversation of this browser ("Open in workbench" on a share). */
export async function openSharedConversation({ shareId, history, notice }: { shareId: string; history: ConversationHistory; notice: (message: string | undefined) => void }): Promise<void> {
  notice("Opening the shared conversation…");
  try {
    const { forkShare } = await import("@/lib/share/fork-share");
    await history.add(await forkShare({ shareId }));
    notice(undefined);
  } catch (error) {
    notice(`The shared conversation could not be opened: ${error instanceof Error ? error.message : String(error)}`);
  }
}
