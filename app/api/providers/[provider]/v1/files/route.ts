import { authorizeFiles, filesResponse, relayUpload } from "@/lib/gateway/files-gateway";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ provider: string }> };

/** Uploads a file (multipart: `purpose`, `file`), streamed through to the provider's files API. */
export async function POST(request: Request, context: Context): Promise<Response> {
  const authorized = await authorizeFiles({ request, params: context.params });
  if (!authorized.ok) return authorized.response;
  return relayUpload({ request, call: authorized.call });
}

/** The provider's uploaded files, in OpenAI's list format. */
export async function GET(request: Request, context: Context): Promise<Response> {
  const authorized = await authorizeFiles({ request, params: context.params });
  if (!authorized.ok) return authorized.response;
  const { files, apiKey, providerId } = authorized.call;
  const listed = await files.list({ apiKey, signal: request.signal });
  return filesResponse({ result: listed.ok ? { ok: true, value: { object: "list", data: listed.files } } : listed, providerId });
}
