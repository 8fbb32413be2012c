import { redactText } from "@/lib/wire/redact-secrets";
import { gatewayFailure, type UpstreamFailure } from "@/lib/wire/failure";
import { serverMessage } from "@/lib/i18n/server-message";

/** What sets a body limit, named in the 413: a setting, or one of the fixed limits of small routes. */
export type BodyLimitSource = "GATEWAY_MAX_BODY_MB" | "GATEWAY_PUBLIC_MAX_BODY_MB" | "fixedSignIn" | "fixedRunAction" | "fixedToolRun" | "runs";

/** Deeper JSON than this is refused: real requests (JSON Schemas included) nest a few dozen levels; 100,000 would overflow the stack. */
export const maxJsonDepth = 512;

/** How deep brackets nest in a JSON text (brackets inside strings ignored); stops counting past the limit. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 92) index += 1; // backslash: skip the escaped character
      else if (code === 34) inString = false;
      continue;
    }
    if (code === 34) inString = true;
    else if (code === 123 || code === 91) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > maxJsonDepth) return deepest;
      }
    } else if (code === 125 || code === 93) depth -= 1;
  }
  return deepest;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Reads a whole body as bytes, refusing one over `maxBytes` (declared or discovered while reading) with a 413 naming `limitSource`. */
export async function readBodyBytes({
  request,
  maxBytes,
  limitSource = "GATEWAY_MAX_BODY_MB",
}: {
  request: Request;
  maxBytes: number;
  limitSource?: BodyLimitSource;
}): Promise<{ ok: true; bytes: Buffer } | { ok: false; failure: UpstreamFailure }> {
  const tooLarge = (size: string) =>
    gatewayFailure({
      status: 413,
      type: "request_too_large",
      ...serverMessage({ code: "bodyTooLarge", values: { size, limit: megabytes(maxBytes), source: limitSource } }),
    });
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, failure: tooLarge(megabytes(declared)) };
  if (!request.body) return { ok: true, bytes: Buffer.alloc(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { ok: false, failure: tooLarge(`over ${megabytes(maxBytes)}`) };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/**
 * Reads a JSON body, refusing bodies over `maxBytes` (413, naming `limitSource`, what sets the
 * limit), invalid JSON and JSON nested deeper than any real request (400) with a clear message.
 */
export async function readJsonBody({
  request,
  maxBytes,
  limitSource = "GATEWAY_MAX_BODY_MB",
}: {
  request: Request;
  maxBytes: number;
  limitSource?: BodyLimitSource;
}): Promise<{ ok: true; body: unknown } | { ok: false; failure: UpstreamFailure }> {
  const read = await readBodyBytes({ request, maxBytes, limitSource });
  if (!read.ok) return read;
  if (read.bytes.length === 0) return { ok: false, failure: gatewayFailure({ status: 400, type: "invalid_request_error", ...serverMessage({ code: "emptyBody" }) }) };
  const text = read.bytes.toString("utf8");
  const depth = nestingDepth(text);
  if (depth > maxJsonDepth) {
    return { ok: false, failure: gatewayFailure({ status: 400, type: "invalid_json", ...serverMessage({ code: "jsonTooDeep", values: { depth, limit: maxJsonDepth } }) }) };
  }
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch (error) {
    // V8 quotes the input around the error; what it quotes may be a key.
    const detail = redactText({ text: error instanceof Error ? error.message : "parse error" });
    return { ok: false, failure: gatewayFailure({ status: 400, type: "invalid_json", ...serverMessage({ code: "invalidJson", values: { problem: detail } }) }) };
  }
}
