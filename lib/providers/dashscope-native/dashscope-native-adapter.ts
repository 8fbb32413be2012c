import { failureFromErrorBody } from "../openai-style/openai-style-errors";
import { normalizeCompletion } from "../openai-style/openai-style-completion";
import type { ChatRequest } from "@/lib/wire/chat-request";
import type { UpstreamFailure } from "@/lib/wire/failure";
import { trimBaseUrl, withCredential } from "../prepared-request";
import { sendUpstream } from "../send-upstream";
import type { ChatCallInput, CompletionAttempt, ProviderAdapter, StreamAttempt } from "@/lib/providers/provider-adapter";
import { prepareDashscopeNativeRequest } from "./dashscope-native-request";
import { nativeContentText, nativeResponseSchema, parseDashscopeNativeStream } from "./dashscope-native-stream";
import { toOpenAiStyleUsage } from "./dashscope-native-usage";
import { serverMessage } from "@/lib/i18n/server-message";

/** Settings for the DashScope native adapter. */
export interface DashscopeNativeAdapterConfig {
  /** The `.../api/v1` root of the chosen region. */
  baseUrl: string;
  workspaceId?: string;
  idleTimeoutMs: number;
}

/** The DashScope native API (`services/aigc/{text,multimodal}-generation/generation`). */
export function createDashscopeNativeAdapter(config: DashscopeNativeAdapterConfig): ProviderAdapter {
  const requestConfig = { baseUrl: trimBaseUrl(config.baseUrl), ...(config.workspaceId ? { workspaceId: config.workspaceId } : {}) };

  const prepareRequest = (request: ChatRequest) => prepareDashscopeNativeRequest({ request, config: requestConfig });

  /** Sends a request exactly as the native request builder prepared it. */
  async function post({ input, streaming }: { input: ChatCallInput; streaming: boolean }): Promise<{ ok: true; response: Response } | { ok: false; failure: UpstreamFailure }> {
    const { request, apiKey, signal } = input;
    const built = prepareRequest({ ...request, stream: streaming });
    if (!built.ok) return built;
    const { url, headers, body } = built.prepared;
    return sendUpstream({ url, init: { method: "POST", headers: withCredential({ headers, apiKey }), body: JSON.stringify(body) }, signal, apiKey });
  }

  return {
    id: "dashscope-native",
    requestConfig,
    prepareRequest,

    async streamChat(input): Promise<StreamAttempt> {
      const sent = await post({ input, streaming: true });
      if (!sent.ok) return sent;
      if (!sent.response.body) {
        return { ok: false, failure: { status: 502, type: "upstream_empty_body", ...serverMessage({ code: "dashscopeEmptyBody" }), retryable: true } };
      }
      return {
        ok: true,
        parts: parseDashscopeNativeStream({
          body: sent.response.body,
          model: input.request.model,
          idleTimeoutMs: config.idleTimeoutMs,
          signal: input.signal,
          secrets: [input.apiKey],
        }),
      };
    },

    async completeChat(input): Promise<CompletionAttempt> {
      const sent = await post({ input, streaming: false });
      if (!sent.ok) return sent;
      const json: unknown = await sent.response.json().catch(() => undefined);
      // An error body on HTTP 200 (`{"code","message"}` without output) is a failure, read and redacted as one.
      if (typeof json === "object" && json !== null && !("output" in json) && ("code" in json || "error" in json)) {
        return { ok: false, failure: failureFromErrorBody({ body: json, status: 502, secrets: [input.apiKey] }) };
      }
      const parsed = nativeResponseSchema.safeParse(json);
      if (!parsed.success || !parsed.data.output) {
        return { ok: false, failure: { status: 502, type: "upstream_invalid_response", ...serverMessage({ code: "dashscopeUnreadable" }), retryable: false } };
      }
      const { output, usage, request_id: requestId } = parsed.data;
      const choices = output.choices ?? [{ finish_reason: output.finish_reason, message: { content: output.text } }];
      const completion = normalizeCompletion({
        requestedModel: input.request.model,
        completion: {
          id: requestId,
          model: input.request.model,
          choices: choices.map((choice, index) => ({
            index,
            finish_reason: choice.finish_reason,
            message: {
              role: "assistant",
              content: nativeContentText(choice.message?.content) ?? null,
              reasoning_content: choice.message?.reasoning_content,
              tool_calls: choice.message?.tool_calls,
            },
          })),
          usage: usage ? toOpenAiStyleUsage(usage) : undefined,
        },
      });
      return { ok: true, completion };
    },

    // The native API has no model list; the catalog is the list.
    async listModels() {
      return { ok: true, models: [] };
    },
  };
}
