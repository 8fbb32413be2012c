// Moonshot validates tool parameters and `response_format.json_schema.schema` against its own JSON
// Schema dialect ("Moonshot-flavoured JSON Schema", MFJS) and refuses the rest with "… is not a
// valid moonshot flavored json schema, details: <At path '…': …>" (recorded). What is known of the
// dialect, and all this checks: the root must be an object schema; `items` must be one schema
// (tuples use `prefixItems`); `type` does not sit beside `anyOf` (each branch carries its type);
// a structured-output schema has no `$schema`. Other keywords are left to the service: refusing
// them here on a guess would block requests that work.

/** Where a schema leaves the dialect, and why, in the service's terms. */
export interface DialectProblem {
  /** Dotted path inside the schema, as the service reports it (`properties.pair.items`). */
  path: string;
  problem: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const schemaMaps = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"] as const;
const schemaLists = ["anyOf", "oneOf", "allOf", "prefixItems"] as const;
const schemaSingles = ["items", "additionalProperties", "propertyNames", "contains", "not", "if", "then", "else"] as const;

function visit(node: unknown, path: string[]): DialectProblem | undefined {
  if (typeof node === "boolean") return undefined;
  if (!isRecord(node)) return { path: path.join("."), problem: "must be an object" };
  if (Array.isArray(node.items)) return { path: [...path, "items"].join("."), problem: "items must be an object" };
  if (node.type !== undefined && Array.isArray(node.anyOf)) return { path: [...path, "type"].join("."), problem: "type must not be used together with anyOf" };
  for (const key of schemaMaps) {
    const map = node[key];
    if (map === undefined) continue;
    if (!isRecord(map)) return { path: [...path, key].join("."), problem: `${key} must be an object` };
    for (const [name, child] of Object.entries(map)) {
      const found = visit(child, [...path, key, name]);
      if (found) return found;
    }
  }
  for (const key of schemaLists) {
    const list = node[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return { path: [...path, key].join("."), problem: `${key} must be an array` };
    for (const [index, child] of list.entries()) {
      const found = visit(child, [...path, key, String(index)]);
      if (found) return found;
    }
  }
  for (const key of schemaSingles) {
    if (node[key] === undefined) continue;
    const found = visit(node[key], [...path, key]);
    if (found) return found;
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
  if (use === "response-format" && "$schema" in schema) return { path: "$schema", problem: 'keyword "$schema" is not supported' };
  return visit(schema, []);
}

/** The service's refusal for a schema outside the dialect, in its own (recorded) words. */
export function dialectRefusal({ where, problem }: { where: string; problem: DialectProblem }): string {
  return `Invalid request: ${where} is not a valid moonshot flavored json schema, details: <At path '${problem.path}': ${problem.problem}>`;
}

/**
 * The schema rewritten into the dialect where the rewrite keeps its meaning: a tuple `items` array
 * becomes `prefixItems`, a `type` beside `anyOf` moves into each branch that has none, and (for a
 * structured-output schema) a root `$schema` is dropped. Anything else is left as it is.
 */
export function rewriteIntoDialect(schema: unknown, { use }: { use: "tool-parameters" | "response-format" }): unknown {
  const rewrite = (node: unknown): unknown => {
    if (!isRecord(node)) return node;
    const result: Record<string, unknown> = { ...node };
    if (Array.isArray(result.items)) {
      result.prefixItems = [...(Array.isArray(result.prefixItems) ? result.prefixItems : []), ...result.items];
      delete result.items;
    }
    if (result.type !== undefined && Array.isArray(result.anyOf)) {
      const type = result.type;
      delete result.type;
      result.anyOf = result.anyOf.map((branch) => (isRecord(branch) && branch.type === undefined ? { type, ...branch } : branch));
    }
    for (const key of schemaMaps) if (isRecord(result[key])) result[key] = Object.fromEntries(Object.entries(result[key]).map(([name, child]) => [name, rewrite(child)]));
    for (const key of schemaLists) if (Array.isArray(result[key])) result[key] = (result[key] as unknown[]).map(rewrite);
    for (const key of schemaSingles) if (result[key] !== undefined) result[key] = rewrite(result[key]);
    return result;
  };
  const rewritten = rewrite(schema);
  if (use === "response-format" && isRecord(rewritten) && "$schema" in rewritten) {
    const { $schema: _draft, ...rest } = rewritten;
    return rest;
  }
  return rewritten;
}
