import { listProviders } from "@/lib/gateway/list-providers";

export const dynamic = "force-dynamic";

/** Providers (configured or not), their models and capabilities, and this client's access. */
export async function GET(request: Request): Promise<Response> {
  return Response.json(await listProviders(request), { headers: { "cache-control": "no-store" } });
}
