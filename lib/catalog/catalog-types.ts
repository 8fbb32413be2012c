/** Every provider the gateway can talk to. */
export const providerIds = ["simulator", "moonshot", "dashscope", "dashscope-native", "openai-compatible"] as const;

/** A provider id as used in `/api/providers/{id}/v1`. */
export type ProviderId = (typeof providerIds)[number];

/** Which catalog a provider's models come from: DashScope's two modes share one model list. */
export type CatalogSource = "moonshot" | "dashscope" | "none";

/** A kind of input a model accepts. */
export type InputModality = "text" | "image" | "video";

/** Sampling values a model pins: any other value is rejected by the service. */
export interface SamplingPins {
  temperature?: number;
  top_p?: number;
  n?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
}

/** Thinking support: always on, switchable (with the provider's default), or absent. */
export type ThinkingSupport = { mode: "always" } | { mode: "optional"; defaultEnabled: boolean } | { mode: "none" };

/** Preserved thinking (reasoning kept across turns): forced, switchable, or not accepted. */
export type PreservedThinkingSupport = "always" | "optional" | "none";

/** Prices per 1M tokens. */
export interface ModelPrices {
  currency: "CNY" | "USD";
  inputCacheHit?: number;
  inputCacheMiss: number;
  output: number;
  /** Where the figure comes from, so the UI can cite it. */
  source: string;
}

/** Documented rate limits for a model. */
export interface RateLimits {
  requestsPerMinute: number;
  tokensPerMinute: number;
  concurrency: number;
  source: string;
}

/** A model as one provider family serves it. */
export interface ModelSpec {
  id: string;
  label: string;
  description: string;
  contextWindow: number;
  /** Largest prompt the service accepts, where documented separately from the context window. */
  maxInputTokens?: number;
  /** Largest completion (answer plus reasoning, unless noted) the service allows. */
  maxOutputTokens?: number;
  input: InputModality[];
  thinking: ThinkingSupport;
  preservedThinking: PreservedThinkingSupport;
  /**
   * Documented sampling values per thinking state. `pinned` means the service rejects any other
   * value; otherwise they are the defaults it applies when the field is left out.
   */
  sampling?: { pinned: boolean; thinking?: SamplingPins; nonThinking?: SamplingPins };
  /** DashScope native API endpoint for this model. */
  nativeEndpoint?: "text-generation" | "multimodal-generation";
  /** Video sampling defaults where the provider documents them. */
  videoDefaults?: { fps: number; maxFrames: number };
  prices?: ModelPrices;
  rateLimits?: RateLimits;
  retired?: { date: string; note: string };
}

/** Capabilities reported by a provider's `/v1/models` for a model the catalog does not know. */
export interface DiscoveredModel {
  id: string;
  contextWindow?: number;
  supportsImage?: boolean;
  supportsVideo?: boolean;
  supportsReasoning?: boolean;
}
