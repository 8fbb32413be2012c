/**
 * Tool-call arguments in one canonical form (keys sorted, no spacing), so the same call matches
 * however a client re-serialized it (LangChain parses and re-stringifies them); text that is not
 * JSON is kept as it is.
 */
export function canonicalArguments(text: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(text)));
  } catch {
    return text;
  }
}

/** A value as canonical JSON (keys sorted at every depth, no spacing): equal values, equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
}
