import { z } from "zod";
import type { ChatRequest } from "@/lib/wire/chat-request";
import type { DiscoveredModel, ProviderId } from "@/lib/catalog/catalog-types";
import type { ChatCallInput, CompletionAttempt, ProviderAdapter, StreamAttempt, TokenCountAttempt } from "../provider-adapter";
import { trimBaseUrl, withCredential, type PrepareRequest } from "../prepared-request";
import { sendUpstream } from "../send-upstream";
import { normalizeCompletion } from "./openai-style-completion";
import { failureFromErrorBody, failureFromResponse, isErrorBody } from "./openai-style-errors";
import { createOpenAiStyleFiles } from "./openai-style-files";
import { createOpenAiStyleFormulas } from "./openai-style-formulas";
import { openAiStyleHeaders } from "./openai-style-request";
import { lenientCompletionSchema } from "./openai-style-schemas";
import { parseOpenAiStyleStream } from "./openai-style-stream";
import { serverMessage } from "@/lib/i18n/server-message";

/** How an OpenAI-style provider differs from the others. */
export interface OpenAiStyleAdapterConfig {
  providerId: ProviderId;
  baseUrl: string;
  idleTimeoutMs: number;
  /** The provider's request builder (the one "What will be sent" and "View code" show). */
  prepareRequest: PrepareRequest;
  /** Whether the provider has Moonshot's `tokenizers/estimate-token-count`. */
  hasTokenCountEndpoint?: boolean;
  /** Whether the provider has Moonshot's files API (`/files`). */
  hasFilesApi?: boolean;
  /** Whether the provider has Moonshot's official tools (`/formulas`). */
  hasFormulasApi?: boolean;
  /** Transport; the simulator passes its in-process handler, everything else uses global fetch. */
  fetch?: typeof fetch;
}

const modelListSchema = z.looseObject({
  data: z
    .array(
      z.looseObject({
        id: z.string(),
        created: z.number().nullish(),
        context_length: z.number().nullish(),
        // vLLM reports the window as max_model_len.
        max_model_len: z.number().nullish(),
        supports_image_in: z.boolean().nullish(),
        supports_video_in: z.boolean().nullish(),
        supports_reasoning: z.boolean().nullish(),
      }),
    )
    .nullish(),
});

const tokenCountSchema = z.looseObject({ data: z.looseObject({ total_tokens: z.number() }) });

/** Builds an adapter for a provider that speaks OpenAI-style chat completions. */
export function createOpenAiStyleAdapter(config: OpenAiStyleAdapterConfig): ProviderAdapter {
  const transport = config.fetch ?? fetch;
  const base = trimBaseUrl(config.baseUrl);
  const requestConfig = { baseUrl: base };
  const prepareRequest = (request: ChatRequest) => config.prepareRequest({ request, config: requestConfig });

  /** Sends a chat request exactly as the provider's request builder prepared it. */
  const sendChat = async ({ request, apiKey, signal, streaming }: ChatCallInput & { streaming: boolean }) => {
    const built = prepareRequest({ ...request, stream: streaming });
    if (!built.ok) return built;
    const { url, headers, body } = built.prepared;
    return sendUpstream({ url, init: { method: "POST", headers: withCredential({ headers, apiKey }), body: JSON.stringify(body) }, signal, apiKey, transport });
  };

  return {
    id: config.providerId,
    requestConfig,
    prepareRequest,

    async streamChat(input: ChatCallInput): Promise<StreamAttempt> {
      // The builder asks for the usage chunk; the normalizer places usage where the contract says.
      const sent = await sendChat({ ...input, streaming: true });
      if (!sent.ok) return sent;
      const { response } = sent;
      const { apiKey, signal } = input;
      if (!response.body) {
        return { ok: false, failure: { status: 502, type: "upstream_empty_body", ...serverMessage({ code: "upstreamEmptyBody" }), retryable: true } };
      }
      const contentType = response.headers.get("content-type") ?? "";
      if (contentType.includes("application/json")) {
        // A JSON answer to a streaming request is an error some servers send with HTTP 200.
        const failure = await failureFromResponse({ response, secrets: [apiKey] });
        return { ok: false, failure: { ...failure, status: 502, retryable: false } };
      }
      return {
        ok: true,
        parts: parseOpenAiStyleStream({ body: response.body, idleTimeoutMs: config.idleTimeoutMs, signal, secrets: [apiKey] }),
      };
    },

    async completeChat(input: ChatCallInput): Promise<CompletionAttempt> {
      const sent = await sendChat({ ...input, streaming: false });
      if (!sent.ok) return sent;
      const json: unknown = await sent.response.json().catch(() => undefined);
      // Some services answer HTTP 200 with an error body; it is a failure, read (and redacted) as one.
      if (isErrorBody(json)) return { ok: false, failure: failureFromErrorBody({ body: json, status: 502, secrets: [input.apiKey] }) };
      const parsed = lenientCompletionSchema.safeParse(json);
      if (!parsed.success || json === undefined) {
        return {
          ok: false,
          failure: { status: 502, type: "upstream_invalid_response", ...serverMessage({ code: "upstreamNotCompletion" }), retryable: false },
        };
      }
      return { ok: true, completion: normalizeCompletion({ completion: parsed.data, requestedModel: input.request.model }) };
    },

    async listModels({ apiKey, signal }) {
      const headers = withCredential({ headers: openAiStyleHeaders({ providerId: config.providerId, streaming: false }), apiKey });
      const sent = await sendUpstream({ url: `${base}/models`, init: { method: "GET", headers }, signal, apiKey, transport });
      if (!sent.ok) return sent;
      const parsed = modelListSchema.safeParse(await sent.response.json().catch(() => undefined));
      if (!parsed.success) {
        return { ok: false, failure: { status: 502, type: "upstream_invalid_response", ...serverMessage({ code: "upstreamUnreadable", values: { what: "models" } }), retryable: false } };
      }
      const models: DiscoveredModel[] = (parsed.data.data ?? []).map((model) => ({
        id: model.id,
        created: model.created ?? undefined,
        contextWindow: model.context_length ?? model.max_model_len ?? undefined,
        supportsImage: model.supports_image_in ?? undefined,
        supportsVideo: model.supports_video_in ?? undefined,
        supportsReasoning: model.supports_reasoning ?? undefined,
      }));
      return { ok: true, models };
    },

    ...(config.hasFilesApi ? { files: createOpenAiStyleFiles({ base, transport }) } : {}),
    ...(config.hasFormulasApi ? { formulas: createOpenAiStyleFormulas({ base, transport }) } : {}),

    ...(config.hasTokenCountEndpoint
      ? {
          async countTokens({ request, apiKey, signal }: ChatCallInput): Promise<TokenCountAttempt> {
            // The body a chat would send, without streaming: the count is of exactly that prompt.
            const built = prepareRequest({ ...request, stream: false });
            if (!built.ok) return built;
            const { stream: _stream, ...body } = built.prepared.body;
            const headers = withCredential({ headers: built.prepared.headers, apiKey });
            const init = { method: "POST", headers, body: JSON.stringify(body) };
            const sent = await sendUpstream({ url: `${base}/tokenizers/estimate-token-count`, init, signal, apiKey, transport });
            if (!sent.ok) return sent;
            const parsed = tokenCountSchema.safeParse(await sent.response.json().catch(() => undefined));
            if (!parsed.success) {
              return { ok: false, failure: { status: 502, type: "upstream_invalid_response", ...serverMessage({ code: "tokenCountUnreadable" }), retryable: false } };
            }
            return { ok: true, totalTokens: parsed.data.data.total_tokens };
          },
        }
      : {}),
  };
}
