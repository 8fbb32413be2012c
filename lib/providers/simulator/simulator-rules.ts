import type { ModelSpec, SamplingPins } from "@/lib/catalog/catalog-types";
import { resolveThinkingEnabled, samplingFor } from "@/lib/catalog/model-catalog";
import { invalidRequest, type SimulatorError, type SimulatorRequest } from "./simulator-request";

/** The request's thinking state after the model's rules are applied. */
export interface ThinkingState {
  enabled: boolean;
  preserved: boolean;
}

/** A function name as Moonshot accepts it. */
export const toolNamePattern = /^[a-zA-Z_][a-zA-Z0-9-_]{2,63}$/;

const samplingFields = ["temperature", "top_p", "n", "presence_penalty", "frequency_penalty"] as const satisfies ReadonlyArray<keyof SamplingPins>;

function checkThinking({ request, spec }: { request: SimulatorRequest; spec: ModelSpec }): { ok: true; state: ThinkingState } | { ok: false; error: SimulatorError } {
  const { thinking } = request;
  if (thinking && thinking.type !== "enabled" && thinking.type !== "disabled") {
    return { ok: false, error: invalidRequest(`invalid thinking: type must be "enabled" or "disabled", got "${thinking.type}"`) };
  }
  if (thinking?.type === "disabled" && spec.thinking.mode === "always") {
    // Recorded wording (api-wire-facts.md §1.2).
    return { ok: false, error: invalidRequest("invalid thinking: only type=enabled is allowed for this model") };
  }
  const keep = thinking?.keep;
  if (keep !== null && keep !== undefined) {
    if (keep !== "all") return { ok: false, error: invalidRequest(`invalid thinking: keep only accepts "all", got "${keep}"`) };
    if (spec.preservedThinking === "none") return { ok: false, error: invalidRequest("invalid thinking: keep is not supported for this model") };
  }
  const enabled = resolveThinkingEnabled({ spec, requested: thinking ? thinking.type === "enabled" : undefined });
  const preserved = enabled && (spec.preservedThinking === "always" || keep === "all");
  return { ok: true, state: { enabled, preserved } };
}

function checkSampling({ request, spec, thinking }: { request: SimulatorRequest; spec: ModelSpec; thinking: ThinkingState }): SimulatorError | undefined {
  if (spec.sampling?.pinned) {
    const pins = samplingFor({ spec, thinkingEnabled: thinking.enabled });
    for (const field of samplingFields) {
      const pinned = pins[field];
      const sent = request[field];
      if (pinned !== undefined && sent !== null && sent !== undefined && sent !== pinned) {
        const mode = spec.sampling.thinking && spec.sampling.nonThinking ? (thinking.enabled ? " in thinking mode" : " in non-thinking mode") : "";
        return invalidRequest(`invalid ${field}: only ${pinned} is allowed for this model${mode}`);
      }
    }
  }
  const { temperature, top_p: topP, n, presence_penalty: presence, frequency_penalty: frequency } = request;
  if (temperature != null && (temperature < 0 || temperature > 1)) return invalidRequest(`Invalid request: temperature must be between 0 and 1, got ${temperature}`);
  if (topP != null && (topP < 0 || topP > 1)) return invalidRequest(`Invalid request: top_p must be between 0 and 1, got ${topP}`);
  if (n != null && (n < 1 || n > 5)) return invalidRequest(`Invalid request: n must be between 1 and 5, got ${n}`);
  if (presence != null && (presence < -2 || presence > 2)) return invalidRequest(`Invalid request: presence_penalty must be between -2 and 2, got ${presence}`);
  if (frequency != null && (frequency < -2 || frequency > 2)) return invalidRequest(`Invalid request: frequency_penalty must be between -2 and 2, got ${frequency}`);
  return undefined;
}

function checkStop(request: SimulatorRequest): SimulatorError | undefined {
  const stops = request.stop === null || request.stop === undefined ? [] : Array.isArray(request.stop) ? request.stop : [request.stop];
  if (stops.length > 5) return invalidRequest(`Invalid request: stop accepts at most 5 sequences, got ${stops.length}`);
  const tooLong = stops.find((stop) => new TextEncoder().encode(stop).length > 32);
  if (tooLong !== undefined) return invalidRequest(`Invalid request: each stop sequence must be at most 32 bytes, "${tooLong.slice(0, 40)}" is longer`);
  return undefined;
}

function checkTools({ request, thinking }: { request: SimulatorRequest; thinking: ThinkingState }): SimulatorError | undefined {
  const tools = request.tools ?? [];
  if (tools.length > 128) return invalidRequest(`Invalid request: at most 128 tools are allowed, got ${tools.length}`);
  for (const tool of tools) {
    const { name } = tool.function;
    if (tool.type === "builtin_function") {
      if (!name.startsWith("$")) return invalidRequest(`Invalid request: unknown builtin function ${name}`);
      if (name === "$web_search" && thinking.enabled) {
        return invalidRequest("Invalid request: thinking must be disabled when using the $web_search builtin function");
      }
      continue;
    }
    if (tool.type !== "function") return invalidRequest(`Invalid request: unknown tool type ${tool.type}`);
    if (!toolNamePattern.test(name)) {
      return invalidRequest(`Invalid request: function name "${name}" must match ^[a-zA-Z_][a-zA-Z0-9-_]{2,63}$`);
    }
    const parameters = tool.function.parameters;
    if (parameters !== undefined && (typeof parameters !== "object" || parameters === null || Array.isArray(parameters))) {
      return invalidRequest(`Invalid request: parameters of function "${name}" must be a JSON Schema object`);
    }
  }
  const choice = request.tool_choice;
  if (choice !== null && choice !== undefined) {
    if (typeof choice === "string" && !["auto", "none", "required"].includes(choice)) {
      return invalidRequest(`Invalid request: tool_choice must be "auto", "none", "required" or a function, got "${choice}"`);
    }
    if (thinking.enabled && choice !== "auto" && choice !== "none") {
      // Recorded wording for "required" (api-wire-facts.md §1.2).
      const label = typeof choice === "string" ? `'${choice}'` : `'function ${choice.function.name}'`;
      return invalidRequest(`tool_choice ${label} is incompatible with thinking enabled`);
    }
    if (typeof choice === "object" && !tools.some((tool) => tool.function.name === choice.function.name)) {
      return invalidRequest(`Invalid request: tool_choice names function "${choice.function.name}", which is not in tools`);
    }
  }
  return undefined;
}

function checkMessages({ request, thinking }: { request: SimulatorRequest; thinking: ThinkingState }): SimulatorError | undefined {
  const { messages } = request;
  if (messages.length === 0) return invalidRequest("Invalid request: messages must not be empty");
  const knownCallIds = new Set<string>();
  for (const [index, message] of messages.entries()) {
    if (message.role === "assistant" && message.tool_calls && message.tool_calls.length > 0) {
      if (thinking.enabled && !message.reasoning_content) {
        // Documented wording (thinking guide; api-wire-facts.md §1.2).
        return invalidRequest("thinking is enabled but reasoning_content is missing in assistant tool call message");
      }
      for (const call of message.tool_calls) knownCallIds.add(call.id);
    }
    if (message.role === "tool") {
      if (!message.tool_call_id) return invalidRequest(`Invalid request: messages[${index}] has role tool but no tool_call_id`);
      if (!knownCallIds.has(message.tool_call_id)) {
        return invalidRequest(`Invalid request: tool_call_id ${message.tool_call_id} in messages[${index}] does not match any earlier tool call`);
      }
    }
    if (message.partial && (message.role !== "assistant" || index !== messages.length - 1)) {
      return invalidRequest("Invalid request: partial is only allowed on the last message, which must be an assistant message");
    }
  }
  const last = messages[messages.length - 1]!;
  if (last.partial && request.response_format?.type === "json_object") {
    return invalidRequest("Invalid request: partial mode cannot be combined with response_format json_object");
  }
  return undefined;
}

/** Checks a request against the documented rules; the first broken rule is reported. */
export function checkSimulatorRequest({
  request,
  spec,
}: {
  request: SimulatorRequest;
  spec: ModelSpec;
}): { ok: true; thinking: ThinkingState } | { ok: false; error: SimulatorError } {
  const thinking = checkThinking({ request, spec });
  if (!thinking.ok) return thinking;
  const state = thinking.state;
  const format = request.response_format?.type;
  if (format !== undefined && !["text", "json_object", "json_schema"].includes(format)) {
    return { ok: false, error: invalidRequest(`Invalid request: response_format.type must be text, json_object or json_schema, got ${format}`) };
  }
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens !== null && maxTokens !== undefined && maxTokens < 1) {
    return { ok: false, error: invalidRequest(`Invalid request: max_tokens must be at least 1, got ${maxTokens}`) };
  }
  const error =
    checkSampling({ request, spec, thinking: state }) ?? checkStop(request) ?? checkTools({ request, thinking: state }) ?? checkMessages({ request, thinking: state });
  if (error) return { ok: false, error };
  return { ok: true, thinking: state };
}
