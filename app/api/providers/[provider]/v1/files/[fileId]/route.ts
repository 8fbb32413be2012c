import { authorizeFiles, filesResponse } from "@/lib/gateway/files-gateway";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ provider: string; fileId: string }> };

/** One uploaded file's object. */
export async function GET(request: Request, context: Context): Promise<Response> {
  const authorized = await authorizeFiles({ request, params: context.params });
  if (!authorized.ok) return authorized.response;
  const { files, apiKey, providerId } = authorized.call;
  const { fileId } = await context.params;
  const found = await files.get({ fileId, apiKey, signal: request.signal });
  return filesResponse({ result: found.ok ? { ok: true, value: found.file } : found, providerId });
}

/** Deletes an uploaded file. */
export async function DELETE(request: Request, context: Context): Promise<Response> {
  const authorized = await authorizeFiles({ request, params: context.params });
  if (!authorized.ok) return authorized.response;
  const { files, apiKey, providerId } = authorized.call;
  const { fileId } = await context.params;
  const removed = await files.remove({ fileId, apiKey, signal: request.signal });
  return filesResponse({ result: removed.ok ? { ok: true, value: removed.deleted } : removed, providerId });
}
