import { z } from "zod";
import type { DiscoveredModel, ProviderId } from "@/lib/catalog/catalog-types";
import type { ChatRequest } from "@/lib/wire/chat-request";
import type { ChatCallInput, CompletionAttempt, ProviderAdapter, StreamAttempt, TokenCountAttempt } from "@/lib/providers/provider-adapter";
import { normalizeCompletion } from "./openai-style-completion";
import { withUsageRequested } from "../provider-wire";
import { sendUpstream } from "../send-upstream";
import { failureFromResponse } from "./openai-style-errors";
import { lenientCompletionSchema } from "./openai-style-schemas";
import { createOpenAiStyleFiles } from "./openai-style-files";
import { parseOpenAiStyleStream } from "./openai-style-stream";

/** How an OpenAI-style provider differs from the others. */
export interface OpenAiStyleAdapterConfig {
  providerId: ProviderId;
  baseUrl: string;
  idleTimeoutMs: number;
  /** Turns the gateway's Moonshot-dialect body into what this provider expects. */
  transformRequest?: (request: ChatRequest) => Record<string, unknown>;
  /** Whether the provider has Moonshot's `tokenizers/estimate-token-count`. */
  hasTokenCountEndpoint?: boolean;
  /** Whether the provider has Moonshot's files API (`/files`). */
  hasFilesApi?: boolean;
  /** Transport; the simulator passes its in-process handler, everything else uses global fetch. */
  fetch?: typeof fetch;
}

const modelListSchema = z.looseObject({
  data: z
    .array(
      z.looseObject({
        id: z.string(),
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

function headersFor({ apiKey, streaming }: { apiKey: string | undefined; streaming: boolean }): Headers {
  const headers = new Headers({ "content-type": "application/json" });
  headers.set("accept", streaming ? "text/event-stream" : "application/json");
  if (apiKey) headers.set("authorization", `Bearer ${apiKey}`);
  return headers;
}

/** Builds an adapter for a provider that speaks OpenAI-style chat completions. */
export function createOpenAiStyleAdapter(config: OpenAiStyleAdapterConfig): ProviderAdapter {
  const transport = config.fetch ?? fetch;
  const base = config.baseUrl.replace(/\/+$/, "");
  const transform = config.transformRequest ?? ((request: ChatRequest) => ({ ...request }));

  const send = ({ path, init, signal, apiKey }: { path: string; init: RequestInit; signal: AbortSignal; apiKey: string | undefined }) =>
    sendUpstream({ url: `${base}${path}`, init, signal, apiKey, transport });

  return {
    id: config.providerId,
    baseUrl: base,

    async streamChat({ request, apiKey, signal }: ChatCallInput): Promise<StreamAttempt> {
      // Ask for the usage chunk everywhere; the normalizer keeps exactly one.
      const body = withUsageRequested(transform(request));
      const sent = await send({
        path: "/chat/completions",
        init: { method: "POST", headers: headersFor({ apiKey, streaming: true }), body: JSON.stringify(body) },
        signal,
        apiKey,
      });
      if (!sent.ok) return sent;
      const { response } = sent;
      if (!response.body) {
        return { ok: false, failure: { status: 502, type: "upstream_empty_body", message: "The upstream answered without a body.", retryable: true } };
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

    async completeChat({ request, apiKey, signal }: ChatCallInput): Promise<CompletionAttempt> {
      const { stream_options: _streamOptions, ...rest } = transform(request);
      const sent = await send({
        path: "/chat/completions",
        init: {
          method: "POST",
          headers: headersFor({ apiKey, streaming: false }),
          body: JSON.stringify({ ...rest, stream: false }),
        },
        signal,
        apiKey,
      });
      if (!sent.ok) return sent;
      const json: unknown = await sent.response.json().catch(() => undefined);
      const parsed = lenientCompletionSchema.safeParse(json);
      if (!parsed.success || json === undefined) {
        return {
          ok: false,
          failure: { status: 502, type: "upstream_invalid_response", message: "The upstream's answer is not a chat completion.", retryable: false },
        };
      }
      return { ok: true, completion: normalizeCompletion({ completion: parsed.data, requestedModel: request.model }) };
    },

    async listModels({ apiKey, signal }) {
      const sent = await send({ path: "/models", init: { method: "GET", headers: headersFor({ apiKey, streaming: false }) }, signal, apiKey });
      if (!sent.ok) return sent;
      const parsed = modelListSchema.safeParse(await sent.response.json().catch(() => undefined));
      if (!parsed.success) {
        return { ok: false, failure: { status: 502, type: "upstream_invalid_response", message: "The upstream's model list is not readable.", retryable: false } };
      }
      const models: DiscoveredModel[] = (parsed.data.data ?? []).map((model) => ({
        id: model.id,
        contextWindow: model.context_length ?? model.max_model_len ?? undefined,
        supportsImage: model.supports_image_in ?? undefined,
        supportsVideo: model.supports_video_in ?? undefined,
        supportsReasoning: model.supports_reasoning ?? undefined,
      }));
      return { ok: true, models };
    },

    ...(config.hasFilesApi ? { files: createOpenAiStyleFiles({ base, transport }) } : {}),

    ...(config.hasTokenCountEndpoint
      ? {
          async countTokens({ request, apiKey, signal }: ChatCallInput): Promise<TokenCountAttempt> {
            const { stream: _stream, stream_options: _options, ...rest } = transform(request);
            const sent = await send({
              path: "/tokenizers/estimate-token-count",
              init: { method: "POST", headers: headersFor({ apiKey, streaming: false }), body: JSON.stringify(rest) },
              signal,
              apiKey,
            });
            if (!sent.ok) return sent;
            const parsed = tokenCountSchema.safeParse(await sent.response.json().catch(() => undefined));
            if (!parsed.success) {
              return { ok: false, failure: { status: 502, type: "upstream_invalid_response", message: "The token count answer is not readable.", retryable: false } };
            }
            return { ok: true, totalTokens: parsed.data.data.total_tokens };
          },
        }
      : {}),
  };
}
