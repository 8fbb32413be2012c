// The one redaction pass for everything that leaves the server (error responses, logs, share
// snapshots and their media, shared pages, exports) and for the Share dialog's preview. It replaces
// credentials with "[redacted]":
// - secrets the caller knows (the server's keys and access token, a key pasted for this request), in
//   any letter case and in their base64, base64url and URL-encoded forms, since upstream errors and
//   documents echo keys encoded (`Basic` headers, query strings, dumps);
// - text that looks like a credential whoever it belongs to (`sk-…`, bearer tokens, `KEY=value`);
// - values of fields named like credentials (`api_key`, `authorization`, `password`, …), and object
//   keys that are themselves secrets.

/** Replacement text for a redacted secret. */
export const redactedText = "[redacted]";

// Field names whose values are credentials whatever they look like.
const secretFieldPattern =
  /^(?:.*[-_])?(?:api[-_]?key|apikey|access[-_]?token|auth[-_]?token|refresh[-_]?token|session[-_]?token|id[-_]?token|authorization|proxy-authorization|x-provider-api-key|x-api-key|password|passwd|secret|client[-_]?secret|private[-_]?key|cookie|set-cookie|headers)$/i;

// Key-like strings: provider keys (sk-…), bearer/basic credentials, and assignments such as
// `api_key: …`, `MOONSHOT_API_KEY=…` or `"access_token": "…"` (as in .env files and JSON dumps).
const secretPatterns: readonly RegExp[] = [
  /\bsk-[A-Za-z0-9][A-Za-z0-9_-]{15,}/g,
  /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{16,}/gi,
  /\b[A-Za-z0-9_]*(?:api[-_]?key|access[-_]?token|auth[-_]?token|secret[-_]?key|client[-_]?secret|_token|_secret|password|passwd)\b["']?\s*[:=]\s*["']?[A-Za-z0-9._~+/=-]{12,}/gi,
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
 * The part of base64(secret) that does not depend on what surrounds the secret, for each of the three
 * byte alignments it can have inside a longer encoded text.
 */
function base64Cores(secret: string): string[] {
  // btoa, not Buffer: the Share dialog runs this in the browser too.
  const bytes = new TextEncoder().encode(secret);
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = btoa(String.fromCharCode(...new Array<number>(offset).fill(0), ...bytes));
    const start = offset === 0 ? 0 : 4;
    const end = Math.floor((offset + bytes.length) / 3) * 4;
    const core = encoded.slice(start, end);
    if (core.length >= 8) cores.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return cores;
}

/** Every form in which `secret` may appear in text: as is (any case), base64, base64url, URL-encoded. */
function secretForms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), ...base64Cores(secret)];
}

/** A compiled redactor for a set of known secrets (compiled once per set: it is reused for every response). */
interface Redactor {
  redactString(text: string): { text: string; reasons: string[] };
  /** Every match (known forms first, then key-like text) replaced by what `replacement` makes of it. */
  replaceAll(text: string, replacement: (match: string) => string): string;
}

const redactorCache = new Map<string, Redactor>();

function redactorFor(secrets: ReadonlyArray<string | undefined>): Redactor {
  // Secrets shorter than 8 characters would match ordinary text; none of the supported credentials are.
  const known = [...new Set(secrets.filter((secret): secret is string => typeof secret === "string" && secret.length >= 8))].sort();
  const cacheKey = known.join("\u0000");
  const cached = redactorCache.get(cacheKey);
  if (cached) return cached;
  const forms = [...new Set(known.flatMap(secretForms))].sort((left, right) => right.length - left.length);
  const knownPattern = forms.length > 0 ? new RegExp(forms.map(escapeForRegExp).join("|"), "gi") : undefined;
  const redactor: Redactor = {
    redactString(text) {
      const reasons: string[] = [];
      let result = text;
      if (knownPattern) {
        knownPattern.lastIndex = 0;
        if (knownPattern.test(result)) {
          reasons.push("a key this server is configured with or the request carried");
          result = result.replace(knownPattern, redactedText);
        }
      }
      for (const pattern of secretPatterns) {
        pattern.lastIndex = 0;
        if (pattern.test(result)) {
          reasons.push("text that looks like an API key or access token");
          result = result.replace(pattern, redactedText);
        }
        pattern.lastIndex = 0;
      }
      return { text: result, reasons };
    },
    replaceAll(text, replacement) {
      let result = knownPattern ? text.replace(new RegExp(knownPattern.source, knownPattern.flags), replacement) : text;
      for (const pattern of secretPatterns) result = result.replace(new RegExp(pattern.source, pattern.flags), replacement);
      return result;
    },
  };
  if (redactorCache.size > 64) redactorCache.clear();
  redactorCache.set(cacheKey, redactor);
  return redactor;
}

/** `text` with every credential in it replaced by "[redacted]". */
export function redactText({ text, secrets = [] }: { text: string; secrets?: ReadonlyArray<string | undefined> }): string {
  return redactorFor(secrets).redactString(text).text;
}

/**
 * A copy of `value` with credentials replaced by "[redacted]": values of credential-named fields,
 * key-like strings and known secrets wherever they occur, object keys included.
 */
export function redactSecrets<T>({ value, knownSecrets = [] }: { value: T; knownSecrets?: ReadonlyArray<string | undefined> }): { value: T; redactions: Redaction[] } {
  const redactor = redactorFor(knownSecrets);
  const redactions: Redaction[] = [];
  const redactString = (text: string, path: string): string => {
    const { text: result, reasons } = redactor.redactString(text);
    for (const reason of reasons) redactions.push({ path, reason });
    return result;
  };
  const visit = (item: unknown, path: string): unknown => {
    if (typeof item === "string") return redactString(item, path);
    if (Array.isArray(item)) return item.map((entry, index) => visit(entry, `${path}[${index}]`));
    if (item && typeof item === "object") {
      const copy: Record<string, unknown> = {};
      for (const [rawKey, entry] of Object.entries(item)) {
        const key = redactString(rawKey, path ? `${path} (a field name)` : "(a field name)");
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

/**
 * Bytes (a document, an image) with credentials overwritten in place: each match is replaced by
 * "[redacted]" cut or padded with "*" to the same length, so binary formats with offsets (PDF) stay
 * readable. Secrets are ASCII, so matching over a byte-per-character view never splits a character.
 */
export function redactBytes({ bytes, secrets = [] }: { bytes: Uint8Array; secrets?: ReadonlyArray<string | undefined> }): { bytes: Buffer; changed: boolean } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const view = buffer.toString("latin1");
  const redactor = redactorFor(secrets);
  const { reasons } = redactor.redactString(view);
  if (reasons.length === 0) return { bytes: buffer, changed: false };
  const sameLength = (match: string) => (match.length >= redactedText.length ? redactedText + "*".repeat(match.length - redactedText.length) : "*".repeat(match.length));
  return { bytes: Buffer.from(redactor.replaceAll(view, sameLength), "latin1"), changed: true };
}

/**
 * Redacts known secrets from text that arrives in pieces (a streamed answer), where a secret may be
 * split across pieces: each piece is released except for a tail of three or more characters that
 * could be the start of a secret, which waits for the next piece (or `flush`). Ordinary text is
 * never held back unless it ends with the first three characters of a secret. A secret split after
 * its first one or two characters is still caught: what follows is matched too, and only those one
 * or two characters (e.g. the public "sk" of a key) are released.
 */
export interface StreamRedactor {
  push(text: string): string;
  flush(): string;
}

const minimumHeldPrefix = 3;

const streamPatternCache = new Map<string, { pattern: RegExp | undefined; lowered: string[] }>();

/** The pattern and lower-cased secrets of a set, compiled once per set (a stream redactor is made per streamed answer). */
function streamPatternFor(secrets: ReadonlyArray<string | undefined>): { pattern: RegExp | undefined; lowered: string[] } {
  const known = [...new Set(secrets.filter((secret): secret is string => typeof secret === "string" && secret.length >= 8))].sort();
  const cacheKey = known.join("\u0000");
  let compiled = streamPatternCache.get(cacheKey);
  if (!compiled) {
    const forms = [...new Set(known.flatMap((secret) => [secret, secret.slice(1), secret.slice(2)]))].sort((left, right) => right.length - left.length);
    compiled = { pattern: forms.length > 0 ? new RegExp(forms.map(escapeForRegExp).join("|"), "gi") : undefined, lowered: known.map((secret) => secret.toLowerCase()) };
    if (streamPatternCache.size > 64) streamPatternCache.clear();
    streamPatternCache.set(cacheKey, compiled);
  }
  return compiled;
}

/** A stream redactor for the secrets of one stream (secrets shorter than 8 characters are ignored). */
export function createStreamRedactor({ secrets }: { secrets: ReadonlyArray<string | undefined> }): StreamRedactor {
  const { pattern, lowered } = streamPatternFor(secrets);
  let carry = "";
  return {
    push(text) {
      if (!pattern) return text;
      const joined = (carry + text).replace(pattern, redactedText);
      let hold = 0;
      const tail = joined.slice(-Math.max(0, ...lowered.map((secret) => secret.length - 1))).toLowerCase();
      for (const secret of lowered) {
        for (let length = Math.min(secret.length - 1, tail.length); length >= minimumHeldPrefix && length > hold; length -= 1) {
          if (secret.startsWith(tail.slice(-length))) {
            hold = length;
            break;
          }
        }
      }
      carry = joined.slice(joined.length - hold);
      return joined.slice(0, joined.length - hold);
    },
    flush() {
      const rest = carry;
      carry = "";
      return rest;
    },
  };
}
