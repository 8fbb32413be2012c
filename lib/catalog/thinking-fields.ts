import type { ModelSpec } from "./catalog-types";
import { resolveThinkingEnabled } from "./model-catalog";
import type { ParameterFamily } from "./provider-parameters";

// Each provider switches thinking with its own field: Moonshot `thinking: {type, keep}`, DashScope
// `enable_thinking` / `preserve_thinking`, self-hosted Kimi templates `chat_template_kwargs.thinking`.
// Requests carry the provider's own names, so what the user sees is what the provider gets.

type Fields = Record<string, unknown>;

function asRecord(value: unknown): Fields | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

/** The thinking switch as the request sets it: true, false, or undefined (the model's default). */
export function readThinkingSwitch({ fields, family }: { fields: Fields; family: ParameterFamily }): boolean | undefined {
  if (family === "moonshot") {
    const type = asRecord(fields.thinking)?.type;
    return type === "enabled" ? true : type === "disabled" ? false : undefined;
  }
  if (family === "dashscope") return typeof fields.enable_thinking === "boolean" ? fields.enable_thinking : undefined;
  const thinking = asRecord(fields.chat_template_kwargs)?.thinking;
  return typeof thinking === "boolean" ? thinking : undefined;
}

/** Whether the request asks for preserved thinking. */
export function readPreserveThinking({ fields, family }: { fields: Fields; family: ParameterFamily }): boolean | undefined {
  if (family === "moonshot") return asRecord(fields.thinking)?.keep === "all" ? true : undefined;
  if (family === "dashscope") return typeof fields.preserve_thinking === "boolean" ? fields.preserve_thinking : undefined;
  return undefined;
}

/** Sets (or, with undefined, removes) the thinking switch and preserved thinking in the provider's names. */
export function writeThinkingFields({
  fields,
  family,
  thinking,
  preserve,
}: {
  fields: Fields;
  family: ParameterFamily;
  thinking: boolean | undefined;
  preserve: boolean | undefined;
}): Fields {
  const next: Fields = { ...fields };
  if (family === "moonshot") {
    delete next.thinking;
    if (thinking !== undefined || preserve) {
      next.thinking = { type: thinking === false ? "disabled" : "enabled", ...(preserve ? { keep: "all" } : {}) };
    }
  } else if (family === "dashscope") {
    delete next.enable_thinking;
    delete next.preserve_thinking;
    if (thinking !== undefined) next.enable_thinking = thinking;
    if (preserve !== undefined) next.preserve_thinking = preserve;
  } else {
    const kwargs = { ...(asRecord(next.chat_template_kwargs) ?? {}) };
    delete kwargs.thinking;
    if (thinking !== undefined) kwargs.thinking = thinking;
    if (Object.keys(kwargs).length > 0) next.chat_template_kwargs = kwargs;
    else delete next.chat_template_kwargs;
  }
  return next;
}

/** Whether a request will think, given its switch and the model's rules. */
export function requestThinks({ fields, family, spec }: { fields: Fields; family: ParameterFamily; spec: ModelSpec }): boolean {
  return resolveThinkingEnabled({ spec, requested: readThinkingSwitch({ fields, family }) });
}
