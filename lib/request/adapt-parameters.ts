import type { ModelSpec, ProviderId } from "@/lib/catalog/catalog-types";
import { acceptedParameters, maxTokensLimit, parameterNames, rulesFor, type NumericRange } from "@/lib/catalog/provider-parameters";
import type { RequestParameters } from "@/lib/conversation/conversation-types";
import { pinnedSampling } from "./request-rules";
import { readPreserveThinking, readThinkingSwitch, requestThinks, writeThinkingFields } from "@/lib/catalog/thinking-fields";

/** One change the workbench made to the parameters, said the way the user reads it. */
export interface ParameterChange {
  field: string;
  description: string;
}

// Fields that carry the thinking switch in one family or another; translated, not dropped.
const thinkingFieldNames = new Set(["thinking", "enable_thinking", "preserve_thinking", "chat_template_kwargs"]);

function clamp(value: number, range: NumericRange): number {
  return Math.min(range.max, Math.max(range.min, value));
}

/**
 * Fits the parameters to another provider or model: the thinking switch is moved to the new
 * provider's field names, parameters the new provider does not take are dropped, pinned sampling
 * and locked thinking are removed, numbers are brought into range, and a tool_choice that is not
 * allowed becomes "auto". Every change is returned with its reason; fields the form does not know
 * (set in the JSON view) are kept.
 */
export function adaptParameters({
  parameters,
  from,
  to,
  spec,
}: {
  parameters: RequestParameters;
  from: ProviderId;
  to: ProviderId;
  spec: ModelSpec & { known?: boolean };
}): { parameters: RequestParameters; changes: ParameterChange[] } {
  const fromFamily = rulesFor(from).family;
  const rules = rulesFor(to);
  const accepted = new Set<string>(acceptedParameters({ providerId: to, spec }));
  const changes: ParameterChange[] = [];
  let thinking = readThinkingSwitch({ fields: parameters, family: fromFamily });
  let preserve = readPreserveThinking({ fields: parameters, family: fromFamily });
  if (thinking === false && spec.thinking.mode === "always") {
    changes.push({ field: "thinking", description: `Thinking off removed: ${spec.id} always thinks.` });
    thinking = undefined;
  }
  if (thinking !== undefined && spec.thinking.mode === "none") {
    changes.push({ field: "thinking", description: `Thinking switch removed: ${spec.id} does not think.` });
    thinking = undefined;
  }
  if (preserve !== undefined && !accepted.has("preserve_thinking")) {
    changes.push({ field: "preserve_thinking", description: `Preserved thinking removed: ${spec.id} does not accept it here.` });
    preserve = undefined;
  }
  let next: RequestParameters = {};
  for (const [field, value] of Object.entries(parameters)) {
    if (thinkingFieldNames.has(field)) {
      // chat_template_kwargs may hold more than the switch; keep the rest.
      if (field === "chat_template_kwargs" && typeof value === "object" && value !== null) {
        const { thinking: _switch, ...others } = value as Record<string, unknown>;
        if (Object.keys(others).length > 0) next.chat_template_kwargs = others;
      }
      continue;
    }
    const known = (parameterNames as readonly string[]).includes(field) || field === "max_completion_tokens";
    if (known && !accepted.has(field === "max_completion_tokens" ? "max_tokens" : field)) {
      changes.push({ field, description: `${field} removed: not accepted by this provider${field === "prompt_cache_key" ? " (it is Moonshot's)" : ""}.` });
      continue;
    }
    next[field] = value;
  }
  if (rules.family !== "self-hosted" || thinking !== undefined || preserve !== undefined) {
    next = writeThinkingFields({ fields: next, family: rules.family, thinking, preserve });
  }
  const thinks = requestThinks({ fields: next, family: rules.family, spec });
  for (const [field, pinned] of Object.entries(pinnedSampling({ providerId: to, spec, thinking: thinks }))) {
    if (field in next && next[field] !== pinned) {
      changes.push({ field, description: `${field} ${String(next[field])} removed: ${spec.id} fixes it at ${pinned}${thinks ? " while thinking" : " without thinking"}.` });
      delete next[field];
    }
  }
  for (const [field, range] of Object.entries(rules.ranges) as Array<[string, NumericRange]>) {
    const value = next[field];
    if (typeof value !== "number") continue;
    const clamped = clamp(value, range);
    if (clamped !== value) {
      changes.push({ field, description: `${field} ${value} changed to ${clamped} (the provider's range is ${range.min}–${range.max}).` });
      next[field] = clamped;
    }
  }
  const limit = maxTokensLimit(spec);
  if (typeof next.max_tokens === "number" && next.max_tokens > limit && spec.known !== false) {
    changes.push({ field: "max_tokens", description: `max_tokens ${next.max_tokens.toLocaleString("en-US")} lowered to ${limit.toLocaleString("en-US")}, ${spec.id}'s limit.` });
    next.max_tokens = limit;
  }
  const choice = next.tool_choice;
  if (choice !== undefined) {
    const kind = typeof choice === "string" ? choice : "function";
    const allowed: readonly string[] = thinks ? rules.toolChoice.thinking : rules.toolChoice.nonThinking;
    if (!allowed.includes(kind)) {
      changes.push({ field: "tool_choice", description: `tool_choice ${typeof choice === "string" ? `"${choice}"` : "(a named function)"} changed to "auto": ${thinks ? "not allowed while thinking" : "not accepted by this provider"}.` });
      next.tool_choice = "auto";
    }
  }
  return { parameters: next, changes };
}
