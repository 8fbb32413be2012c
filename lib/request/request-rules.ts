import type { ModelSpec, ProviderId, SamplingPins, ToolChoiceKind } from "@/lib/catalog/catalog-types";
import { reasoningControlOf, samplingFor } from "@/lib/catalog/model-catalog";
import { allowedToolChoices, maxTokensLimit, outputCapField, rulesFor, type NumericRange, type ParameterRules } from "@/lib/catalog/provider-parameters";
import { readPreserveThinking, readThinkingSwitch, requestThinks } from "@/lib/catalog/thinking-fields";
import { dialectRefusal, findDialectProblem } from "./moonshot-json-schema";

/** A documented constraint a request breaks. */
export interface RuleIssue {
  /** Where in the request body (for inline marks in the JSON view). */
  path: Array<string | number>;
  /** Stable id of the rule. */
  rule: string;
  /** What is wrong and how to fix it, for the user (English; the page words it from `rules.<rule>` with `values`). */
  message: string;
  /** The message's figures and names, for the catalog's wording in the page's language. */
  values: RuleValues;
  /** What the service answers, in its own (recorded) wording where known. */
  serviceMessage: string;
}

/** The arguments of a rule's message: text as shown (numbers too, unless the catalog formats them as `{x, number}`), select arguments as "yes" / "no" or a keyword. */
export type RuleValues = Record<string, string | number>;

/** A request as checked: any JSON object (it may come from the JSON view, a preset or a client). */
export type CheckableRequest = Record<string, unknown>;

/** A model's facts; `known: false` marks models the catalog does not know (no upper bounds enforced). */
type CheckedSpec = ModelSpec & { known?: boolean };

type Message = { role?: unknown; content?: unknown; reasoning_content?: unknown; tool_calls?: unknown; tool_call_id?: unknown; partial?: unknown };

const samplingFields = ["temperature", "top_p", "n", "presence_penalty", "frequency_penalty"] as const satisfies ReadonlyArray<keyof SamplingPins>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeRange(range: NumericRange): string {
  return `${range.minExclusive ? "greater than" : "at least"} ${range.min} and ${range.maxExclusive ? "less than" : "at most"} ${range.max}`;
}

function outOfRange(value: number, range: NumericRange): boolean {
  return range.minExclusive ? value <= range.min : value < range.min || (range.maxExclusive ? value >= range.max : value > range.max);
}

function checkReasoningEffort({ request, spec, rules, issues }: { request: CheckableRequest; spec: ModelSpec; rules: ParameterRules & { family: string }; issues: RuleIssue[] }) {
  if (rules.family !== "moonshot") return;
  const control = reasoningControlOf(spec);
  const effort = request.reasoning_effort;
  if (control?.kind === "effort") {
    if (request.thinking !== undefined && request.thinking !== null) {
      issues.push({
        path: ["thinking"],
        rule: "thinking-with-effort",
        message: `${spec.id} has no thinking switch: it always thinks, as deeply as reasoning_effort says (${control.efforts.join(", ")}; default ${control.defaultEffort}). Remove thinking.`,
        values: { model: spec.id, efforts: control.efforts.join(", "), defaultEffort: control.defaultEffort },
        serviceMessage: "invalid request: thinking is not supported for this model, use reasoning_effort",
      });
    }
    if (effort !== undefined && (typeof effort !== "string" || !control.efforts.includes(effort))) {
      issues.push({
        path: ["reasoning_effort"],
        rule: "reasoning-effort-value",
        message: `reasoning_effort must be ${control.efforts.map((value) => `"${value}"`).join(", ")} for ${spec.id}; it is ${JSON.stringify(effort)}.`,
        values: { efforts: control.efforts.map((value) => `"${value}"`).join(", "), model: spec.id, value: JSON.stringify(effort) },
        serviceMessage: `invalid reasoning_effort: must be one of ${control.efforts.join(", ")}`,
      });
    }
  } else if (effort !== undefined) {
    issues.push({
      path: ["reasoning_effort"],
      rule: "reasoning-effort-unsupported",
      message: `${spec.id} takes no reasoning_effort (K3 models do)${spec.thinking.mode === "optional" ? "; switch thinking with thinking.type instead" : ""}. Remove reasoning_effort.`,
      values: { model: spec.id, optional: spec.thinking.mode === "optional" ? "yes" : "no" },
      serviceMessage: "invalid request: reasoning_effort is not supported for this model",
    });
  }
}

function checkThinking({ request, spec, rules, issues }: { request: CheckableRequest; spec: ModelSpec; rules: ParameterRules & { family: string }; issues: RuleIssue[] }) {
  if (!rules.documentedRules) return;
  checkReasoningEffort({ request, spec, rules, issues });
  // Models steered by reasoning_effort are checked above; their thinking field is refused whole.
  if (reasoningControlOf(spec)?.kind === "effort") return;
  const family = rules.family as "moonshot" | "dashscope";
  const requested = readThinkingSwitch({ fields: request, family });
  const field = family === "moonshot" ? ["thinking", "type"] : ["enable_thinking"];
  if (requested === false && spec.thinking.mode === "always") {
    issues.push({
      path: field,
      rule: "thinking-always-on",
      message: `${spec.id} always thinks; turning thinking off is rejected. Remove ${field.join(".")}.`,
      values: { model: spec.id, field: field.join(".") },
      serviceMessage: family === "moonshot" ? "invalid thinking: only type=enabled is allowed for this model" : `enable_thinking cannot be false for ${spec.id}`,
    });
  }
  if (readPreserveThinking({ fields: request, family }) && spec.preservedThinking === "none") {
    issues.push({
      path: family === "moonshot" ? ["thinking", "keep"] : ["preserve_thinking"],
      rule: "preserved-thinking-unsupported",
      message: `${spec.id} does not accept preserved thinking (only kimi-k2.6 and kimi-k2.7-code do). Remove ${family === "moonshot" ? "thinking.keep" : "preserve_thinking"}.`,
      values: { model: spec.id, field: family === "moonshot" ? "thinking.keep" : "preserve_thinking" },
      serviceMessage: family === "moonshot" ? "invalid thinking: keep is not supported for this model" : `preserve_thinking is not supported for ${spec.id}`,
    });
  }
}

/**
 * Sampling values the service fixes for a model in a thinking state (any other value is rejected);
 * empty where the model pins nothing or the provider's rules are not documented (self-hosted).
 */
export function pinnedSampling({ providerId, spec, thinking }: { providerId: ProviderId; spec: ModelSpec; thinking: boolean }): SamplingPins {
  return rulesFor(providerId).documentedRules && spec.sampling?.pinned ? samplingFor({ spec, thinkingEnabled: thinking }) : {};
}

/** Documented defaults the service applies when a sampling field is left out (none where values are pinned). */
export function defaultSampling({ spec, thinking }: { spec: ModelSpec; thinking: boolean }): SamplingPins {
  return spec.sampling?.pinned ? {} : samplingFor({ spec, thinkingEnabled: thinking });
}

/** Whether a model's documented sampling values differ between thinking and non-thinking mode. */
export function samplingDependsOnThinking(spec: ModelSpec): boolean {
  return spec.sampling?.thinking !== undefined && spec.sampling?.nonThinking !== undefined;
}

function checkSampling({ request, spec, rules, thinking, issues, providerId }: { request: CheckableRequest; spec: CheckedSpec; rules: ParameterRules; thinking: boolean; issues: RuleIssue[]; providerId: ProviderId }) {
  const pins = pinnedSampling({ providerId, spec, thinking });
  const mode = samplingDependsOnThinking(spec) ? (thinking ? " in thinking mode" : " in non-thinking mode") : "";
  for (const field of samplingFields) {
    const value = request[field];
    const pinned = pins[field];
    if (typeof value !== "number") continue;
    if (pinned !== undefined && value !== pinned) {
      issues.push({
        path: [field],
        rule: "pinned-sampling",
        message: `${spec.id} fixes ${field} at ${pinned}${mode}; any other value is rejected. Remove ${field} (the service uses ${pinned}).`,
        values: { model: spec.id, field, pinned: String(pinned), mode: samplingDependsOnThinking(spec) ? (thinking ? "thinking" : "nonThinking") : "any" },
        // The service's own words (recorded): it does not name the thinking mode.
        serviceMessage: `invalid ${field}: only ${pinned} is allowed for this model`,
      });
    }
  }
  for (const [field, range] of Object.entries(rules.ranges) as Array<[string, NumericRange]>) {
    const value = request[field];
    if (typeof value !== "number" || !outOfRange(value, range)) continue;
    issues.push({
      path: [field],
      rule: "out-of-range",
      message: `${field} must be ${describeRange(range)} on this provider; it is ${value}.`,
      values: { field, min: String(range.min), max: String(range.max), minExclusive: range.minExclusive ? "yes" : "no", maxExclusive: range.maxExclusive ? "yes" : "no", value: String(value) },
      serviceMessage: `Invalid request: ${field} must be ${describeRange(range)}, got ${value}`,
    });
  }
  for (const field of ["max_tokens", "max_completion_tokens"]) {
    const value = request[field];
    if (typeof value !== "number") continue;
    const limit = maxTokensLimit(spec);
    if (value < 1 || (spec.known !== false && value > limit)) {
      issues.push({
        path: [field],
        rule: "max-tokens",
        message: `${field} must be from 1 to ${limit.toLocaleString("en-US")} for ${spec.id}; it is ${value.toLocaleString("en-US")}.`,
        values: { field, limit, model: spec.id, value },
        serviceMessage: value < 1 ? `Invalid request: ${field} must be at least 1, got ${value}` : `Your request exceeded model token limit : ${spec.contextWindow}`,
      });
    }
  }
}

function checkStop({ request, rules, issues }: { request: CheckableRequest; rules: ParameterRules; issues: RuleIssue[] }) {
  if (!rules.stop) return;
  const stops = typeof request.stop === "string" ? [request.stop] : Array.isArray(request.stop) ? request.stop.filter((stop): stop is string => typeof stop === "string") : [];
  if (stops.length > rules.stop.maxSequences) {
    issues.push({
      path: ["stop"],
      rule: "stop-count",
      message: `At most ${rules.stop.maxSequences} stop sequences are allowed; there are ${stops.length}.`,
      values: { max: String(rules.stop.maxSequences), count: String(stops.length) },
      serviceMessage: `Invalid request: stop accepts at most ${rules.stop.maxSequences} sequences, got ${stops.length}`,
    });
  }
  const encoder = new TextEncoder();
  stops.forEach((stop, index) => {
    if (stop === "") {
      issues.push({ path: Array.isArray(request.stop) ? ["stop", index] : ["stop"], rule: "stop-empty", message: "An empty stop sequence would end the answer at once; fill it in or remove it.", values: {}, serviceMessage: "Invalid request: stop sequences must not be empty" });
    }
    const bytes = encoder.encode(stop).length;
    if (bytes > rules.stop!.maxBytes) {
      issues.push({
        path: Array.isArray(request.stop) ? ["stop", index] : ["stop"],
        rule: "stop-length",
        message: `Each stop sequence may be at most ${rules.stop!.maxBytes} bytes; "${stop.slice(0, 20)}…" is ${bytes}.`,
        values: { max: String(rules.stop!.maxBytes), stop: stop.slice(0, 20), bytes: String(bytes) },
        serviceMessage: `Invalid request: each stop sequence must be at most ${rules.stop!.maxBytes} bytes, "${stop.slice(0, 40)}" is longer`,
      });
    }
  });
}

/** Structural checks of a function's `parameters` as JSON Schema; returns a problem or undefined. */
export function describeSchemaProblem(schema: unknown): string | undefined {
  if (!isRecord(schema)) return "must be a JSON Schema object";
  if (schema.type !== undefined && schema.type !== "object") return `must describe an object ("type": "object"), not "${String(schema.type)}"`;
  if (schema.properties !== undefined && !isRecord(schema.properties)) return '"properties" must be an object';
  if (schema.required !== undefined) {
    if (!Array.isArray(schema.required) || schema.required.some((name) => typeof name !== "string")) return '"required" must be an array of property names';
    const properties = isRecord(schema.properties) ? schema.properties : {};
    const missing = (schema.required as string[]).find((name) => !(name in properties));
    if (missing) return `"required" names "${missing}", which is not in "properties"`;
  }
  return undefined;
}

const toolShapeMessage = 'Each tool needs {"type": "function", "function": {"name": …}}.';

type ToolDefinitionLike = { type?: unknown; function: { name: string; parameters?: unknown } };

function isToolDefinition(tool: unknown): tool is ToolDefinitionLike {
  return isRecord(tool) && isRecord(tool.function) && typeof tool.function.name === "string";
}

function toolParametersProblem(tool: ToolDefinitionLike): string | undefined {
  if (tool.function.parameters === undefined) return undefined;
  const problem = describeSchemaProblem(tool.function.parameters);
  return problem ? `The parameters of "${tool.function.name}" ${problem}.` : undefined;
}

/**
 * Why a value cannot be a `tools` list at all (not an array, an entry that is not a definition, a
 * `parameters` that is not an object schema), or undefined. The form refuses to apply such a value;
 * everything else is checked by {@link checkRequest} and shown beside the field.
 */
export function toolListProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'Tools must be a JSON array of {"type": "function", "function": {...}} definitions.';
  for (const [index, tool] of value.entries()) {
    if (!isToolDefinition(tool)) return `Tool ${index + 1}: ${toolShapeMessage}`;
    const problem = toolParametersProblem(tool);
    if (problem) return problem;
  }
  return undefined;
}

function checkTools({ request, rules, thinking, spec, issues, providerId }: { request: CheckableRequest; rules: ParameterRules & { family: string }; thinking: boolean; spec: ModelSpec; issues: RuleIssue[]; providerId: ProviderId }) {
  const tools = Array.isArray(request.tools) ? request.tools : [];
  if (tools.length > rules.tools.maxTools) {
    issues.push({
      path: ["tools"],
      rule: "tool-count",
      message: `At most ${rules.tools.maxTools} tools are allowed; there are ${tools.length}.`,
      values: { max: String(rules.tools.maxTools), count: String(tools.length) },
      serviceMessage: `Invalid request: at most ${rules.tools.maxTools} tools are allowed, got ${tools.length}`,
    });
  }
  const names = new Set<string>();
  tools.forEach((tool, index) => {
    if (!isToolDefinition(tool)) {
      issues.push({ path: ["tools", index], rule: "tool-shape", message: toolShapeMessage, values: {}, serviceMessage: `Invalid request: tools[${index}] is not a tool definition` });
      return;
    }
    const name = tool.function.name;
    names.add(name);
    if (tool.type === "builtin_function" && rules.family === "moonshot") {
      if (!name.startsWith("$")) issues.push({ path: ["tools", index, "function", "name"], rule: "builtin-name", message: `Builtin tools are named with a "$" (e.g. $web_search); "${name}" is not one.`, values: { name }, serviceMessage: `Invalid request: unknown builtin function ${name}` });
      if (name === "$web_search" && thinking) {
        issues.push({
          path: ["tools", index],
          rule: "web-search-thinking",
          message: `Moonshot requires thinking to be off when $web_search is used; turn thinking off or remove the tool${spec.thinking.mode === "always" ? ` (${spec.id} always thinks, so it cannot use $web_search)` : ""}.`,
          values: { model: spec.id, alwaysThinks: spec.thinking.mode === "always" ? "yes" : "no" },
          serviceMessage: "Invalid request: thinking must be disabled when using the $web_search builtin function",
        });
      }
      return;
    }
    if (tool.type !== "function") {
      issues.push({ path: ["tools", index, "type"], rule: "tool-type", message: `Tool type must be "function"${rules.family === "moonshot" ? ' (or "builtin_function" for $web_search)' : ""}, not "${String(tool.type)}".`, values: { moonshot: rules.family === "moonshot" ? "yes" : "no", type: String(tool.type) }, serviceMessage: `Invalid request: unknown tool type ${String(tool.type)}` });
    }
    if (rules.tools.namePattern && !rules.tools.namePattern.test(name)) {
      issues.push({
        path: ["tools", index, "function", "name"],
        rule: "tool-name",
        message: `Function name "${name}" must match ${rules.tools.namePattern.source}: start with a letter or _, then 2–63 letters, digits, - or _.`,
        values: { name, pattern: rules.tools.namePattern.source },
        serviceMessage: `Invalid request: function name "${name}" must match ${rules.tools.namePattern.source}`,
      });
    }
    const problem = toolParametersProblem(tool);
    if (problem) issues.push({ path: ["tools", index, "function", "parameters"], rule: "tool-parameters", message: problem, values: { name, problem: describeSchemaProblem(tool.function.parameters) ?? "" }, serviceMessage: `Invalid request: parameters of function "${name}" ${describeSchemaProblem(tool.function.parameters)}` });
    else if (rules.family === "moonshot" && tool.function.parameters !== undefined) {
      const outside = findDialectProblem(tool.function.parameters, { use: "tool-parameters" });
      if (outside) {
        issues.push({
          path: ["tools", index, "function", "parameters", ...splitSchemaPath(outside.path)],
          rule: "tool-schema-dialect",
          message: `The parameters of "${name}" leave Moonshot's JSON Schema dialect at ${outside.path || "the root"}: ${outside.problem}. Rewrite that part (a tuple's items go in prefixItems).`,
          values: { name, root: outside.path ? "no" : "yes", at: outside.path, problem: outside.problem },
          serviceMessage: dialectRefusal({ where: `tools[${index}].function.parameters`, problem: outside }),
        });
      }
    }
  });
  const choice = request.tool_choice;
  if (choice === undefined || choice === null) return;
  const kind: ToolChoiceKind | undefined =
    choice === "auto" || choice === "none" || choice === "required" ? choice : isRecord(choice) && isRecord(choice.function) && typeof choice.function.name === "string" ? "function" : undefined;
  if (!kind) {
    issues.push({ path: ["tool_choice"], rule: "tool-choice-shape", message: 'tool_choice must be "auto", "none", "required" or {"type": "function", "function": {"name": …}}.', values: {}, serviceMessage: "Invalid request: invalid tool_choice" });
    return;
  }
  const allowed = allowedToolChoices({ providerId, spec, thinkingEnabled: thinking });
  if (!allowed.includes(kind)) {
    const label = kind === "function" ? `'function ${String((choice as { function: { name: string } }).function.name)}'` : `'${kind}'`;
    const quoted = allowed.filter((value) => value !== "function").map((value) => `"${value}"`);
    const namedFunction = allowed.includes("function");
    issues.push({
      path: ["tool_choice"],
      rule: "tool-choice",
      message: thinking
        ? `With thinking on, tool_choice may only be one of ${allowed.map((value) => `"${value}"`).join(", ")}; the model cannot be forced to call a tool. Use "auto" or turn thinking off.`
        : `tool_choice ${label} is not accepted here; use ${[...quoted, ...(namedFunction ? ["a named function"] : [])].join(", ")}.`,
      values: { thinking: thinking ? "yes" : "no", allowed: thinking ? allowed.map((value) => `"${value}"`).join(", ") : quoted.join(", "), namedFunction: namedFunction ? "yes" : "no", label },
      serviceMessage: thinking ? `tool_choice ${label} is incompatible with thinking enabled` : `Invalid request: tool_choice ${label} is not supported`,
    });
  }
  if (kind === "function" && !names.has((choice as { function: { name: string } }).function.name)) {
    const name = (choice as { function: { name: string } }).function.name;
    issues.push({ path: ["tool_choice", "function", "name"], rule: "tool-choice-name", message: `tool_choice names "${name}", which is not among the tools.`, values: { name }, serviceMessage: `Invalid request: tool_choice names function "${name}", which is not in tools` });
  }
}

function checkMessages({ request, rules, thinking, spec, issues }: { request: CheckableRequest; rules: ParameterRules & { family: string }; thinking: boolean; spec: CheckedSpec; issues: RuleIssue[] }) {
  const messages = (Array.isArray(request.messages) ? request.messages : []) as Message[];
  const callIds = new Set<string>();
  messages.forEach((message, index) => {
    if (!isRecord(message)) return;
    const toolCalls = Array.isArray(message.tool_calls) ? (message.tool_calls as Array<{ id?: unknown }>) : [];
    if (message.role === "assistant" && toolCalls.length > 0) {
      for (const call of toolCalls) if (typeof call?.id === "string") callIds.add(call.id);
      if (rules.family === "moonshot" && thinking && !message.reasoning_content) {
        issues.push({
          path: ["messages", index],
          rule: "tool-call-reasoning",
          message: "With thinking on, an assistant message that made tool calls must be sent back with its reasoning_content.",
          values: {},
          serviceMessage: "thinking is enabled but reasoning_content is missing in assistant tool call message",
        });
      }
    }
    if (message.role === "tool" && (typeof message.tool_call_id !== "string" || !callIds.has(message.tool_call_id))) {
      issues.push({
        path: ["messages", index, "tool_call_id"],
        rule: "tool-result-id",
        message: `This tool result answers tool call "${String(message.tool_call_id)}", which no earlier assistant message made.`,
        values: { id: String(message.tool_call_id) },
        serviceMessage: `Invalid request: tool_call_id ${String(message.tool_call_id)} in messages[${index}] does not match any earlier tool call`,
      });
    }
    if (message.partial === true && rules.family === "moonshot" && (message.role !== "assistant" || index !== messages.length - 1)) {
      issues.push({ path: ["messages", index, "partial"], rule: "partial-position", message: "partial is only allowed on the last message, which must be an assistant message.", values: {}, serviceMessage: "Invalid request: partial is only allowed on the last message, which must be an assistant message" });
    }
    if (Array.isArray(message.content) && spec.known !== false) {
      (message.content as Array<{ type?: unknown }>).forEach((part, partIndex) => {
        const kind = part?.type === "image_url" ? "image" : part?.type === "video_url" || part?.type === "video" ? "video" : undefined;
        if (kind && !spec.input.includes(kind)) {
          issues.push({ path: ["messages", index, "content", partIndex], rule: "modality", message: `${spec.id} does not accept ${kind} input; remove it or pick a model that does (e.g. kimi-k2.6).`, values: { model: spec.id, kind }, serviceMessage: `Invalid request: model ${spec.id} does not support ${kind} input` });
        }
      });
    }
  });
  const last = messages[messages.length - 1];
  const format = isRecord(request.response_format) ? request.response_format.type : undefined;
  if (rules.family === "moonshot" && isRecord(last) && last.partial === true && format === "json_object") {
    issues.push({ path: ["response_format"], rule: "partial-json", message: "Partial mode cannot be combined with response_format json_object.", values: {}, serviceMessage: "Invalid request: partial mode cannot be combined with response_format json_object" });
  }
}

function checkResponseFormat({ request, issues, family }: { request: CheckableRequest; issues: RuleIssue[]; family: string }) {
  const format = request.response_format;
  if (format === undefined || format === null) return;
  if (!isRecord(format) || !["text", "json_object", "json_schema"].includes(String(format.type))) {
    issues.push({ path: ["response_format"], rule: "response-format", message: 'response_format.type must be "text", "json_object" or "json_schema".', values: {}, serviceMessage: `Invalid request: response_format.type must be text, json_object or json_schema, got ${isRecord(format) ? String(format.type) : "?"}` });
    return;
  }
  if (format.type !== "json_schema") return;
  const jsonSchema = format.json_schema;
  if (!isRecord(jsonSchema) || typeof jsonSchema.name !== "string" || !jsonSchema.name) {
    issues.push({ path: ["response_format", "json_schema"], rule: "json-schema-name", message: 'json_schema needs a "name" and a "schema".', values: {}, serviceMessage: "Invalid request: response_format.json_schema.name is required" });
    return;
  }
  if (!isRecord(jsonSchema.schema)) {
    issues.push({ path: ["response_format", "json_schema", "schema"], rule: "json-schema-schema", message: "json_schema.schema must be a JSON Schema object.", values: {}, serviceMessage: "Invalid request: response_format.json_schema.schema must be an object" });
    return;
  }
  if (family !== "moonshot") return;
  const outside = findDialectProblem(jsonSchema.schema, { use: "response-format" });
  if (outside) {
    issues.push({
      path: ["response_format", "json_schema", "schema", ...splitSchemaPath(outside.path)],
      rule: "json-schema-dialect",
      message: `The schema leaves Moonshot's JSON Schema dialect at ${outside.path || "the root"}: ${outside.problem}. Rewrite that part (a tuple's items go in prefixItems).`,
      values: { root: outside.path ? "no" : "yes", at: outside.path, problem: outside.problem },
      serviceMessage: dialectRefusal({ where: "response_format.json_schema", problem: outside }),
    });
  }
}

function splitSchemaPath(path: string): Array<string | number> {
  return path === "" ? [] : path.split(".").map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/**
 * Checks a request against what the provider documents (pinned sampling, thinking locks, ranges,
 * stop and tool limits, tool_choice while thinking, reasoning on tool-call turns, …). Every broken
 * rule is reported, in body order. Self-hosted servers get the structural checks only.
 */
export function checkRequest({ request, spec, providerId }: { request: CheckableRequest; spec: CheckedSpec; providerId: ProviderId }): RuleIssue[] {
  const rules = rulesFor(providerId);
  const thinking = rules.family === "self-hosted" ? readThinkingSwitch({ fields: request, family: "self-hosted" }) !== false && spec.thinking.mode !== "none" : requestThinks({ fields: request, family: rules.family, spec });
  const issues: RuleIssue[] = [];
  checkThinking({ request, spec, rules, issues });
  checkSampling({ request, spec, rules, thinking, issues, providerId });
  checkStop({ request, rules, issues });
  checkResponseFormat({ request, issues, family: rules.family });
  checkTools({ request, rules, thinking, spec, issues, providerId });
  checkMessages({ request, rules, thinking, spec, issues });
  return issues;
}

/** A request's setting that is allowed but probably not what the user wants, with why. */
export interface RuleWarning {
  path: Array<string | number>;
  rule: string;
  /** Why, in English; the page words it from `rules.<rule>` with `values`. */
  message: string;
  values: RuleValues;
}

// The Kimi thinking guide advises at least this many output tokens for a thinking model.
const thinkingOutputAdvice = 16_000;

/**
 * Settings the service accepts but that are likely to disappoint (never held back): an output cap
 * so small a thinking model may spend it all on reasoning and answer nothing.
 */
export function requestWarnings({ request, spec, providerId }: { request: CheckableRequest; spec: CheckedSpec; providerId: ProviderId }): RuleWarning[] {
  const rules = rulesFor(providerId);
  const warnings: RuleWarning[] = [];
  const thinking = rules.family === "self-hosted" ? readThinkingSwitch({ fields: request, family: "self-hosted" }) !== false && spec.thinking.mode !== "none" : requestThinks({ fields: request, family: rules.family, spec });
  for (const field of [outputCapField(providerId), "max_tokens", "max_completion_tokens"]) {
    const cap = request[field];
    if (typeof cap !== "number" || !thinking || cap >= thinkingOutputAdvice || cap < 1) continue;
    warnings.push({
      path: [field],
      rule: "output-cap-reasoning",
      message: `${spec.id} thinks before it answers, and reasoning counts against ${field}: with ${cap.toLocaleString("en-US")} the answer may run out while still reasoning (finish_reason "length", no content). The thinking guide advises at least ${thinkingOutputAdvice.toLocaleString("en-US")}.`,
      values: { model: spec.id, field, cap, advice: thinkingOutputAdvice },
    });
    break;
  }
  return warnings;
}
