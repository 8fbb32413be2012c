import { gatewayFailure, type UpstreamFailure } from "@/lib/wire/failure";

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Reads a JSON body, refusing bodies over `maxBytes` (413) and invalid JSON (400) with a clear message. */
export async function readJsonBody({ request, maxBytes }: { request: Request; maxBytes: number }): Promise<{ ok: true; body: unknown } | { ok: false; failure: UpstreamFailure }> {
  const tooLarge = (size: string) =>
    gatewayFailure({
      status: 413,
      type: "request_too_large",
      message: `The request body is ${size}; the gateway accepts at most ${megabytes(maxBytes)} (GATEWAY_MAX_BODY_MB). Upload large media as files (ms:// ids) instead of inlining it as base64.`,
    });
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, failure: tooLarge(megabytes(declared)) };
  if (!request.body) return { ok: false, failure: gatewayFailure({ status: 400, type: "invalid_request_error", message: "The request has no body; send a JSON object." }) };
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
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : "parse error";
    return { ok: false, failure: gatewayFailure({ status: 400, type: "invalid_json", message: `The request body is not valid JSON (${detail}).` }) };
  }
}
