export const dynamic = "force-dynamic";

/** Liveness for load balancers and scripts. */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
