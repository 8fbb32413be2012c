import type { ProviderId } from "@/lib/catalog/catalog-types";
import { envelopeError } from "@/lib/wire/error-envelope";
import type { WorkbenchMessage } from "@/lib/wire/coded-message";
import { userKeyHeader } from "@/lib/wire/wire-headers";

// Uploads go through XMLHttpRequest: fetch cannot report upload progress.

/** A file object as the gateway returns it. */
export interface UploadedFileObject {
  id: string;
  bytes: number;
  filename: string;
  purpose: string;
  status: string;
  created_at: number;
}

/** Why an upload or a files call failed, with the gateway's (or provider's) message. */
export type FilesError = { status: number } & WorkbenchMessage;

function readError(status: number, text: string): FilesError {
  const written = envelopeError(text);
  if (written) return { status, ...written };
  if (status === 0) return { status, message: "The connection to the workbench server failed.", code: "connectionFailed", values: {} };
  return { status, message: `HTTP ${status}`, code: "httpStatus", values: { status: String(status) } };
}

/** Uploads a file to a provider's files API through the gateway, reporting progress. */
export function uploadFile({
  providerId,
  file,
  name,
  purpose,
  apiKey,
  onProgress,
  signal,
}: {
  providerId: ProviderId;
  file: Blob;
  name: string;
  purpose: "file-extract" | "image" | "video";
  apiKey: string | undefined;
  onProgress?: (progress: { loaded: number; total: number }) => void;
  signal?: AbortSignal;
}): Promise<{ ok: true; file: UploadedFileObject } | { ok: false; error: FilesError }> {
  return new Promise((resolve) => {
    const form = new FormData();
    form.set("purpose", purpose);
    form.set("file", file, name);
    const request = new XMLHttpRequest();
    request.open("POST", `/api/providers/${providerId}/v1/files`);
    if (apiKey) request.setRequestHeader(userKeyHeader, apiKey);
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress?.({ loaded: event.loaded, total: event.total });
    });
    request.addEventListener("load", () => {
      if (request.status >= 200 && request.status < 300) {
        try {
          resolve({ ok: true, file: JSON.parse(request.responseText) as UploadedFileObject });
        } catch {
          resolve({ ok: false, error: { status: 502, message: "The upload finished but the answer is not a file object.", code: "uploadNotFileObject", values: {} } });
        }
      } else resolve({ ok: false, error: readError(request.status, request.responseText) });
    });
    request.addEventListener("error", () => resolve({ ok: false, error: readError(0, "") }));
    request.addEventListener("abort", () => resolve({ ok: false, error: { status: 499, message: "The upload was cancelled.", code: "uploadCancelled", values: {} } }));
    signal?.addEventListener("abort", () => request.abort(), { once: true });
    request.send(form);
  });
}

async function filesFetch({ providerId, path, method = "GET", apiKey }: { providerId: ProviderId; path: string; method?: string; apiKey: string | undefined }): Promise<{ ok: true; response: Response } | { ok: false; error: FilesError }> {
  try {
    const response = await fetch(`/api/providers/${providerId}/v1/files${path}`, { method, headers: apiKey ? { [userKeyHeader]: apiKey } : {} });
    if (!response.ok) return { ok: false, error: readError(response.status, await response.text()) };
    return { ok: true, response };
  } catch {
    return { ok: false, error: readError(0, "") };
  }
}

/** The text `file-extract` produced for a document (Moonshot returns it as a JSON string; it goes into a system message as is). */
export async function fetchFileContent({ providerId, fileId, apiKey }: { providerId: ProviderId; fileId: string; apiKey: string | undefined }): Promise<{ ok: true; text: string } | { ok: false; error: FilesError }> {
  const result = await filesFetch({ providerId, path: `/${encodeURIComponent(fileId)}/content`, apiKey });
  return result.ok ? { ok: true, text: await result.response.text() } : result;
}

/** The files uploaded to a provider. */
export async function listUploadedFiles({ providerId, apiKey }: { providerId: ProviderId; apiKey: string | undefined }): Promise<{ ok: true; files: UploadedFileObject[] } | { ok: false; error: FilesError }> {
  const result = await filesFetch({ providerId, path: "", apiKey });
  return result.ok ? { ok: true, files: ((await result.response.json()) as { data: UploadedFileObject[] }).data } : result;
}

/** Deletes an uploaded file. */
export async function deleteUploadedFile({ providerId, fileId, apiKey }: { providerId: ProviderId; fileId: string; apiKey: string | undefined }): Promise<{ ok: true } | { ok: false; error: FilesError }> {
  const result = await filesFetch({ providerId, path: `/${encodeURIComponent(fileId)}`, method: "DELETE", apiKey });
  return result.ok ? { ok: true } : result;
}
