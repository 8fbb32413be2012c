import { videoLimits } from "@/lib/wire/video-limits";
import type { ModelSpec, SamplingPins } from "./catalog-types";

// Facts from the providers' public documentation, summarized with sources in docs/kimi-limits.md:
// the Moonshot API reference and its K2.5 / K2.7 Code guides, and Alibaba Cloud Model Studio's Kimi
// page. Where a figure is not published there, the field is left out rather than guessed; the UI
// says "not published".

const k2FixedThinking: SamplingPins = { temperature: 1.0, top_p: 0.95, n: 1, presence_penalty: 0, frequency_penalty: 0 };
const k2FixedNonThinking: SamplingPins = { temperature: 0.6, top_p: 0.95, n: 1, presence_penalty: 0, frequency_penalty: 0 };

const moonshotOverview = "Moonshot open platform, API overview (platform.moonshot.cn/docs)";

/** Models served by the Moonshot API (and by the simulator, which stands in for it). */
export const moonshotModels: readonly ModelSpec[] = [
  {
    id: "kimi-k2.7-code",
    label: "Kimi K2.7 Code",
    description: "Coding agent model; always thinks and keeps its reasoning across turns.",
    contextWindow: 262_144,
    input: ["text", "image", "video"],
    thinking: { mode: "always" },
    preservedThinking: "always",
    sampling: { pinned: true, thinking: k2FixedThinking },
  },
  {
    id: "kimi-k2.6",
    label: "Kimi K2.6",
    description: "Multimodal model with switchable thinking and preserved thinking.",
    contextWindow: 262_144,
    input: ["text", "image", "video"],
    thinking: { mode: "optional", defaultEnabled: true },
    preservedThinking: "optional",
    sampling: { pinned: true, thinking: k2FixedThinking, nonThinking: k2FixedNonThinking },
  },
  {
    id: "kimi-k2.5",
    label: "Kimi K2.5",
    description: "Multimodal model with switchable thinking.",
    contextWindow: 262_144,
    input: ["text", "image", "video"],
    thinking: { mode: "optional", defaultEnabled: true },
    preservedThinking: "none",
    sampling: { pinned: true, thinking: k2FixedThinking, nonThinking: k2FixedNonThinking },
    prices: {
      currency: "CNY",
      inputCacheHit: 0.7,
      inputCacheMiss: 4.0,
      output: 21.0,
      source: "Moonshot open platform, Kimi K2.5 guide (platform.moonshot.cn/docs)",
    },
  },
  {
    id: "kimi-k2-thinking",
    label: "Kimi K2 Thinking",
    description: "Text model that always thinks.",
    contextWindow: 262_144,
    input: ["text"],
    thinking: { mode: "always" },
    preservedThinking: "none",
    sampling: { pinned: false, thinking: { temperature: 1.0 } },
  },
  {
    id: "kimi-k2-thinking-turbo",
    label: "Kimi K2 Thinking Turbo",
    description: "Faster variant of K2 Thinking.",
    contextWindow: 262_144,
    input: ["text"],
    thinking: { mode: "always" },
    preservedThinking: "none",
    sampling: { pinned: false, thinking: { temperature: 1.0 } },
  },
  {
    id: "kimi-k2-0905-preview",
    label: "Kimi K2 0905 Preview",
    description: "Text model without thinking.",
    contextWindow: 262_144,
    input: ["text"],
    thinking: { mode: "none" },
    preservedThinking: "none",
    sampling: { pinned: false, nonThinking: { temperature: 0.6 } },
  },
  {
    id: "kimi-k2-turbo-preview",
    label: "Kimi K2 Turbo Preview",
    description: "Faster text model without thinking.",
    contextWindow: 262_144,
    input: ["text"],
    thinking: { mode: "none" },
    preservedThinking: "none",
    sampling: { pinned: false, nonThinking: { temperature: 0.6 } },
  },
  {
    id: "kimi-k2",
    label: "Kimi K2",
    description: "Text model without thinking.",
    contextWindow: 131_072,
    maxOutputTokens: 8_192,
    input: ["text"],
    thinking: { mode: "none" },
    preservedThinking: "none",
    sampling: { pinned: false, nonThinking: { temperature: 0.6 } },
    prices: { currency: "CNY", inputCacheMiss: 12, output: 36, source: moonshotOverview },
    rateLimits: { requestsPerMinute: 10, tokensPerMinute: 300_000, concurrency: 3, source: moonshotOverview },
  },
  ...(
    [
      ["moonshot-v1-8k", 8_192, 4, 12, 30, 5],
      ["moonshot-v1-32k", 32_768, 6, 18, 30, 5],
      ["moonshot-v1-128k", 131_072, 14, 42, 10, 3],
    ] as const
  ).map(
    ([id, contextWindow, input, output, rpm, concurrency]): ModelSpec => ({
      id,
      label: id,
      description: "Previous-generation text model.",
      contextWindow,
      maxOutputTokens: 8_192,
      input: ["text"],
      thinking: { mode: "none" },
      preservedThinking: "none",
      sampling: { pinned: false, nonThinking: { temperature: 0 } },
      prices: { currency: "CNY", inputCacheMiss: input, output, source: moonshotOverview },
      rateLimits: { requestsPerMinute: rpm, tokensPerMinute: 300_000, concurrency, source: moonshotOverview },
    }),
  ),
];

const dashscopeRetirement = {
  date: "2026-07-09",
  note: "DashScope retired this model on 2026-07-09 and recommends qwen3.7-plus, qwen3.7-max or qwen3.6-flash.",
};
// DashScope documents the same video defaults as everyone: 2 fps, up to 2000 frames.
const dashscopeVideo = { fps: videoLimits.defaultFps, maxFrames: videoLimits.defaultMaxFrames };

/** Kimi models served by Alibaba Cloud Model Studio (DashScope), in both API modes. */
export const dashscopeModels: readonly ModelSpec[] = [
  {
    id: "kimi-k2.7-code",
    label: "Kimi K2.7 Code",
    description: "Coding agent model; thinking and preserve_thinking are always on.",
    contextWindow: 262_144,
    input: ["text", "image", "video"],
    thinking: { mode: "always" },
    preservedThinking: "always",
    sampling: { pinned: false, thinking: { temperature: 1.0, top_p: 0.95, presence_penalty: 0 } },
    nativeEndpoint: "multimodal-generation",
    videoDefaults: dashscopeVideo,
  },
  {
    id: "kimi-k2.6",
    label: "Kimi K2.6",
    description: "Multimodal model; thinking is off unless enable_thinking is set.",
    contextWindow: 262_144,
    input: ["text", "image", "video"],
    thinking: { mode: "optional", defaultEnabled: false },
    preservedThinking: "optional",
    // DashScope documents these as defaults; unlike Moonshot it does not say other values fail.
    sampling: {
      pinned: false,
      thinking: { temperature: 1.0, top_p: 0.95, presence_penalty: 0 },
      nonThinking: { temperature: 0.6, top_p: 0.95, presence_penalty: 0 },
    },
    nativeEndpoint: "multimodal-generation",
    videoDefaults: dashscopeVideo,
  },
  {
    id: "kimi-k2.5",
    label: "Kimi K2.5",
    description: "Multimodal model; thinking is off unless enable_thinking is set.",
    contextWindow: 262_144,
    maxInputTokens: 258_048,
    maxOutputTokens: 32_768,
    input: ["text", "image", "video"],
    thinking: { mode: "optional", defaultEnabled: false },
    preservedThinking: "none",
    // DashScope documents these as defaults; unlike Moonshot it does not say other values fail.
    sampling: {
      pinned: false,
      thinking: { temperature: 1.0, top_p: 0.95, presence_penalty: 0 },
      nonThinking: { temperature: 0.6, top_p: 0.95, presence_penalty: 0 },
    },
    nativeEndpoint: "multimodal-generation",
    videoDefaults: dashscopeVideo,
  },
  {
    id: "kimi-k2-thinking",
    label: "Kimi K2 Thinking",
    description: "Text model that always thinks.",
    contextWindow: 262_144,
    maxInputTokens: 229_376,
    maxOutputTokens: 16_384,
    input: ["text"],
    thinking: { mode: "always" },
    preservedThinking: "none",
    sampling: { pinned: false, thinking: { temperature: 1.0 } },
    nativeEndpoint: "text-generation",
    retired: dashscopeRetirement,
  },
  {
    id: "Moonshot-Kimi-K2-Instruct",
    label: "Moonshot Kimi K2 Instruct",
    description: "Text model without thinking.",
    contextWindow: 131_072,
    maxOutputTokens: 8_192,
    input: ["text"],
    thinking: { mode: "none" },
    preservedThinking: "none",
    sampling: { pinned: false, nonThinking: { temperature: 0.6, top_p: 1.0, presence_penalty: 0 } },
    nativeEndpoint: "text-generation",
    retired: dashscopeRetirement,
  },
];
