import { useMemo } from "react";
import { prepareProviderRequest } from "@/lib/providers/prepare-provider-request";
import type { PrepareResult } from "@/lib/providers/prepared-request";
import type { RequestAdjustment } from "@/lib/wire/chat-request";
import { previewedRequest } from "./previewed-request";
import { useNextRequest, useSelectedProvider, useWorkbench } from "./use-workbench";

/** The request as the provider receives it, and how the workbench and the gateway got there. */
export interface ProviderRequestView {
  /** What the provider's request builder makes of it (the adapter sends exactly this), or why it cannot go. */
  result: PrepareResult;
  /** The user's body before the gateway's translation. */
  body: Record<string, unknown>;
  /** What the workbench added, changed or dropped (the count "What will be sent" shows). */
  adjustments: RequestAdjustment[];
  /** What the provider's request builder changed on top, for this provider's API. */
  providerAdjustments: RequestAdjustment[];
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
    const { body, adjustments, describes } = previewedRequest({ conversation, next });
    const relative = provider?.baseUrl ?? "";
    const baseUrl = relative.startsWith("/") && typeof window !== "undefined" ? `${window.location.origin}${relative}` : relative;
    const result = prepareProviderRequest({ providerId: conversation.providerId, request: body, config: { baseUrl, workspaceId: provider?.workspaceId } });
    return { result, body: body as Record<string, unknown>, adjustments, providerAdjustments: result.ok ? result.prepared.adjustments : [], baseUrl, describes };
  }, [conversation, next, provider]);
}
