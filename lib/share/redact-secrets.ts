// Finds what looks like a credential anywhere in a value about to be published, and replaces it.
// Used by the Share dialog's preview (so the owner sees what will be redacted) and, with the server's
// own keys added, by the server, which never stores a snapshot before redacting it.

/** Replacement text for a redacted secret. */
export const redactedText = "[redacted]";

// Field names whose values are credentials whatever they look like.
const secretFieldPattern = /^(api[-_]?key|apikey|access[-_]?token|auth[-_]?token|authorization|x-provider-api-key|password|secret|client[-_]?secret|headers)$/i;

// Key-like strings: provider keys (sk-…), bearer tokens, and key=value / key: value assignments.
const secretPatterns: readonly RegExp[] = [
  /\bsk-[A-Za-z0-9][A-Za-z0-9_-]{15,}/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]{16,}/gi,
  /\b(?:api[-_]?key|access[-_]?token|auth[-_]?token|secret[-_]?key)\b["']?\s*[:=]\s*["']?[A-Za-z0-9._~+/-]{16,}/gi,
];

/** Where a secret was found, as a path into the value (e.g. `turns[3].content`). */
export interface Redaction {
  path: string;
  reason: string;
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A copy of `value` with credentials replaced by "[redacted]": values of credential-named fields,
 * key-like strings, and any of `knownSecrets` (e.g. the server's configured keys) wherever they occur.
 */
export function redactSecrets<T>({ value, knownSecrets = [] }: { value: T; knownSecrets?: readonly string[] }): { value: T; redactions: Redaction[] } {
  const redactions: Redaction[] = [];
  const known = knownSecrets.filter((secret) => secret.length >= 8).map((secret) => new RegExp(escapeForRegExp(secret), "g"));
  const redactString = (text: string, path: string): string => {
    let result = text;
    for (const pattern of known) {
      if (pattern.test(result)) {
        redactions.push({ path, reason: "a key this server is configured with" });
        result = result.replace(pattern, redactedText);
      }
      pattern.lastIndex = 0;
    }
    for (const pattern of secretPatterns) {
      if (pattern.test(result)) {
        redactions.push({ path, reason: "text that looks like an API key or access token" });
        result = result.replace(pattern, redactedText);
      }
      pattern.lastIndex = 0;
    }
    return result;
  };
  const visit = (item: unknown, path: string): unknown => {
    if (typeof item === "string") return redactString(item, path);
    if (Array.isArray(item)) return item.map((entry, index) => visit(entry, `${path}[${index}]`));
    if (item && typeof item === "object") {
      const copy: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(item)) {
        const entryPath = path ? `${path}.${key}` : key;
        if (secretFieldPattern.test(key) && entry !== null && entry !== undefined && entry !== "") {
          redactions.push({ path: entryPath, reason: `a "${key}" field` });
          copy[key] = redactedText;
          continue;
        }
        copy[key] = visit(entry, entryPath);
      }
      return copy;
    }
    return item;
  };
  return { value: visit(value, "") as T, redactions };
}
