import type { ModelPrices, ProviderId } from "@/lib/catalog/catalog-types";
import type { ChatMessage } from "@/lib/wire/chat-request";
import type { Attachment } from "@/lib/conversation/attachment-types";
import { readPlaceholder } from "@/lib/media/media-placeholder";
import { attachmentTokens } from "./attachment-tokens";
import type { PromptTokenBreakdown } from "./prompt-tokens";

/** Tokens per media part key (`attachment:<id>`, as `mediaKeyOf` names placeholders) for the worker. */
export function mediaTokenTable({ attachments, providerId }: { attachments: readonly Attachment[]; providerId: ProviderId }): Record<string, number> {
  const table: Record<string, number> = {};
  for (const attachment of attachments) {
    if (attachment.kind === "document") continue;
    const tokens = attachmentTokens({ attachment, providerId });
    if (tokens !== undefined) table[`attachment:${attachment.id}`] = tokens;
  }
  return table;
}

/** One line of the breakdown. */
export interface PreviewRow {
  key: string;
  label: string;
  tokens: number;
  /** Shown indented under the row before it. */
  detail?: boolean;
}

/**
 * The breakdown the preview shows, summing to the total: system prompt, documents, history (with
 * its media), tools, the new message's text and each of its images and videos. The last
 * `newMessageCount` messages are the message being written (its documents' system messages, then it).
 */
export function previewRows({
  breakdown,
  messages,
  hasSystemPrompt,
  newMessageCount,
  attachments,
}: {
  breakdown: PromptTokenBreakdown;
  messages: readonly ChatMessage[];
  hasSystemPrompt: boolean;
  newMessageCount: number;
  /** Every attachment of the conversation, to name media parts. */
  attachments: readonly Attachment[];
}): PreviewRow[] {
  const names = new Map(attachments.map((attachment) => [attachment.id, attachment]));
  const firstNew = messages.length - newMessageCount;
  let system = 0;
  let documents = 0;
  let history = 0;
  let historyMedia = 0;
  let newText = 3; // the assistant priming tokens of the chat template
  const newMedia: PreviewRow[] = [];
  const mediaByMessage = new Map<number, PromptTokenBreakdown["media"]>();
  for (const entry of breakdown.media) mediaByMessage.set(entry.messageIndex, [...(mediaByMessage.get(entry.messageIndex) ?? []), entry]);
  messages.forEach((message, index) => {
    const tokens = breakdown.messageTokens[index] ?? 0;
    const media = mediaByMessage.get(index) ?? [];
    const mediaTokens = media.reduce((sum, entry) => sum + entry.tokens, 0);
    if (index === 0 && hasSystemPrompt) system += tokens;
    else if (message.role === "system") documents += tokens;
    else if (index < firstNew) {
      history += tokens;
      historyMedia += mediaTokens;
    } else {
      newText += tokens - mediaTokens;
      for (const entry of media) {
        const part = Array.isArray(message.content) ? message.content[entry.partIndex] : undefined;
        const url = part?.type === "image_url" ? part.image_url.url : part?.type === "video_url" ? part.video_url.url : part?.type === "video" ? part.video[0] : undefined;
        const reference = url ? readPlaceholder(url) : undefined;
        const attachment = reference ? names.get(reference.attachmentId) : undefined;
        newMedia.push({
          key: `media-${index}-${entry.partIndex}`,
          label: `${entry.kind === "image_url" ? "Image" : "Video"}${attachment ? ` ${attachment.name}` : ""}`,
          tokens: entry.tokens,
        });
      }
    }
  });
  const rows: PreviewRow[] = [];
  if (hasSystemPrompt) rows.push({ key: "system", label: "System prompt", tokens: system });
  if (documents > 0) rows.push({ key: "documents", label: "Documents (extracted text)", tokens: documents });
  if (history > 0) {
    rows.push({ key: "history", label: "History", tokens: history });
    if (historyMedia > 0) rows.push({ key: "history-media", label: "of which images and video", tokens: historyMedia, detail: true });
  }
  if (breakdown.tools > 0) rows.push({ key: "tools", label: "Tools", tokens: breakdown.tools });
  rows.push({ key: "new-text", label: "New message text (with template tokens)", tokens: newText });
  rows.push(...newMedia);
  return rows;
}

/** What a prompt costs at list price, and the most its answer can cost. */
export interface CostPreview {
  currency: ModelPrices["currency"];
  /** The prompt billed as cache misses. */
  promptCacheMiss: number;
  /** The prompt entirely served from the cache (the cheapest it can be), where the price is published. */
  promptCacheHit?: number;
  /** The answer at `max_tokens` (the most it can cost). */
  outputCeiling: number;
}

/** Prices a prompt and the ceiling of its answer from the model's per-million prices. */
export function previewCost({ promptTokens, maxTokens, prices }: { promptTokens: number; maxTokens: number; prices: ModelPrices }): CostPreview {
  return {
    currency: prices.currency,
    promptCacheMiss: (promptTokens * prices.inputCacheMiss) / 1_000_000,
    ...(prices.inputCacheHit !== undefined ? { promptCacheHit: (promptTokens * prices.inputCacheHit) / 1_000_000 } : {}),
    outputCeiling: (maxTokens * prices.output) / 1_000_000,
  };
}

/**
 * What an answer cost from its usage: cached prompt tokens at the cache-hit price where one is
 * published (otherwise as misses), the rest of the prompt as misses, and the completion (reasoning
 * included) at the output price.
 */
export function usageCost({ usage, prices }: { usage: { prompt_tokens: number; completion_tokens: number; prompt_tokens_details?: { cached_tokens?: number } | null; cached_tokens?: number }; prices: ModelPrices }): { amount: number; currency: ModelPrices["currency"] } {
  const cached = Math.min(usage.prompt_tokens, usage.prompt_tokens_details?.cached_tokens ?? usage.cached_tokens ?? 0);
  const hitPrice = prices.inputCacheHit ?? prices.inputCacheMiss;
  const amount = (cached * hitPrice + (usage.prompt_tokens - cached) * prices.inputCacheMiss + usage.completion_tokens * prices.output) / 1_000_000;
  return { amount, currency: prices.currency };
}

/**
 * A price in the page's locale, with enough digits to tell small amounts apart (¥0.0012, ¥1.35), or
 * with exactly `fractionDigits` (list prices: ¥4.00).
 */
export function formatMoney({ amount, currency, locale = "en", fractionDigits }: { amount: number; currency: ModelPrices["currency"]; locale?: string; fractionDigits?: number }): string {
  // Two significant digits below one unit.
  const digits = fractionDigits ?? (amount === 0 ? 0 : amount >= 1 ? 2 : Math.min(6, Math.max(2, 1 - Math.floor(Math.log10(amount)))));
  // The narrow symbol ($, ¥) in every locale: the currency is the provider's, named once beside the prices.
  return new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "narrowSymbol", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount);
}
