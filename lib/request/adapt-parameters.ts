import type { ModelSpec, ProviderId } from "@/lib/catalog/catalog-types";
import { reasoningControlOf } from "@/lib/catalog/model-catalog";
import { acceptedParameters, allowedToolChoices, maxTokensLimit, outputCapField, parameterNames, rulesFor, type NumericRange, type ParameterName } from "@/lib/catalog/provider-parameters";
import type { RequestParameters } from "@/lib/conversation/conversation-types";
import { pinnedSampling } from "./request-rules";
import { readPreserveThinking, readThinkingSwitch, requestThinks, writeThinkingFields } from "@/lib/catalog/thinking-fields";

/** One change the workbench made to the parameters, said the way the user reads it. */
export interface ParameterChange {
  field: string;
  /** In English; the page words it from `parameterChanges.<code>` with `values`. */
  description: string;
  code: string;
  values: Record<string, string | number>;
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
  const control = reasoningControlOf(spec);
  // K3-style models take reasoning_effort and no thinking field; K2.x models the reverse.
  if (control?.kind === "effort") {
    if (thinking !== undefined || preserve !== undefined) {
      changes.push({ field: "thinking", description: `Thinking switch removed: ${spec.id} always thinks, as deeply as reasoning_effort says (default ${control.defaultEffort}).`, code: "thinking-for-effort", values: { model: spec.id, defaultEffort: control.defaultEffort } });
      thinking = undefined;
      preserve = undefined;
    }
  }
  if (thinking === false && spec.thinking.mode === "always") {
    changes.push({ field: "thinking", description: `Thinking off removed: ${spec.id} always thinks.`, code: "thinking-always", values: { model: spec.id } });
    thinking = undefined;
  }
  if (thinking !== undefined && spec.thinking.mode === "none") {
    changes.push({ field: "thinking", description: `Thinking switch removed: ${spec.id} does not think.`, code: "thinking-none", values: { model: spec.id } });
    thinking = undefined;
  }
  if (preserve !== undefined && !accepted.has("preserve_thinking")) {
    changes.push({ field: "preserve_thinking", description: `Preserved thinking removed: ${spec.id} does not accept it here.`, code: "preserve-unsupported", values: { model: spec.id } });
    preserve = undefined;
  }
  let next: RequestParameters = {};
  // The answer's cap goes by the provider's own name for it (max_completion_tokens on Moonshot).
  const capField = outputCapField(to);
  const otherCapField = capField === "max_tokens" ? "max_completion_tokens" : "max_tokens";
  for (const [field, value] of Object.entries(parameters)) {
    if (field === "reasoning_effort") {
      if (control?.kind !== "effort") changes.push({ field, description: `reasoning_effort removed: ${spec.id} takes none (K3 models do)${spec.thinking.mode === "optional" ? "; its thinking switch decides instead" : ""}.`, code: "effort-unsupported", values: { model: spec.id, optional: spec.thinking.mode === "optional" ? "yes" : "no" } });
      else if (typeof value !== "string" || !control.efforts.includes(value)) changes.push({ field, description: `reasoning_effort ${JSON.stringify(value)} removed: ${spec.id} takes ${control.efforts.join(", ")} (default ${control.defaultEffort}).`, code: "effort-value", values: { value: JSON.stringify(value), model: spec.id, efforts: control.efforts.join(", "), defaultEffort: control.defaultEffort } });
      else next[field] = value;
      continue;
    }
    if (field === otherCapField) {
      if (parameters[capField] === undefined) {
        changes.push({ field, description: `${field} ${String(value)} sent as ${capField}, ${rules.family === "moonshot" ? "Moonshot's documented name (max_tokens is deprecated there)" : "this provider's name for it"}.`, code: "cap-renamed", values: { field, value: String(value), capField, moonshot: rules.family === "moonshot" ? "yes" : "no" } });
        next[capField] = value;
      } else changes.push({ field, description: `${field} removed: ${capField} is set, and it is this provider's name for the cap.`, code: "cap-duplicate", values: { field, capField } });
      continue;
    }
    if (thinkingFieldNames.has(field)) {
      // chat_template_kwargs may hold more than the switch; keep the rest.
      if (field === "chat_template_kwargs" && typeof value === "object" && value !== null) {
        const { thinking: _switch, ...others } = value as Record<string, unknown>;
        if (Object.keys(others).length > 0) next.chat_template_kwargs = others;
      }
      continue;
    }
    const known = (parameterNames as readonly string[]).includes(field);
    if (known && !accepted.has(field as ParameterName)) {
      changes.push({ field, description: `${field} removed: not accepted by this provider${field === "prompt_cache_key" ? " (it is Moonshot's)" : ""}.`, code: "not-accepted", values: { field, moonshotOnly: field === "prompt_cache_key" ? "yes" : "no" } });
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
      changes.push({ field, description: `${field} ${String(next[field])} removed: ${spec.id} fixes it at ${pinned}${thinks ? " while thinking" : " without thinking"}.`, code: "pinned", values: { field, value: String(next[field]), model: spec.id, pinned: String(pinned), thinks: thinks ? "yes" : "no" } });
      delete next[field];
    }
  }
  for (const [field, range] of Object.entries(rules.ranges) as Array<[string, NumericRange]>) {
    const value = next[field];
    if (typeof value !== "number") continue;
    const clamped = clamp(value, range);
    if (clamped !== value) {
      changes.push({ field, description: `${field} ${value} changed to ${clamped} (the provider's range is ${range.min}–${range.max}).`, code: "clamped", values: { field, value: String(value), clamped: String(clamped), min: String(range.min), max: String(range.max) } });
      next[field] = clamped;
    }
  }
  const limit = maxTokensLimit(spec);
  const cap = next[capField];
  if (typeof cap === "number" && cap > limit && spec.known !== false) {
    changes.push({ field: capField, description: `${capField} ${cap.toLocaleString("en-US")} lowered to ${limit.toLocaleString("en-US")}, ${spec.id}'s limit.`, code: "cap-lowered", values: { capField, cap, limit, model: spec.id } });
    next[capField] = limit;
  }
  const choice = next.tool_choice;
  if (choice !== undefined) {
    const kind = typeof choice === "string" ? choice : "function";
    const allowed: readonly string[] = allowedToolChoices({ providerId: to, spec, thinkingEnabled: thinks });
    if (!allowed.includes(kind)) {
      changes.push({
        field: "tool_choice",
        description: `tool_choice ${typeof choice === "string" ? `"${choice}"` : "(a named function)"} changed to "auto": ${thinks ? "not allowed while thinking" : "not accepted by this provider"}.`,
        code: "tool-choice-auto",
        values: { choice: typeof choice === "string" ? `"${choice}"` : "", named: typeof choice === "string" ? "no" : "yes", thinks: thinks ? "yes" : "no" },
      });
      next.tool_choice = "auto";
    }
  }
  return { parameters: next, changes };
}
