import type { ConversationHistory } from "./conversation-history";
import { workbenchMessageOf, type WorkbenchMessage } from "@/lib/wire/coded-message";

/** Opens a shared conversation as a new conversation of this browser ("Open in workbench" on a share). */
export async function openSharedConversation({ shareId, history, notice }: { shareId: string; history: ConversationHistory; notice: (message: WorkbenchMessage | undefined) => void }): Promise<void> {
  notice({ message: "Opening the shared conversation…", code: "openingShare", values: {} });
  try {
    const { forkShare } = await import("@/lib/share/fork-share");
    await history.add(await forkShare({ shareId }));
    notice(undefined);
  } catch (error) {
    const cause = workbenchMessageOf(error);
    notice({ message: `The shared conversation could not be opened: ${cause.message}`, code: "shareOpenFailed", values: { problem: cause.message }, problem: cause });
  }
}
