import { describeModel } from "@/lib/catalog/model-catalog";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import { generateCode, snippetEnvironment, type CodeSnippets } from "@/lib/code/generate-code";
import { createPlaceholderResolver } from "@/lib/media/attachment-parts";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import { getProviderRuntime } from "@/lib/providers/provider-registry";
import { toWireRequest } from "@/lib/providers/provider-wire";
import { buildRequestBody } from "@/lib/request/build-request";
import { conversationFromShare } from "./share-conversation";
import type { PublishedShare } from "./share-snapshot";

/**
 * The request that produced a share's last answer, as code (curl, Python, Node): media is read from
 * files named like the attachments; documents' extracted texts go into their system messages.
 */
export function shareCode({ share, baseUrl, documentTexts = {} }: { share: PublishedShare; baseUrl: string; documentTexts?: Record<string, string> }): CodeSnippets {
  const conversation = conversationFromShare({ share, id: "shared", now: 0 });
  const lastAnswer = conversation.turns.findLastIndex((turn) => turn.role === "assistant");
  const turns = lastAnswer >= 0 ? conversation.turns.slice(0, lastAnswer) : conversation.turns;
  const spec = describeModel({ providerId: conversation.providerId, modelId: conversation.model });
  const media = { providerId: conversation.providerId, resolver: createPlaceholderResolver({ documentText: (document) => documentTexts[document.textKey] ?? "" }) };
  const { body } = buildRequestBody({ conversation, turns, includeDraft: false, spec, family: rulesFor(conversation.providerId).family, media });
  const wire = toWireRequest({ providerId: conversation.providerId, baseUrl, body, spec });
  const attachments = turns.flatMap((turn) => (turn.role === "user" ? (turn.attachments ?? []) : []));
  return generateCode({ providerId: conversation.providerId, wire, environment: snippetEnvironment({ providerId: conversation.providerId, baseUrl }), attachments });
}

/** A share's provider as its page names it, and the base URL its code calls (this server's, for the simulator). */
export function shareProvider({ providerId, origin }: { providerId: ProviderId; origin: string }): { label: string; baseUrl: string } {
  const runtime = getProviderRuntime(providerId);
  return { label: runtime.descriptor.label, baseUrl: providerId === "simulator" ? `${origin}/api/providers/simulator/v1` : (runtime.adapter?.baseUrl ?? "") };
}
