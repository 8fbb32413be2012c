import type { ModelSpec } from "@/lib/catalog/catalog-types";
import { findModelSpec } from "@/lib/catalog/model-catalog";
import { gatewayFailure } from "@/lib/wire/failure";
import type { ChatMessage, ChatRequest, ContentPart, MessageContent, RequestAdjustment } from "@/lib/wire/chat-request";
import { toDashscopeThinking } from "../dashscope/dashscope-thinking";
import { credentialHeader, maskedCredential, trimBaseUrl, type PrepareRequest } from "../prepared-request";

/** A content item of the native API: keyed objects without `type`, media options as siblings. */
export type NativeContentItem =
  | { text: string }
  | { image: string }
  | { video: string | string[]; fps?: number; max_frames?: number };

/** A message of the native API. */
export interface NativeMessage {
  role: string;
  content: string | NativeContentItem[];
  reasoning_content?: string;
  tool_calls?: unknown[];
  tool_call_id?: string;
  name?: string;
}

/** The two native endpoints that serve Kimi models. */
export type NativeEndpoint = "text-generation" | "multimodal-generation";

/** A translated native request, or the reason it cannot be translated. */
export type NativeRequestResult =
  | { ok: true; endpoint: NativeEndpoint; body: { model: string; input: { messages: NativeMessage[] }; parameters: Record<string, unknown> } }
  | { ok: false; message: string };

// Fields that become part of the native envelope rather than `parameters`.
const envelopeFields = new Set(["model", "messages", "stream", "stream_options", "thinking", "enable_thinking", "preserve_thinking", "thinking_budget"]);

function hasMedia(content: MessageContent | null | undefined): boolean {
  return Array.isArray(content) && content.some((part) => part.type !== "text");
}

function readNumber(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function toNativeItem(part: ContentPart): NativeContentItem {
  switch (part.type) {
    case "text":
      return { text: part.text };
    case "image_url":
      return { image: part.image_url.url };
    case "video_url": {
      // fps / max_frames belong beside `video_url`; accept them inside it too, as some clients nest them.
      const nested = part.video_url as { url: string; fps?: unknown; max_frames?: unknown };
      const fps = readNumber(part.fps) ?? readNumber(nested.fps);
      const maxFrames = readNumber(part.max_frames) ?? readNumber(nested.max_frames);
      return {
        video: part.video_url.url,
        ...(fps !== undefined ? { fps } : {}),
        ...(maxFrames !== undefined ? { max_frames: maxFrames } : {}),
      };
    }
    case "video":
      return { video: part.video, ...(part.fps !== undefined ? { fps: part.fps } : {}) };
  }
}

function toNativeContent(content: MessageContent | null | undefined): string | NativeContentItem[] {
  if (content === null || content === undefined) return "";
  if (typeof content === "string") return content;
  if (!hasMedia(content)) return content.map((part) => (part.type === "text" ? part.text : "")).join("");
  return content.map(toNativeItem);
}

function toNativeMessage(message: ChatMessage): NativeMessage {
  const native: NativeMessage = { role: message.role, content: toNativeContent(message.content) };
  if (message.name !== undefined) native.name = message.name;
  if (message.role === "assistant") {
    if (message.reasoning_content) native.reasoning_content = message.reasoning_content;
    if (message.tool_calls && message.tool_calls.length > 0) native.tool_calls = message.tool_calls;
  }
  if (message.role === "tool") native.tool_call_id = message.tool_call_id;
  return native;
}

/**
 * Translates a Moonshot-dialect request into DashScope's native `text-generation` or
 * `multimodal-generation` body: content parts become `{"text"}`, `{"image"}`, `{"video", "fps",
 * "max_frames"}` items; parameters move under `parameters` with `result_format: "message"`,
 * `incremental_output` when streaming, and the thinking switch in DashScope's names.
 */
export function toDashscopeNativeRequest({
  request,
  spec,
  streaming,
}: {
  request: ChatRequest;
  spec: ModelSpec | undefined;
  streaming: boolean;
}): NativeRequestResult {
  const media = request.messages.some((message) => hasMedia(message.content));
  const endpoint: NativeEndpoint = spec?.nativeEndpoint ?? (media ? "multimodal-generation" : "text-generation");
  if (endpoint === "text-generation" && media) {
    return {
      ok: false,
      message: `${request.model} is served by DashScope's text-generation endpoint, which does not accept images or video. Remove the media or pick a multimodal model such as kimi-k2.6.`,
    };
  }
  const parameters: Record<string, unknown> = { result_format: "message" };
  for (const [key, value] of Object.entries(request)) {
    if (envelopeFields.has(key) || value === undefined) continue;
    parameters[key === "max_completion_tokens" ? "max_tokens" : key] = value;
  }
  if (streaming) parameters.incremental_output = true;
  Object.assign(parameters, toDashscopeThinking(request));
  return {
    ok: true,
    endpoint,
    body: { model: request.model, input: { messages: request.messages.map(toNativeMessage) }, parameters },
  };
}

/**
 * The request DashScope's native API receives: the native body at the model's endpoint, streaming
 * switched on by `X-DashScope-SSE`, and the workspace (where configured) in `X-DashScope-WorkSpace`.
 */
export const prepareDashscopeNativeRequest: PrepareRequest = ({ request, config }) => {
  const streaming = request.stream === true;
  const spec = findModelSpec({ providerId: "dashscope-native", modelId: request.model });
  const translated = toDashscopeNativeRequest({ request, spec, streaming });
  if (!translated.ok) return { ok: false, failure: gatewayFailure({ status: 400, type: "invalid_request_error", message: translated.message }) };
  const credential = maskedCredential("dashscope-native");
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    ...(credential ? { [credentialHeader]: credential } : {}),
    ...(config.workspaceId ? { "X-DashScope-WorkSpace": config.workspaceId } : {}),
    ...(streaming ? { Accept: "text/event-stream", "X-DashScope-SSE": "enable" } : {}),
  };
  const adjustments: RequestAdjustment[] = [
    { kind: "changed", field: "messages", reason: `Moved to input.messages; content parts become {"text"}, {"image"} and {"video"} items (fps and max_frames beside the video) — the native ${translated.endpoint} format.`, code: "native-messages", values: { endpoint: translated.endpoint } },
    { kind: "changed", field: "parameters", reason: "Everything else moves under parameters, thinking in DashScope's names (enable_thinking, preserve_thinking, thinking_budget).", code: "native-parameters", values: {} },
    { kind: "added", field: "parameters.result_format", reason: '"message": answers in chat-message form.', code: "native-result-format", values: {} },
    ...(streaming ? [{ kind: "added" as const, field: "parameters.incremental_output", reason: "true: each event carries only the new text. Streaming is switched on by the X-DashScope-SSE header.", code: "native-incremental", values: {} }] : []),
    ...(streaming ? [{ kind: "dropped" as const, field: "stream", reason: "The native API streams when the X-DashScope-SSE: enable header is sent.", code: "native-stream", values: {} }] : []),
    ...(config.workspaceId ? [{ kind: "added" as const, field: "X-DashScope-WorkSpace", reason: "The Model Studio workspace (DASHSCOPE_WORKSPACE_ID) goes in a header.", code: "native-workspace", values: {} }] : []),
  ];
  return {
    ok: true,
    prepared: {
      url: `${trimBaseUrl(config.baseUrl)}/services/aigc/${translated.endpoint}/generation`,
      headers,
      body: translated.body as unknown as Record<string, unknown>,
      adjustments,
    },
  };
};
