import type { ModelSpec, ProviderId } from "@/lib/catalog/catalog-types";
import { reasoningControlOf } from "@/lib/catalog/model-catalog";
import { acceptedParameters, defaultMaxTokensFor, maxTokensLimit, outputCapField, rulesFor } from "@/lib/catalog/provider-parameters";
import { pinnedSampling } from "./request-rules";

/**
 * A JSON Schema of the request body for the JSON view's completion and hover text: field types,
 * allowed values and what each field does for this provider and model. (Range and rule checks are
 * the rule engine's, which explains them better.)
 */
export function buildRequestJsonSchema({ providerId, spec, thinks }: { providerId: ProviderId; spec: ModelSpec; thinks: boolean }): Record<string, unknown> {
  const rules = rulesFor(providerId);
  const accepted = new Set<string>(acceptedParameters({ providerId, spec }));
  const pins = pinnedSampling({ providerId, spec, thinking: thinks });
  const number = (field: string, description: string) => {
    const pinned = pins[field as keyof typeof pins];
    const range = rules.ranges[field as keyof typeof rules.ranges];
    return { type: "number", description: `${description}${range ? ` Range ${range.min}–${range.max}.` : ""}${pinned !== undefined ? ` ${spec.id} fixes it at ${pinned}${thinks ? " while thinking" : ""}.` : ""}` };
  };
  const properties: Record<string, unknown> = {
    model: { type: "string", description: "Model id." },
    messages: { type: "array", description: "The conversation: system, user, assistant (with reasoning_content and tool_calls) and tool messages." },
    stream: { type: "boolean", description: "The workbench always streams." },
    [outputCapField(providerId)]: { type: "integer", description: `Largest completion, reasoning included. Default ${defaultMaxTokensFor(spec)}, at most ${maxTokensLimit(spec)}.` },
    stop: { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }], description: rules.stop ? `Up to ${rules.stop.maxSequences} sequences of at most ${rules.stop.maxBytes} bytes.` : "Stop sequences." },
    response_format: {
      type: "object",
      properties: { type: { enum: ["text", "json_object", "json_schema"] }, json_schema: { type: "object", properties: { name: { type: "string" }, strict: { type: "boolean" }, schema: { type: "object" } } } },
    },
    tools: { type: "array", description: `Function definitions (at most ${rules.tools.maxTools}).`, items: { type: "object", properties: { type: { enum: rules.family === "moonshot" ? ["function", "builtin_function"] : ["function"] } } } },
    tool_choice: { anyOf: [{ enum: ["auto", "none", "required"] }, { type: "object" }], description: thinks ? 'While thinking only "auto" and "none" are allowed.' : "Whether and which tool to call." },
  };
  for (const [field, description] of [
    ["temperature", "Sampling temperature."],
    ["top_p", "Nucleus sampling."],
    ["n", "Number of choices."],
    ["presence_penalty", "Penalty for tokens already present."],
    ["frequency_penalty", "Penalty by token frequency."],
    ["seed", "Seed for reproducible sampling."],
    ["thinking_budget", "Most tokens the reasoning may use."],
  ] as const) {
    if (accepted.has(field)) properties[field] = number(field, description);
  }
  const control = reasoningControlOf(spec);
  if (control?.kind === "effort") {
    properties.reasoning_effort = { enum: [...control.efforts], description: `How much ${spec.id} thinks (default ${control.defaultEffort}); it takes no thinking field.` };
  }
  if (rules.family === "moonshot") {
    if (control?.kind !== "effort") {
      properties.thinking = { type: "object", properties: { type: { enum: ["enabled", "disabled"] }, keep: { enum: ["all"] } }, description: "Moonshot's thinking switch; keep: \"all\" preserves reasoning (kimi-k2.6, kimi-k2.7-code)." };
    }
    properties.prompt_cache_key = { type: "string", description: "Session or task id that helps the prompt cache hit." };
  } else if (rules.family === "dashscope") {
    properties.enable_thinking = { type: "boolean", description: "DashScope's thinking switch." };
    properties.preserve_thinking = { type: "boolean", description: "Keep reasoning across turns (kimi-k2.6, kimi-k2.7-code)." };
    properties.enable_search = { type: "boolean", description: "Let the model search the web." };
    properties.vl_high_resolution_images = { type: "boolean", description: "Raise the per-image token cap." };
  } else {
    properties.chat_template_kwargs = { type: "object", properties: { thinking: { type: "boolean" } }, description: "Kimi's chat template reads the thinking switch here." };
  }
  return { type: "object", required: ["model", "messages"], properties, additionalProperties: true };
}
