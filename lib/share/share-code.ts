import { describeModel } from "@/lib/catalog/model-catalog";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import { generateCode, snippetEnvironment, type CodeSnippets } from "@/lib/code/generate-code";
import { createPlaceholderResolver } from "@/lib/media/attachment-parts";
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
