import { z } from "zod";
import type { UpstreamFailure } from "@/lib/wire/failure";
import type { FileObject, FilesApi } from "@/lib/providers/provider-adapter";
import { sendUpstream } from "../send-upstream";
import { serverMessage } from "@/lib/i18n/server-message";

// Moonshot's files API (`/v1/files`), as OpenAI-style clients know it. `status` is "ok" in the docs,
// "ready" in the OpenAPI example and "error" on failure, so it is read as any string.
const lenientFileSchema = z.looseObject({
  id: z.string(),
  object: z.string().nullish(),
  bytes: z.number().nullish(),
  created_at: z.number().nullish(),
  filename: z.string().nullish(),
  purpose: z.string().nullish(),
  status: z.string().nullish(),
  status_details: z.string().nullish(),
});

const lenientListSchema = z.looseObject({ data: z.array(lenientFileSchema).nullish() });
const lenientDeletedSchema = z.looseObject({ id: z.string().nullish(), deleted: z.boolean().nullish() });

function toFileObject(file: z.infer<typeof lenientFileSchema>): FileObject {
  return {
    id: file.id,
    object: "file",
    bytes: file.bytes ?? 0,
    created_at: file.created_at ?? 0,
    filename: file.filename ?? "",
    purpose: file.purpose ?? "",
    status: file.status ?? "ok",
    status_details: file.status_details ?? "",
  };
}

const unreadable = (what: "fileList" | "fileObject"): UpstreamFailure => ({ status: 502, type: "upstream_invalid_response", ...serverMessage({ code: "upstreamUnreadable", values: { what } }), retryable: false });

/** The files API of an OpenAI-style provider at `base` (no retries: an upload body cannot be sent twice). */
export function createOpenAiStyleFiles({ base, transport }: { base: string; transport: typeof fetch }): FilesApi {
  const auth = (apiKey: string | undefined): Record<string, string> => (apiKey ? { authorization: `Bearer ${apiKey}` } : {});
  const fileUrl = (fileId: string) => `${base}/files/${encodeURIComponent(fileId)}`;

  return {
    async upload({ body, contentType, contentLength, apiKey, signal }) {
      const headers: Record<string, string> = { ...auth(apiKey), "content-type": contentType, accept: "application/json" };
      if (contentLength !== undefined) headers["content-length"] = String(contentLength);
      // The body streams through as it arrives; nothing is buffered here.
      const init = { method: "POST", headers, body, duplex: "half" } as RequestInit;
      const sent = await sendUpstream({ url: `${base}/files`, init, signal, apiKey, transport });
      if (!sent.ok) return sent;
      const parsed = lenientFileSchema.safeParse(await sent.response.json().catch(() => undefined));
      return parsed.success ? { ok: true, file: toFileObject(parsed.data) } : { ok: false, failure: unreadable("fileObject") };
    },

    async list({ apiKey, signal }) {
      const sent = await sendUpstream({ url: `${base}/files`, init: { method: "GET", headers: auth(apiKey) }, signal, apiKey, transport });
      if (!sent.ok) return sent;
      const parsed = lenientListSchema.safeParse(await sent.response.json().catch(() => undefined));
      return parsed.success ? { ok: true, files: (parsed.data.data ?? []).map(toFileObject) } : { ok: false, failure: unreadable("fileList") };
    },

    async get({ fileId, apiKey, signal }) {
      const sent = await sendUpstream({ url: fileUrl(fileId), init: { method: "GET", headers: auth(apiKey) }, signal, apiKey, transport });
      if (!sent.ok) return sent;
      const parsed = lenientFileSchema.safeParse(await sent.response.json().catch(() => undefined));
      return parsed.success ? { ok: true, file: toFileObject(parsed.data) } : { ok: false, failure: unreadable("fileObject") };
    },

    async remove({ fileId, apiKey, signal }) {
      const sent = await sendUpstream({ url: fileUrl(fileId), init: { method: "DELETE", headers: auth(apiKey) }, signal, apiKey, transport });
      if (!sent.ok) return sent;
      const parsed = lenientDeletedSchema.safeParse(await sent.response.json().catch(() => ({})));
      return { ok: true, deleted: { id: fileId, object: "file", deleted: parsed.success ? parsed.data.deleted !== false : true } };
    },

    async content({ fileId, apiKey, signal }) {
      const sent = await sendUpstream({ url: `${fileUrl(fileId)}/content`, init: { method: "GET", headers: auth(apiKey) }, signal, apiKey, transport });
      if (!sent.ok) return sent;
      return { ok: true, text: await sent.response.text(), contentType: sent.response.headers.get("content-type") ?? "text/plain; charset=utf-8" };
    },
  };
}
