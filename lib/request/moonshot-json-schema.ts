// Moonshot validates tool parameters and `response_format.json_schema.schema` against its own JSON
// Schema dialect ("Moonshot-flavoured JSON Schema", MFJS) and refuses the rest with "… is not a
// valid moonshot flavored json schema, details: <At path '…': …>" (recorded). What is known of the
// dialect: the root must be an object schema, `items` must be one schema (tuples use
// `prefixItems`), and keywords outside the common core are refused. The keyword list below is the
// workbench's reading of that core (docs/kimi-wire-format.md); it errs on the side of what the
// service documents and recordings show working.

/** Keywords the dialect takes. */
const supportedKeywords = new Set([
  "type",
  "properties",
  "required",
  "items",
  "prefixItems",
  "enum",
  "const",
  "description",
  "title",
  "default",
  "examples",
  "anyOf",
  "oneOf",
  "allOf",
  "additionalProperties",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "$ref",
  "$defs",
  "definitions",
  "nullable",
  "strict",
]);

/** Where a schema leaves the dialect, and why, in the service's terms. */
export interface DialectProblem {
  /** Dotted path inside the schema, as the service reports it (`properties.pair.items`). */
  path: string;
  problem: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function visit(node: unknown, path: string[]): DialectProblem | undefined {
  if (typeof node === "boolean") return undefined;
  if (!isRecord(node)) return { path: path.join("."), problem: "must be an object" };
  for (const keyword of Object.keys(node)) {
    if (!supportedKeywords.has(keyword)) return { path: [...path, keyword].join("."), problem: `keyword "${keyword}" is not supported` };
  }
  if ("items" in node && !isRecord(node.items) && typeof node.items !== "boolean") {
    return { path: [...path, "items"].join("."), problem: "items must be an object" };
  }
  for (const key of ["properties", "$defs", "definitions"] as const) {
    const map = node[key];
    if (map === undefined) continue;
    if (!isRecord(map)) return { path: [...path, key].join("."), problem: `${key} must be an object` };
    for (const [name, child] of Object.entries(map)) {
      const found = visit(child, [...path, key, name]);
      if (found) return found;
    }
  }
  for (const key of ["anyOf", "oneOf", "allOf", "prefixItems"] as const) {
    const list = node[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return { path: [...path, key].join("."), problem: `${key} must be an array` };
    for (const [index, child] of list.entries()) {
      const found = visit(child, [...path, key, String(index)]);
      if (found) return found;
    }
  }
  for (const key of ["items", "additionalProperties"] as const) {
    if (isRecord(node[key])) {
      const found = visit(node[key], [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The first place a schema leaves Moonshot's dialect (the root must describe an object), or
 * undefined. `use` says where the schema goes: tool parameters tolerate a root `$schema` (the JSON
 * Schema converters of LangChain and the openai SDK add it, and their tool loops work against
 * Moonshot), a structured-output schema does not.
 */
export function findDialectProblem(schema: unknown, { use }: { use: "tool-parameters" | "response-format" }): DialectProblem | undefined {
  if (!isRecord(schema) || (schema.type !== undefined && schema.type !== "object")) return { path: "", problem: 'the root must be an object schema ("type": "object")' };
  if (use === "tool-parameters" && "$schema" in schema) {
    const { $schema: _dialect, ...rest } = schema;
    return visit(rest, []);
  }
  return visit(schema, []);
}

/** The service's refusal for a schema outside the dialect, in its own (recorded) words. */
export function dialectRefusal({ where, problem }: { where: string; problem: DialectProblem }): string {
  return `Invalid request: ${where} is not a valid moonshot flavored json schema, details: <At path '${problem.path}': ${problem.problem}>`;
}
