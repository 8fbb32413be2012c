"use client";

import { useEffect, useRef } from "react";
import { preloadAnswerMarkdown } from "@/components/markdown/lazy-answer-markdown";
import { conversationStore } from "@/lib/chat/conversation-store";
import { takeOpenNotice } from "@/lib/chat/browser-storage";
import { useProviders } from "@/lib/chat/use-workbench";

/** Loads the saved conversation once the page is interactive, and keeps the store's provider list current. */
export function StoreBootstrap() {
  const providers = useProviders();
  const forked = useRef(false);
  useEffect(() => {
    const idle = typeof requestIdleCallback === "function" ? requestIdleCallback(preloadAnswerMarkdown) : window.setTimeout(preloadAnswerMarkdown, 200);
    return () => (typeof cancelIdleCallback === "function" ? cancelIdleCallback(idle) : window.clearTimeout(idle));
  }, []);
  useEffect(() => {
    void conversationStore.initialize({ providers }).then(() => {
      const search = new URLSearchParams(window.location.search);
      // "Open as conversation" on a run's cell stores the conversation, then links here with ?open={id}.
      const openId = search.get("open");
      if (openId && !forked.current) {
        forked.current = true;
        window.history.replaceState(null, "", "/");
        void conversationStore.history.open(openId).then(() => {
          // What a prompt could not bring along into the chat (see storeOpenedConversation).
          const notice = takeOpenNotice(openId);
          if (notice) conversationStore.showNotice(notice);
        });
        return;
      }
      // "Open in workbench" on a shared page links here with ?fork={share id}.
      const shareId = search.get("fork");
      if (!shareId || forked.current) return;
      forked.current = true;
      window.history.replaceState(null, "", "/");
      void conversationStore.openShared(shareId);
    });
    conversationStore.updateProviders(providers.providers);
  }, [providers]);
  return null;
}
