import type { ModelSpec } from "@/lib/catalog/catalog-types";
import { reasoningControlOf } from "@/lib/catalog/model-catalog";
import { checkRequest, type CheckableRequest } from "@/lib/request/request-rules";
import { readPreserveThinking, requestThinks } from "@/lib/catalog/thinking-fields";
import { invalidRequest, type SimulatorError, type SimulatorRequest } from "./simulator-request";

/** The request's thinking state after the model's rules are applied. */
export interface ThinkingState {
  enabled: boolean;
  preserved: boolean;
  /** How much a model steered by reasoning_effort (K3) thinks: the request's effort or the model's default. */
  effort?: string;
}

/**
 * Checks a request the way the Moonshot API does, with the workbench's rule engine (the same rules
 * the UI holds requests back for); the first broken rule is answered in the service's wording.
 */
export function checkSimulatorRequest({ request, spec }: { request: SimulatorRequest; spec: ModelSpec }): { ok: true; thinking: ThinkingState } | { ok: false; error: SimulatorError } {
  const fields = request as CheckableRequest;
  const [issue] = checkRequest({ request: fields, spec, providerId: "simulator" });
  if (issue) return { ok: false, error: invalidRequest(issue.serviceMessage) };
  const enabled = requestThinks({ fields, family: "moonshot", spec });
  const preserved = enabled && (spec.preservedThinking === "always" || readPreserveThinking({ fields, family: "moonshot" }) === true);
  const control = reasoningControlOf(spec);
  const effort = control?.kind === "effort" ? (typeof request.reasoning_effort === "string" ? request.reasoning_effort : control.defaultEffort) : undefined;
  return { ok: true, thinking: { enabled, preserved, ...(effort ? { effort } : {}) } };
}
