import type { ModelSpec, ProviderId, ToolChoiceKind } from "./catalog-types";
import { reasoningControlOf } from "./model-catalog";

/** Every request parameter the workbench has a control for. */
export const parameterNames = [
  "thinking",
  "preserve_thinking",
  "reasoning_effort",
  "thinking_budget",
  "max_tokens",
  "max_completion_tokens",
  "temperature",
  "top_p",
  "n",
  "presence_penalty",
  "frequency_penalty",
  "seed",
  "stop",
  "response_format",
  "tools",
  "tool_choice",
  "prompt_cache_key",
  "enable_search",
  "vl_high_resolution_images",
] as const;

/** One of {@link parameterNames}. */
export type ParameterName = (typeof parameterNames)[number];


/** Bounds of a numeric parameter. */
export interface NumericRange {
  min: number;
  max: number;
  step: number;
  /** The bound itself is not allowed (e.g. DashScope's top_p > 0). */
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

/** How a family of providers takes parameters. */
export interface ParameterRules {
  /** Parameters the provider accepts, in the order the form shows them. */
  accepted: readonly ParameterName[];
  ranges: Partial<Record<ParameterName, NumericRange>>;
  stop?: { maxSequences: number; maxBytes: number };
  tools: { maxTools: number; namePattern?: RegExp };
  /** `tool_choice` values allowed with thinking on and off. */
  toolChoice: { thinking: readonly ToolChoiceKind[]; nonThinking: readonly ToolChoiceKind[] };
  /** Whether the catalog's documented rules (pinned sampling, thinking locks) apply. */
  documentedRules: boolean;
  /** Where these facts come from. */
  source: string;
}

/** The rule families: the Moonshot API (and the simulator), DashScope (both modes), self-hosted. */
export type ParameterFamily = "moonshot" | "dashscope" | "self-hosted";

const penalty: NumericRange = { min: -2, max: 2, step: 0.1 };

/** Parameter rules per family, from the providers' documentation (docs/kimi-limits.md). */
export const parameterRules: Record<ParameterFamily, ParameterRules> = {
  moonshot: {
    accepted: [
      "thinking",
      "preserve_thinking",
      "reasoning_effort",
      "max_completion_tokens",
      "temperature",
      "top_p",
      "n",
      "presence_penalty",
      "frequency_penalty",
      "stop",
      "response_format",
      "tools",
      "tool_choice",
      "prompt_cache_key",
    ],
    ranges: {
      temperature: { min: 0, max: 1, step: 0.05 },
      top_p: { min: 0, max: 1, step: 0.05 },
      n: { min: 1, max: 5, step: 1 },
      presence_penalty: penalty,
      frequency_penalty: penalty,
    },
    stop: { maxSequences: 5, maxBytes: 32 },
    tools: { maxTools: 128, namePattern: /^[a-zA-Z_][a-zA-Z0-9-_]{2,63}$/ },
    toolChoice: { thinking: ["auto", "none"], nonThinking: ["auto", "none", "required", "function"] },
    documentedRules: true,
    source: "Moonshot chat API reference and the Kimi K2.5 / K2.7 Code guides (platform.moonshot.cn/docs)",
  },
  dashscope: {
    accepted: [
      "thinking",
      "preserve_thinking",
      "thinking_budget",
      "max_tokens",
      "temperature",
      "top_p",
      "presence_penalty",
      "seed",
      "stop",
      "response_format",
      "tools",
      "tool_choice",
      "enable_search",
      "vl_high_resolution_images",
    ],
    ranges: {
      temperature: { min: 0, max: 2, step: 0.05, maxExclusive: true },
      top_p: { min: 0, max: 1, step: 0.05, minExclusive: true },
      presence_penalty: penalty,
      seed: { min: 0, max: 2 ** 31 - 1, step: 1 },
      thinking_budget: { min: 1, max: 32_768, step: 1 },
    },
    tools: { maxTools: 128 },
    // DashScope documents auto, none and a named function; thinking models cannot be forced to call.
    toolChoice: { thinking: ["auto", "none"], nonThinking: ["auto", "none", "function"] },
    documentedRules: true,
    source: "Alibaba Cloud Model Studio: the Kimi models page and OpenAI-compatible mode (help.aliyun.com/zh/model-studio)",
  },
  "self-hosted": {
    accepted: [
      "thinking",
      "max_tokens",
      "temperature",
      "top_p",
      "n",
      "presence_penalty",
      "frequency_penalty",
      "seed",
      "stop",
      "response_format",
      "tools",
      "tool_choice",
    ],
    ranges: {
      temperature: { min: 0, max: 2, step: 0.05 },
      top_p: { min: 0, max: 1, step: 0.05, minExclusive: true },
      n: { min: 1, max: 16, step: 1 },
      presence_penalty: penalty,
      frequency_penalty: penalty,
      seed: { min: 0, max: 2 ** 31 - 1, step: 1 },
    },
    tools: { maxTools: 128 },
    toolChoice: { thinking: ["auto", "none", "required", "function"], nonThinking: ["auto", "none", "required", "function"] },
    documentedRules: false,
    source: "vLLM / SGLang OpenAI-compatible servers",
  },
};

const familyByProvider: Record<ProviderId, ParameterFamily> = {
  simulator: "moonshot",
  moonshot: "moonshot",
  dashscope: "dashscope",
  "dashscope-native": "dashscope",
  "openai-compatible": "self-hosted",
};

/** The rules a provider follows. */
export function rulesFor(providerId: ProviderId): ParameterRules & { family: ParameterFamily } {
  const family = familyByProvider[providerId];
  return { ...parameterRules[family], family };
}

/**
 * The field that caps the answer (reasoning included) on a provider: Moonshot documents
 * `max_completion_tokens` (its `max_tokens` is deprecated); DashScope and self-hosted servers take
 * `max_tokens`.
 */
export function outputCapField(providerId: ProviderId): "max_tokens" | "max_completion_tokens" {
  return rulesFor(providerId).family === "moonshot" ? "max_completion_tokens" : "max_tokens";
}

/** The `max_tokens` a request without one gets: the model's documented default, else 32768 bounded by what the model allows and half its window. */
export function defaultMaxTokensFor(spec: ModelSpec): number {
  // The documented default where there is one; otherwise never the whole window (moonshot-v1-8k's
  // limit equals its window, and every prompt then "exceeded" it before anything was typed).
  return spec.defaultMaxTokens ?? Math.min(32_768, maxTokensLimit(spec), Math.floor(spec.contextWindow / 2));
}

/** The largest `max_tokens` the model takes. */
export function maxTokensLimit(spec: ModelSpec): number {
  return spec.maxOutputTokens ?? spec.contextWindow;
}

/**
 * Parameters this provider and model accept: the family's list, minus what the model rules out
 * (no thinking switch on models that cannot switch, no preserved thinking where it is not accepted,
 * no high-resolution images on text-only models).
 */
export function acceptedParameters({ providerId, spec }: { providerId: ProviderId; spec: ModelSpec }): ParameterName[] {
  const control = reasoningControlOf(spec)?.kind;
  return rulesFor(providerId).accepted.filter((name) => {
    // Models steered by reasoning_effort (K3) take no thinking field at all, and vice versa.
    if (name === "thinking") return control !== "effort";
    if (name === "reasoning_effort") return control === "effort";
    if (name === "preserve_thinking") return spec.preservedThinking !== "none" && control !== "effort";
    if (name === "thinking_budget") return spec.thinking.mode !== "none";
    if (name === "vl_high_resolution_images") return spec.input.includes("image");
    return true;
  });
}

/** The `tool_choice` kinds allowed for a model in a thinking state (the model's own rule where it has one). */
export function allowedToolChoices({ providerId, spec, thinkingEnabled }: { providerId: ProviderId; spec: Pick<ModelSpec, "toolChoiceWhileThinking">; thinkingEnabled: boolean }): readonly ToolChoiceKind[] {
  const { toolChoice } = rulesFor(providerId);
  if (!thinkingEnabled) return toolChoice.nonThinking;
  return rulesFor(providerId).documentedRules ? (spec.toolChoiceWhileThinking ?? toolChoice.thinking) : toolChoice.thinking;
}
