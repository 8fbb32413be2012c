import { videoLimits } from "@/lib/wire/video-limits";
import type { ModelSpec, SamplingPins } from "./catalog-types";

// Facts from the providers' public documentation, summarized with sources in docs/kimi-limits.md:
// the Moonshot API reference and its K2.5 / K2.7 Code guides, and Alibaba Cloud Model Studio's Kimi
// page. Facts only third parties report (client libraries' recordings of live traffic, gateways'
// model lists) name who reports them (`reportedBy`, `prices.reported`), and the UI says so. Where a
// figure is not published at all, the field is left out rather than guessed.

/** The day the catalog's facts were last checked against their sources. */
export const catalogCheckedOn = "2026-11-30";

const k2FixedThinking: SamplingPins = { temperature: 1.0, top_p: 0.95, n: 1, presence_penalty: 0, frequency_penalty: 0 };
const k2FixedNonThinking: SamplingPins = { temperature: 0.6, top_p: 0.95, n: 1, presence_penalty: 0, frequency_penalty: 0 };

const moonshotOverview = "Moonshot open platform, API overview (platform.moonshot.cn/docs)";
const k3Reporters = "the Vercel AI SDK's Moonshot provider and its recordings of the live API; Together AI's Kimi K3 quickstart";
const lineupReporter = "promptfoo's Moonshot provider documentation";

const k3: Omit<ModelSpec, "id" | "label" | "description"> = {
  contextWindow: 1_048_576,
  input: ["text", "image"],
  thinking: { mode: "always" },
  preservedThinking: "none",
  reasoningControl: { kind: "effort", efforts: ["low", "high", "max"], defaultEffort: "max" },
  // The live API answers "invalid temperature: only 1 is allowed for this model".
  sampling: { pinned: true, thinking: { temperature: 1 } },
  // Unlike K2.6 and K2.7 Code, K3 takes "required" while thinking (recorded).
  toolChoiceWhileThinking: ["auto", "none", "required"],
  reportedBy: k3Reporters,
};

const k27Code: Omit<ModelSpec, "id" | "label" | "description"> = {
  contextWindow: 262_144,
  input: ["text", "image", "video"],
  thinking: { mode: "always" },
  preservedThinking: "always",
  sampling: { pinned: true, thinking: k2FixedThinking },
};

/** Retired from the Moonshot API during 2026: requests fail; kimi-k2.6 replaces them. */
const retiredIn2026 = { during: "2026", note: `Moonshot discontinued this model in 2026 (reported by ${lineupReporter}); use kimi-k2.6 instead.`, replacement: "kimi-k2.6" };

/** Models served by the Moonshot API (and by the simulator, which stands in for it), current ones first. */
export const moonshotModels: readonly ModelSpec[] = [
  { id: "kimi-k3", label: "Kimi K3", description: "Flagship: always thinks, as deeply as reasoning_effort says; 1M-token context.", ...k3 },
  {
    id: "kimi-k3.1-pro",
    label: "Kimi K3.1 Pro",
    description: "Listed by AI gateways as Moonshot's model after K3; taken to follow K3's rules.",
    ...k3,
    maxOutputTokens: 1_048_576,
    reportedBy: "Vercel AI Gateway's model list (its rules are assumed to be K3's)",
  },
  { id: "kimi-k2.7-code", label: "Kimi K2.7 Code", description: "Coding agent model; always thinks and keeps its reasoning across turns.", ...k27Code },
  {
    id: "kimi-k2.7-code-highspeed",
    label: "Kimi K2.7 Code (high speed)",
    description: "Faster variant of K2.7 Code, with its rules.",
    ...k27Code,
    reportedBy: `${lineupReporter}; the Vercel AI SDK treats it as K2.7 Code`,
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
    prices: { currency: "USD", inputCacheHit: 0.16, inputCacheMiss: 0.95, output: 4.0, source: "Cloudflare Workers AI's model page and a summary of Moonshot's pricing", reported: true },
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
      // Moonshot's older API page: without max_tokens the server picks "a reasonable integer such as 1024".
      defaultMaxTokens: 1_024,
      input: ["text"],
      thinking: { mode: "none" },
      preservedThinking: "none",
      sampling: { pinned: false, nonThinking: { temperature: 0 } },
      prices: { currency: "CNY", inputCacheMiss: input, output, source: moonshotOverview },
      rateLimits: { requestsPerMinute: rpm, tokensPerMinute: 300_000, concurrency, source: moonshotOverview },
    }),
  ),
  ...([
    ["moonshot-v1-8k-vision-preview", 8_192],
    ["moonshot-v1-32k-vision-preview", 32_768],
    ["moonshot-v1-128k-vision-preview", 131_072],
  ] as const).map(
    ([id, contextWindow]): ModelSpec => ({
      id,
      label: id,
      description: "Previous-generation model that also reads images.",
      contextWindow,
      maxOutputTokens: 8_192,
      defaultMaxTokens: 1_024,
      input: ["text", "image"],
      thinking: { mode: "none" },
      preservedThinking: "none",
      sampling: { pinned: false, nonThinking: { temperature: 0 } },
      reportedBy: lineupReporter,
    }),
  ),
  {
    id: "moonshot-v1-auto",
    label: "moonshot-v1-auto",
    description: "Picks moonshot-v1-8k, -32k or -128k by the size of the request.",
    contextWindow: 131_072,
    maxOutputTokens: 8_192,
    input: ["text"],
    thinking: { mode: "none" },
    preservedThinking: "none",
    sampling: { pinned: false, nonThinking: { temperature: 0 } },
    reportedBy: lineupReporter,
  },
  ...(
    [
      ["kimi-k2-0905-preview", "Kimi K2 (0905 preview)", "none"],
      ["kimi-k2-turbo-preview", "Kimi K2 Turbo (preview)", "none"],
      ["kimi-k2-0711-preview", "Kimi K2 (0711 preview)", "none"],
      ["kimi-k2-thinking", "Kimi K2 Thinking", "always"],
      ["kimi-k2-thinking-turbo", "Kimi K2 Thinking Turbo", "always"],
      ["kimi-latest", "kimi-latest", "none"],
    ] as const
  ).map(
    ([id, label, thinking]): ModelSpec => ({
      id,
      label,
      description: thinking === "always" ? "Text model that always thinks (retired)." : "Text model without thinking (retired).",
      contextWindow: id === "kimi-latest" ? 131_072 : 262_144,
      input: ["text"],
      thinking: { mode: thinking },
      preservedThinking: "none",
      sampling: { pinned: false, ...(thinking === "always" ? { thinking: { temperature: 1.0 } } : { nonThinking: { temperature: 0.6 } }) },
      retired: retiredIn2026,
    }),
  ),
];

const dashscopeRetirement = {
  on: "2026-07-09",
  note: "DashScope retired this model on 2026-07-09 and recommends qwen3.7-plus, qwen3.7-max or qwen3.6-flash; kimi-k2.6 is the Kimi model it still serves.",
  replacement: "kimi-k2.6",
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
