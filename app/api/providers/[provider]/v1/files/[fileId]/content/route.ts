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
  // Never the upstream's own Content-Type: an HTML body served as text/html would run on this origin.
  // The text is JSON or plain text, and cannot run or load anything whatever it holds.
  const json = /^application\/json\b/i.test(content.contentType);
  return new Response(content.text, {
    headers: {
      "content-type": json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
      "content-security-policy": "sandbox; default-src 'none'",
      "content-disposition": "inline",
      "cache-control": "no-store",
    },
  });
}
