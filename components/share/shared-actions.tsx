"use client";

import { useRouter } from "next/navigation";
import { lazy, Suspense, useState } from "react";
import type { PublishedShare } from "@/lib/share/share-snapshot";

const SharedCode = lazy(() => import("./shared-code"));

/** "Open in workbench" (fork into your own history) and "View code" for the share's last turn. */
export function SharedActions({ share, baseUrl }: { share: PublishedShare; baseUrl: string }) {
  const [forking, setForking] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [showCode, setShowCode] = useState(false);
  const router = useRouter();
  const fork = async () => {
    setError(undefined);
    setForking("Opening…");
    try {
      const { forkShare } = await import("@/lib/share/fork-share");
      const conversation = await forkShare({ shareId: share.id, onProgress: (done, total) => setForking(`Copying media ${done}/${total}…`) });
      // A workbench already loaded in this page session opens it now; otherwise it loads it on start.
      const { conversationStore } = await import("@/lib/chat/conversation-store");
      if (conversationStore.getSnapshot().loaded) await conversationStore.addConversation(conversation);
      router.push("/");
    } catch (failure) {
      setForking(undefined);
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" onClick={() => void fork()} disabled={forking !== undefined} className="h-9 rounded-md bg-accent-600 px-3 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-60">
          {forking ?? "Open in workbench"}
        </button>
        <button type="button" aria-expanded={showCode} onClick={() => setShowCode(!showCode)} className="h-9 rounded-md border border-zinc-300 px-3 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
          View code
        </button>
        <span className="text-xs text-zinc-500">Opening copies it into your own history: edit it and send follow-ups with your settings and keys.</span>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      {showCode && (
        <Suspense fallback={<p className="text-sm">Loading…</p>}>
          <SharedCode share={share} baseUrl={baseUrl} />
        </Suspense>
      )}
    </div>
  );
}
