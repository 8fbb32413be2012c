import type { CatalogSource, DiscoveredModel, ModelSpec, ProviderId, ReasoningControl, SamplingPins } from "./catalog-types";
import { dashscopeModels, moonshotModels } from "./kimi-models";

/** Static facts about a provider that both the UI and the server show. */
export interface ProviderDescriptor {
  id: ProviderId;
  label: string;
  description: string;
  catalog: CatalogSource;
  /** Environment variable holding the server-side key, if the provider takes one. */
  keyEnv?: string;
  /** How thinking is switched on this provider's wire format. */
  thinkingSwitch: "thinking-object" | "enable-thinking" | "chat-template-kwargs";
}

/** The providers, in the order the picker lists them. */
export const providerDescriptors: Record<ProviderId, ProviderDescriptor> = {
  simulator: {
    id: "simulator",
    label: "Simulator (offline)",
    description: "Built-in offline stand-in for the Moonshot API. No key, no network.",
    catalog: "moonshot",
    thinkingSwitch: "thinking-object",
  },
  moonshot: {
    id: "moonshot",
    label: "Moonshot API",
    description: "api.moonshot.ai / api.moonshot.cn",
    catalog: "moonshot",
    keyEnv: "MOONSHOT_API_KEY",
    thinkingSwitch: "thinking-object",
  },
  dashscope: {
    id: "dashscope",
    label: "DashScope (OpenAI-compatible)",
    description: "Alibaba Cloud Model Studio, compatible mode",
    catalog: "dashscope",
    keyEnv: "DASHSCOPE_API_KEY",
    thinkingSwitch: "enable-thinking",
  },
  "dashscope-native": {
    id: "dashscope-native",
    label: "DashScope (native API)",
    description: "Alibaba Cloud Model Studio, text-generation / multimodal-generation",
    catalog: "dashscope",
    keyEnv: "DASHSCOPE_API_KEY",
    thinkingSwitch: "enable-thinking",
  },
  "openai-compatible": {
    id: "openai-compatible",
    label: "Self-hosted (vLLM / SGLang)",
    description: "Any OpenAI-compatible server",
    catalog: "none",
    keyEnv: "OPENAI_COMPATIBLE_API_KEY",
    thinkingSwitch: "chat-template-kwargs",
  },
};

/** Catalog models a provider serves. */
export function listCatalogModels(providerId: ProviderId): readonly ModelSpec[] {
  const source = providerDescriptors[providerId].catalog;
  if (source === "moonshot") return moonshotModels;
  if (source === "dashscope") return dashscopeModels;
  return [];
}

/** The catalog entry for a model on a provider, if the catalog knows it. */
export function findModelSpec({ providerId, modelId }: { providerId: ProviderId; modelId: string }): ModelSpec | undefined {
  return listCatalogModels(providerId).find((model) => model.id === modelId);
}

// Self-hosted servers name models after their Hugging Face repos ("moonshotai/Kimi-K2.5"); map
// those names onto the catalog so a vLLM-served K2.5 gets K2.5's capabilities.
const selfHostedAliases: ReadonlyArray<[RegExp, string]> = [
  [/kimi-k2\.7-code/i, "kimi-k2.7-code"],
  [/kimi-k2\.6/i, "kimi-k2.6"],
  [/kimi-k2\.5/i, "kimi-k2.5"],
  [/kimi-k2-thinking/i, "kimi-k2-thinking"],
];

/**
 * Capabilities for a model the catalog may not know: catalog facts where it does, otherwise what
 * the provider's `/v1/models` reported, otherwise conservative text-only defaults.
 */
export function describeModel({
  providerId,
  modelId,
  discovered,
}: {
  providerId: ProviderId;
  modelId: string;
  discovered?: DiscoveredModel;
}): ModelSpec & { known: boolean } {
  const spec = findModelSpec({ providerId, modelId });
  if (spec) return { ...spec, known: true };
  if (providerId === "openai-compatible") {
    const alias = selfHostedAliases.find(([pattern]) => pattern.test(modelId));
    const base = alias && moonshotModels.find((model) => model.id === alias[1]);
    if (base) {
      // Self-hosted servers do not pin sampling or keep reasoning on their own.
      return {
        ...base,
        id: modelId,
        label: modelId,
        contextWindow: discovered?.contextWindow ?? base.contextWindow,
        sampling: base.sampling && { ...base.sampling, pinned: false },
        preservedThinking: "none",
        prices: undefined,
        rateLimits: undefined,
        known: false,
      };
    }
  }
  const input: ModelSpec["input"] = ["text"];
  if (discovered?.supportsImage) input.push("image");
  if (discovered?.supportsVideo) input.push("video");
  return {
    id: modelId,
    label: modelId,
    description: discovered ? "Listed by the provider; not in the workbench catalog." : "Not in the workbench catalog.",
    contextWindow: discovered?.contextWindow ?? 131_072,
    input,
    thinking: discovered?.supportsReasoning ? { mode: "optional", defaultEnabled: true } : { mode: "none" },
    preservedThinking: "none",
    known: false,
  };
}

/** Whether a request leaves thinking on, given what it asked for and the model's rules. */
export function resolveThinkingEnabled({ spec, requested }: { spec: ModelSpec; requested: boolean | undefined }): boolean {
  if (spec.thinking.mode === "always") return true;
  if (spec.thinking.mode === "none") return false;
  return requested ?? spec.thinking.defaultEnabled;
}

/** The sampling values documented for a model in the given thinking state. */
export function samplingFor({ spec, thinkingEnabled }: { spec: ModelSpec; thinkingEnabled: boolean }): SamplingPins {
  return (thinkingEnabled ? spec.sampling?.thinking : spec.sampling?.nonThinking) ?? {};
}

/**
 * What the API uses for a sampling field left out, where no model says otherwise: Moonshot documents
 * top_p 1.0; n 1 and no penalties are the OpenAI-compatible API's own defaults.
 */
export const apiSamplingDefaults = { top_p: 1, n: 1, presence_penalty: 0, frequency_penalty: 0 } as const;

/** Default `max_tokens` the workbench sends (Moonshot's documented default for K2.x models). */
export const defaultMaxTokens = 32_768;

/** Whether a model is retired on the given day (one retired during a period is retired). */
export function isRetired({ spec, today }: { spec: ModelSpec; today: Date }): boolean {
  if (!spec.retired) return false;
  return spec.retired.on === undefined || today.toISOString().slice(0, 10) >= spec.retired.on;
}

/** When a model is (or was) retired, as people say it: "2026-07-09", "in 2026". */
export function retirementWhen(retired: NonNullable<ModelSpec["retired"]>): string {
  return retired.on ?? `in ${retired.during ?? "an unstated period"}`;
}

/** How a model's reasoning is controlled (thinking models without a stated control use the thinking switch). */
export function reasoningControlOf(spec: Pick<ModelSpec, "reasoningControl" | "thinking">): ReasoningControl | undefined {
  if (spec.thinking.mode === "none") return undefined;
  return spec.reasoningControl ?? { kind: "thinking" };
}
