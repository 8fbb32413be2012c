import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import { loadProviderKeys } from "./browser-storage";
import { attachmentsOf } from "@/lib/conversation/read-conversation";
import { conversationStore } from "./conversation-store";
import { keyStoreVersion, subscribeToKeyChanges } from "./key-events";
import { userKeyHeader } from "@/lib/wire/wire-headers";
import { useNextRequest, useSelectedProvider, useWorkbench } from "./use-workbench";
import type { ChatRequest } from "@/lib/wire/chat-request";
import type { PromptTokenBreakdown } from "@/lib/tokens/prompt-tokens";
import { countInWorker } from "@/lib/tokens/count-in-worker";
import { mediaTokenTable, previewRows, type PreviewRow } from "@/lib/tokens/token-preview";

// Typing should not count every keystroke; the provider's count (a network call) waits longer.
const localDelayMs = 200;
const exactDelayMs = 900;

/** The preview of the next request's prompt tokens. */
export interface TokenPreview {
  /** Which display body it is for (the JSON of the body with placeholders). */
  bodyKey: string;
  status: "counting" | "ready" | "failed";
  local?: { breakdown: PromptTokenBreakdown; rows: PreviewRow[]; unsized: number; approximatedCharacters: number };
  /** The provider's own count, when it has one and a key is available. */
  exact?: { total: number } | { error: string };
  /** Whether an exact count is possible here at all (and why not, if not). */
  exactUnavailable?: string;
  failure?: string;
}

async function fetchExactCount({ providerId, body, signal }: { providerId: ProviderId; body: ChatRequest; signal: AbortSignal }): Promise<{ total: number } | { error: string }> {
  const key = loadProviderKeys()[providerId];
  const response = await fetch(`/api/providers/${providerId}/v1/tokenizers/estimate-token-count`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { [userKeyHeader]: key } : {}) },
    body: JSON.stringify(body),
    signal,
  });
  const answer = (await response.json().catch(() => undefined)) as { data?: { total_tokens?: number }; exact?: boolean; notes?: string[]; error?: { message?: string } } | undefined;
  if (!response.ok) return { error: answer?.error?.message ?? `HTTP ${response.status}` };
  if (answer?.exact && typeof answer.data?.total_tokens === "number") return { total: answer.data.total_tokens };
  return { error: answer?.notes?.[0] ?? "The provider did not count this request." };
}

/**
 * Counts the next request while it is being written: locally in a Web Worker (text by BPE, media by
 * the MoonViT rules), then, where the provider has an exact count and a key is available, by the
 * provider. The latest figure is recorded with the store so the answer can show estimate vs. usage.
 */
export function useTokenPreview(): TokenPreview | undefined {
  const { conversation, loaded } = useWorkbench();
  const { body, spec } = useNextRequest();
  const provider = useSelectedProvider();
  useSyncExternalStore(subscribeToKeyChanges, keyStoreVersion, () => 0);
  const bodyKey = useMemo(() => JSON.stringify(body), [body]);
  const [preview, setPreview] = useState<TokenPreview | undefined>(undefined);

  const hasUserKey = Boolean(loaded && loadProviderKeys()[conversation.providerId]);
  const exactUnavailable = !provider?.exactTokenCount
    ? `${provider?.label ?? conversation.providerId} has no token-count endpoint`
    : !hasUserKey && !(provider.configured && provider.serverCredentialsUsable)
      ? "no key for the provider's token count"
      : undefined;

  useEffect(() => {
    if (!loaded) return;
    const controller = new AbortController();
    const attachments = attachmentsOf(conversation);
    const newMessageCount = conversation.draft.trim() || conversation.draftAttachments.length > 0 ? 1 + conversation.draftAttachments.filter((attachment) => attachment.kind === "document").length : 0;
    const preservedThinking = spec.preservedThinking === "always" || (body as { thinking?: { keep?: string } }).thinking?.keep === "all" || (body as { preserve_thinking?: boolean }).preserve_thinking === true;
    const localTimer = setTimeout(() => {
      void countInWorker({
        messages: body.messages,
        tools: body.tools as unknown[] | undefined,
        preservedThinking,
        mediaTokens: mediaTokenTable({ attachments, providerId: conversation.providerId }),
      }).then((counted) => {
        if (controller.signal.aborted) return;
        if (!counted.ok) {
          setPreview({ bodyKey, status: "failed", failure: counted.message, ...(exactUnavailable ? { exactUnavailable } : {}) });
          return;
        }
        const rows = previewRows({ breakdown: counted.breakdown, messages: body.messages, hasSystemPrompt: Boolean(conversation.systemPrompt.trim()), newMessageCount, attachments });
        setPreview((current) => ({
          bodyKey,
          status: "ready",
          local: { breakdown: counted.breakdown, rows, unsized: counted.unsized, approximatedCharacters: counted.approximatedCharacters },
          ...(current?.bodyKey === bodyKey && current.exact ? { exact: current.exact } : {}),
          ...(exactUnavailable ? { exactUnavailable } : {}),
        }));
        conversationStore.recordEstimate({ body: bodyKey, estimate: { tokens: counted.breakdown.total, exact: false } });
      });
    }, localDelayMs);
    // An empty conversation has nothing to count (and the endpoint refuses an empty messages list).
    const exactTimer = exactUnavailable || body.messages.length === 0
      ? undefined
      : setTimeout(() => {
          void (async () => {
            // Media may still be on its way into browser storage (frames, a downscale): the body
            // shown does not change when it lands, so ask again for a while instead of giving up.
            let sendable = await conversationStore.sendableNextRequest();
            for (let attempt = 0; !sendable && attempt < 20 && !controller.signal.aborted; attempt += 1) {
              await new Promise((resolve) => setTimeout(resolve, 500));
              if (!controller.signal.aborted) sendable = await conversationStore.sendableNextRequest();
            }
            return sendable;
          })().then(async (sendable) => {
            if (!sendable || controller.signal.aborted) return;
            const exact = await fetchExactCount({ providerId: conversation.providerId, body: sendable, signal: controller.signal }).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
            if (controller.signal.aborted) return;
            if ("total" in exact) conversationStore.recordEstimate({ body: bodyKey, estimate: { tokens: exact.total, exact: true } });
            setPreview((current) => (current?.bodyKey === bodyKey ? { ...current, exact } : current));
          });
        }, exactDelayMs);
    return () => {
      controller.abort();
      clearTimeout(localTimer);
      if (exactTimer) clearTimeout(exactTimer);
    };
    // bodyKey stands for body; the conversation's other fields only matter through it.
  }, [bodyKey, loaded, exactUnavailable]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!preview) return undefined;
  return preview.bodyKey === bodyKey ? preview : { ...preview, status: "counting" };
}
