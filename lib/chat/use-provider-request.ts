import { useMemo } from "react";
import { prepareProviderRequest } from "@/lib/providers/prepare-provider-request";
import type { PrepareResult } from "@/lib/providers/prepared-request";
import { buildRequestBody } from "@/lib/request/build-request";
import type { RequestAdjustment } from "@/lib/wire/chat-request";
import { useNextRequest, useSelectedProvider, useWorkbench } from "./use-workbench";

/** The request as the provider receives it, and how the workbench and the gateway got there. */
export interface ProviderRequestView {
  /** What the provider's request builder makes of it (the adapter sends exactly this), or why it cannot go. */
  result: PrepareResult;
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
export function useProviderRequest(): ProviderRequestView {
  const { conversation } = useWorkbench();
  const next = useNextRequest();
  const provider = useSelectedProvider();
  return useMemo(() => {
    let body = next.body;
    let adjustments = next.adjustments;
    let describes: ProviderRequestView["describes"] = "next";
    const lastTurn = conversation.turns[conversation.turns.length - 1];
    if (!conversation.draft.trim() && lastTurn?.role === "assistant") {
      const built = buildRequestBody({ conversation, turns: conversation.turns.slice(0, -1), includeDraft: false, spec: next.spec, family: next.family });
      body = built.body;
      adjustments = built.adjustments;
      describes = "last";
    }
    const relative = provider?.baseUrl ?? "";
    const baseUrl = relative.startsWith("/") && typeof window !== "undefined" ? `${window.location.origin}${relative}` : relative;
    const result = prepareProviderRequest({ providerId: conversation.providerId, request: body, config: { baseUrl, workspaceId: provider?.workspaceId } });
    return { result, body: body as Record<string, unknown>, adjustments: [...adjustments, ...(result.ok ? result.prepared.adjustments : [])], baseUrl, describes };
  }, [conversation, next, provider]);
}
