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
  /** A third party reports it; the provider's own documentation was not found saying so. */
  reported?: boolean;
}

/** The kinds of `tool_choice`: the strings, or `function` for `{"type":"function",...}`. */
export type ToolChoiceKind = "auto" | "none" | "required" | "function";

/**
 * How a thinking model's reasoning is controlled: Moonshot's thinking switch (K2.x), or a top-level
 * `reasoning_effort` (K3), which such models take instead of any `thinking` field.
 */
export type ReasoningControl = { kind: "thinking" } | { kind: "effort"; efforts: readonly string[]; defaultEffort: string };

/** A model taken out of service: on a date, or during a period when the exact day is not known. */
export interface Retirement {
  /** ISO date it stops (or stopped) answering. */
  on?: string;
  /** When the day is not known, e.g. "2026". */
  during?: string;
  note: string;
  /** The model to use instead. */
  replacement?: string;
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
  /** What the service uses when the request sets no max_tokens, where documented. */
  defaultMaxTokens?: number;
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
  retired?: Retirement;
  /** How reasoning is controlled, for models that think (the thinking switch when absent). */
  reasoningControl?: ReasoningControl;
  /** `tool_choice` kinds the model takes while thinking, where it differs from its provider's rule (K3 takes "required"). */
  toolChoiceWhileThinking?: readonly ToolChoiceKind[];
  /** Who reports this model's facts when the provider's own documentation was not found saying them. */
  reportedBy?: string;
}

/** Capabilities reported by a provider's `/v1/models` for a model the catalog does not know. */
export interface DiscoveredModel {
  id: string;
  /** When the provider says the model was created (Unix seconds). */
  created?: number;
  contextWindow?: number;
  supportsImage?: boolean;
  supportsVideo?: boolean;
  supportsReasoning?: boolean;
}
