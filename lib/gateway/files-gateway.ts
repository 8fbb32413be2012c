import "server-only";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import { providerMediaLimits } from "@/lib/catalog/media-limits";
import type { FilesApi } from "@/lib/providers/provider-adapter";
import { authorizeProviderApi, type BodyLimit } from "./chat-gateway";
import { errorResponse } from "@/lib/http/error-response";
import { serverMessage } from "@/lib/i18n/server-message";
import { readProviderParam } from "./route-params";
import { gatewayFailure, type UpstreamFailure } from "@/lib/wire/failure";

/** Moonshot's per-file limit (every files API behind the gateway is Moonshot's), applied before anything is sent upstream. */
export const maxUploadFileBytes = providerMediaLimits.moonshot.maxUploadBytes ?? 0;
// Room for the multipart envelope (boundaries, part headers, the purpose field) around the file.
const multipartAllowance = 64 * 1024;

/** A files call the request may make: the provider's files API and the key to use. */
export interface AuthorizedFiles {
  providerId: ProviderId;
  files: FilesApi;
  apiKey: string | undefined;
  /** The largest body this caller may send (smaller without access to this workbench). */
  bodyLimit: BodyLimit;
}

/** Checks the provider, its files API and the caller's access; answers the error otherwise. */
export async function authorizeFiles({ request, params }: { request: Request; params: Promise<{ provider: string }> }): Promise<{ ok: true; call: AuthorizedFiles } | { ok: false; response: Response }> {
  const provider = await readProviderParam(params);
  if (!provider.ok) return provider;
  const { providerId } = provider;
  const authorized = await authorizeProviderApi({
    request,
    providerId,
    api: (adapter) => adapter.files,
    missing: { type: "files_not_supported", code: "filesNotSupported" },
  });
  if (!authorized.ok) return authorized;
  return { ok: true, call: { providerId, files: authorized.api, apiKey: authorized.apiKey, bodyLimit: authorized.bodyLimit } };
}

/** The JSON answer of a files call, or its error in the gateway's shape. */
export function filesResponse<T>({ result, providerId }: { result: { ok: true; value: T } | { ok: false; failure: UpstreamFailure }; providerId: ProviderId }): Response {
  return result.ok ? Response.json(result.value) : errorResponse({ failure: result.failure, provider: providerId });
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const tooLarge = (size: string) =>
  gatewayFailure({
    status: 413,
    type: "file_too_large",
    ...serverMessage({ code: "fileTooLarge", values: { size, limit: maxUploadFileBytes / 1024 / 1024 } }),
  });

/**
 * Streams an upload to the provider without buffering it: refuses non-multipart bodies, and
 * bodies over the limit, whether declared (Content-Length) or discovered while streaming.
 */
export async function relayUpload({ request, call }: { request: Request; call: AuthorizedFiles }): Promise<Response> {
  const { providerId } = call;
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;.*boundary=/i.test(contentType) || !request.body) {
    const failure = gatewayFailure({
      status: 400,
      type: "invalid_request_error",
      ...serverMessage({ code: "uploadNotMultipart" }),
    });
    return errorResponse({ failure, provider: providerId });
  }
  // Callers with access may upload what the provider takes; others only up to their smaller body limit.
  const limit = call.bodyLimit.source === "GATEWAY_PUBLIC_MAX_BODY_MB" ? Math.min(maxUploadFileBytes + multipartAllowance, call.bodyLimit.maxBytes) : maxUploadFileBytes + multipartAllowance;
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) return errorResponse({ failure: tooLarge(megabytes(declared)), provider: providerId });

  let received = 0;
  let overLimit = false;
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > limit) {
          overLimit = true;
          controller.error(new Error("upload over the size limit"));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  // Aborting the upstream call when the client goes away (or the body runs over) stops the upload.
  const upstream = new AbortController();
  const abort = () => upstream.abort();
  request.signal.addEventListener("abort", abort, { once: true });
  try {
    const result = await call.files.upload({
      body: counted,
      contentType,
      ...(Number.isFinite(declared) ? { contentLength: declared } : {}),
      apiKey: call.apiKey,
      signal: upstream.signal,
    });
    if (overLimit) return errorResponse({ failure: tooLarge(`over ${megabytes(limit)}`), provider: providerId });
    return result.ok ? Response.json(result.file) : errorResponse({ failure: result.failure, provider: providerId });
  } catch (error) {
    if (overLimit) return errorResponse({ failure: tooLarge(`over ${megabytes(limit)}`), provider: providerId });
    const failure = gatewayFailure({ status: 502, type: "upload_failed", ...serverMessage({ code: "uploadFailed", values: { problem: error instanceof Error ? error.message : String(error) } }) });
    return errorResponse({ failure, provider: providerId });
  } finally {
    request.signal.removeEventListener("abort", abort);
  }
}
