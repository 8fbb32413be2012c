import { authorizeFiles } from "@/lib/gateway/files-gateway";
import { errorResponse } from "@/lib/http/error-response";

export const dynamic = "force-dynamic";

/** The text `file-extract` produced for a document, as the provider returns it (put it in a system message). */
export async function GET(request: Request, context: { params: Promise<{ provider: string; fileId: string }> }): Promise<Response> {
  const authorized = await authorizeFiles({ request, params: context.params });
  if (!authorized.ok) return authorized.response;
  const { files, apiKey, providerId } = authorized.call;
  const { fileId } = await context.params;
  const content = await files.content({ fileId, apiKey, signal: request.signal });
  if (!content.ok) return errorResponse({ failure: content.failure, provider: providerId });
  return new Response(content.text, { headers: { "content-type": content.contentType } });
}
