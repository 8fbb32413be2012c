import { useMemo } from "react";
import { toWireRequest, type WireRequest } from "@/lib/providers/provider-wire";
import { buildRequestBody, type RequestAdjustment } from "@/lib/request/build-request";
import { conversationStore } from "./conversation-store";
import { useNextRequest, useSelectedProvider, useWorkbench } from "./use-workbench";

/** The request as the provider receives it, and how the workbench and the gateway got there. */
export interface WireView {
  wire: WireRequest;
  /** The user's body before the gateway's translation. */
  body: Record<string, unknown>;
  adjustments: RequestAdjustment[];
  baseUrl: string;
  /** Which request this is: the next message, or the one that produced the last answer. */
  describes: "next" | "last";
}

/**
 * The request of the current turn as it reaches the provider: with a message being written, the
 * next request; otherwise the one that produced the last answer (with the current parameters).
 */
export function useWireRequest(): WireView {
  const { conversation } = useWorkbench();
  const next = useNextRequest();
  const provider = useSelectedProvider();
  return useMemo(() => {
    let body = next.body;
    let adjustments = next.adjustments;
    let describes: WireView["describes"] = "next";
    const lastTurn = conversation.turns[conversation.turns.length - 1];
    if (!conversation.draft.trim() && lastTurn?.role === "assistant") {
      const built = buildRequestBody({ conversation, turns: conversation.turns.slice(0, -1), includeDraft: false, spec: next.spec, family: next.family });
      body = built.body;
      adjustments = built.adjustments;
      describes = "last";
    }
    const relative = provider?.baseUrl ?? "";
    const baseUrl = relative.startsWith("/") && typeof window !== "undefined" ? `${window.location.origin}${relative}` : relative;
    const wire = toWireRequest({ providerId: conversation.providerId, baseUrl, body, spec: conversationStore.specFor(conversation) });
    return { wire, body: body as Record<string, unknown>, adjustments: [...adjustments, ...wire.adjustments], baseUrl, describes };
  }, [conversation, next, provider]);
}
