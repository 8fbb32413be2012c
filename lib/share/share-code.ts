import { describeModel } from "@/lib/catalog/model-catalog";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import { generateCode, snippetEnvironment, type CodeSnippets } from "@/lib/code/generate-code";
import { createPlaceholderResolver } from "@/lib/media/attachment-parts";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import { getProviderRuntime } from "@/lib/providers/provider-registry";
import { prepareProviderRequest } from "@/lib/providers/prepare-provider-request";
import type { ProviderRequestConfig } from "@/lib/providers/prepared-request";
import { buildRequestBody } from "@/lib/request/build-request";
import { conversationFromShare } from "./share-conversation";
import type { PublishedShare } from "./share-snapshot";

/** A share's code, or why its last request cannot be written as code for its provider. */
export type ShareCode = { ok: true; snippets: CodeSnippets } | { ok: false; message: string };

/**
 * The request that produced a share's last answer, as code (curl, Python, Node): media is read from
 * files named like the attachments; documents' extracted texts go into their system messages.
 */
export function shareCode({ share, config, documentTexts = {} }: { share: PublishedShare; config: ProviderRequestConfig; documentTexts?: Record<string, string> }): ShareCode {
  const conversation = conversationFromShare({ share, id: "shared", now: 0 });
  const lastAnswer = conversation.turns.findLastIndex((turn) => turn.role === "assistant");
  const turns = lastAnswer >= 0 ? conversation.turns.slice(0, lastAnswer) : conversation.turns;
  const spec = describeModel({ providerId: conversation.providerId, modelId: conversation.model });
  const media = { providerId: conversation.providerId, resolver: createPlaceholderResolver({ documentText: (document) => documentTexts[document.textKey] ?? "" }) };
  const { body } = buildRequestBody({ conversation, turns, includeDraft: false, spec, family: rulesFor(conversation.providerId).family, media });
  const result = prepareProviderRequest({ providerId: conversation.providerId, request: body, config });
  if (!result.ok) return { ok: false, message: result.failure.message };
  const attachments = turns.flatMap((turn) => (turn.role === "user" ? (turn.attachments ?? []) : []));
  const environment = snippetEnvironment({ providerId: conversation.providerId, baseUrl: config.baseUrl });
  return { ok: true, snippets: generateCode({ providerId: conversation.providerId, prepared: result.prepared, environment, attachments }) };
}

/** A share's provider as its page names it, and where its code calls (this server's gateway, for the simulator). */
export function shareProvider({ providerId, origin }: { providerId: ProviderId; origin: string }): { label: string; config: ProviderRequestConfig } {
  const runtime = getProviderRuntime(providerId);
  const config = providerId === "simulator" ? { baseUrl: `${origin}/api/providers/simulator/v1` } : (runtime.adapter?.requestConfig ?? { baseUrl: "" });
  return { label: runtime.descriptor.label, config };
}
