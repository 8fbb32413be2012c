import { listProviders } from "@/lib/gateway/list-providers";

export const dynamic = "force-dynamic";

/** Providers (configured or not), their models and capabilities, and this client's access. */
export function GET(request: Request): Response {
  return Response.json(listProviders(request), { headers: { "cache-control": "no-store" } });
}
