import type { ModelSpec, ProviderId } from "@/lib/catalog/catalog-types";
import { providerDescriptors } from "@/lib/catalog/model-catalog";
import type { ChatRequest } from "@/lib/wire/chat-request";
import type { RequestAdjustment } from "@/lib/request/build-request";
import { toDashscopeCompatibleRequest } from "./dashscope/dashscope-request";
import { toDashscopeNativeRequest } from "./dashscope-native/dashscope-native-request";
import { toOpenAiCompatibleRequest } from "./openai-compatible/openai-compatible-request";

/** A request as it reaches the provider itself (the key shown as its environment variable). */
export interface WireRequest {
  url: string;
  /** Headers besides `Authorization: Bearer $<keyEnv>` and `Content-Type: application/json`. */
  headers: Record<string, string>;
  keyEnv: string | undefined;
  body: Record<string, unknown>;
  /** What the gateway changes on the way, and why. */
  adjustments: RequestAdjustment[];
}

/** The gateway asks OpenAI-style providers for a usage chunk, so usage arrives once at the end. */
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

function describeDifferences({ before, after }: { before: Record<string, unknown>; after: Record<string, unknown> }): RequestAdjustment[] {
  const adjustments: RequestAdjustment[] = [];
  for (const field of Object.keys(after)) {
    if (field === "stream_options") {
      if (JSON.stringify(before.stream_options) !== JSON.stringify(after.stream_options)) {
        adjustments.push({ kind: before.stream_options ? "changed" : "added", field: "stream_options.include_usage", reason: "The gateway asks for the usage chunk, so usage arrives once, at the end." });
      }
    } else if (!(field in before)) adjustments.push({ kind: "added", field, reason: renameReasons[field] ?? "added by the gateway" });
    else if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) adjustments.push({ kind: "changed", field, reason: renameReasons[field] ?? "changed by the gateway" });
  }
  for (const field of Object.keys(before)) {
    if (!(field in after)) adjustments.push({ kind: "dropped", field, reason: renameReasons[field] ? `moved: ${renameReasons[field]}` : "not sent to this provider" });
  }
  return adjustments;
}

/**
 * The request a provider receives for a gateway body: the same translations the adapters apply
 * (DashScope's field names, the native API's envelope, vLLM's chat_template_kwargs, the usage
 * request), with each difference explained. Used by "What will be sent" and "View code".
 */
export function toWireRequest({ providerId, baseUrl, body, spec }: { providerId: ProviderId; baseUrl: string; body: ChatRequest; spec: ModelSpec | undefined }): WireRequest {
  const base = baseUrl.replace(/\/+$/, "");
  const keyEnv = providerDescriptors[providerId].keyEnv;
  const plain = body as Record<string, unknown>;
  if (providerId === "dashscope-native") {
    const translated = toDashscopeNativeRequest({ request: body, spec, streaming: body.stream === true });
    if (!translated.ok) return { url: `${base}/services/aigc/multimodal-generation/generation`, headers: {}, keyEnv, body: plain, adjustments: [{ kind: "changed", field: "messages", reason: translated.message }] };
    return {
      url: `${base}/services/aigc/${translated.endpoint}/generation`,
      headers: body.stream ? { "X-DashScope-SSE": "enable" } : {},
      keyEnv,
      body: translated.body,
      adjustments: [
        { kind: "changed", field: "messages", reason: `Moved to input.messages; content parts become {"text"}, {"image"} and {"video"} items (fps and max_frames beside the video) — the native ${translated.endpoint} format.` },
        { kind: "changed", field: "parameters", reason: "Everything else moves under parameters, thinking in DashScope's names (enable_thinking, preserve_thinking, thinking_budget)." },
        { kind: "added", field: "parameters.result_format", reason: '"message": answers in chat-message form.' },
        ...(body.stream ? [{ kind: "added" as const, field: "parameters.incremental_output", reason: "true: each event carries only the new text. Streaming is switched on by the X-DashScope-SSE header." }] : []),
        ...(body.stream ? [{ kind: "dropped" as const, field: "stream", reason: "The native API streams when the X-DashScope-SSE: enable header is sent." }] : []),
      ],
    };
  }
  const transformed = providerId === "dashscope" ? toDashscopeCompatibleRequest(body) : providerId === "openai-compatible" ? toOpenAiCompatibleRequest(body) : { ...plain };
  const wired = body.stream ? withUsageRequested(transformed) : transformed;
  return { url: `${base}/chat/completions`, headers: {}, keyEnv, body: wired, adjustments: describeDifferences({ before: plain, after: wired }) };
}
