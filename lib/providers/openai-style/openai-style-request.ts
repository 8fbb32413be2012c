import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { ChatRequest, RequestAdjustment } from "@/lib/wire/chat-request";
import { credentialHeader, maskedCredential, trimBaseUrl, type PrepareResult, type ProviderRequestConfig } from "../prepared-request";

/** Turns the gateway's Moonshot-dialect body into what an OpenAI-style provider expects. */
export type TransformRequest = (request: ChatRequest) => Record<string, unknown>;

/** The gateway always asks OpenAI-style providers for usage; the normalizer places it as the caller asked. */
export function withUsageRequested(body: Record<string, unknown>): Record<string, unknown> {
  const options = typeof body.stream_options === "object" && body.stream_options !== null ? body.stream_options : {};
  return { ...body, stream: true, stream_options: { ...options, include_usage: true } };
}

const renameReasons: Record<string, string> = {
  thinking: "sent in the provider's own field names",
  enable_thinking: "the provider's name for the thinking switch",
  preserve_thinking: "the provider's name for preserved thinking",
  thinking_budget: "the provider's name for the reasoning budget",
  chat_template_kwargs: "Kimi's chat template reads the thinking switch from chat_template_kwargs.thinking",
};

const worded = (code: string) => ({ code, values: {} });

function describeDifferences({ before, after }: { before: Record<string, unknown>; after: Record<string, unknown> }): RequestAdjustment[] {
  const adjustments: RequestAdjustment[] = [];
  for (const field of Object.keys(after)) {
    if (field === "stream_options") {
      if (JSON.stringify(before.stream_options) !== JSON.stringify(after.stream_options)) {
        adjustments.push({ kind: before.stream_options ? "changed" : "added", field: "stream_options.include_usage", reason: "The gateway always asks the provider for usage, and hands it on as your request asks (a final chunk with include_usage, else the finishing chunk).", code: "usage-requested", values: {} });
      }
    } else if (!(field in before)) adjustments.push({ kind: "added", field, reason: renameReasons[field] ?? "added by the gateway", ...worded(renameReasons[field] ? `rename-${field}` : "added-by-gateway") });
    else if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) adjustments.push({ kind: "changed", field, reason: renameReasons[field] ?? "changed by the gateway", ...worded(renameReasons[field] ? `rename-${field}` : "changed-by-gateway") });
  }
  for (const field of Object.keys(before)) {
    if (!(field in after)) adjustments.push({ kind: "dropped", field, reason: renameReasons[field] ? `moved: ${renameReasons[field]}` : "not sent to this provider", ...worded(renameReasons[field] ? `moved-${field}` : "not-sent") });
  }
  return adjustments;
}

/** Headers of an OpenAI-style JSON request (the credential masked). */
export function openAiStyleHeaders({ providerId, streaming }: { providerId: ProviderId; streaming: boolean }): Record<string, string> {
  const credential = maskedCredential(providerId);
  return {
    "Content-Type": "application/json",
    Accept: streaming ? "text/event-stream" : "application/json",
    ...(credential ? { [credentialHeader]: credential } : {}),
  };
}

/**
 * The chat request an OpenAI-style provider receives: the body in its dialect (`transform`), with
 * the usage chunk asked for when streaming, or `stream: false` without `stream_options` otherwise;
 * each difference from the gateway body explained.
 */
export function prepareOpenAiStyleRequest({
  providerId,
  request,
  config,
  transform = (body) => ({ ...body }),
}: {
  providerId: ProviderId;
  request: ChatRequest;
  config: ProviderRequestConfig;
  transform?: TransformRequest;
}): PrepareResult {
  const streaming = request.stream === true;
  const translated = transform(request);
  let body: Record<string, unknown>;
  if (streaming) body = withUsageRequested(translated);
  else {
    const { stream_options: _options, ...rest } = translated;
    body = { ...rest, stream: false };
  }
  return {
    ok: true,
    prepared: {
      url: `${trimBaseUrl(config.baseUrl)}/chat/completions`,
      headers: openAiStyleHeaders({ providerId, streaming }),
      body,
      adjustments: describeDifferences({ before: request as Record<string, unknown>, after: body }),
    },
  };
}
