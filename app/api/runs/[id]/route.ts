import { errorResponse } from "@/lib/http/error-response";
import { refuseWithoutRunAccess } from "@/lib/runs/run-access";
import { getRunService } from "@/lib/runs/run-service";
import type { CellResult, RunDefinition } from "@/lib/runs/run-worker";

export const dynamic = "force-dynamic";

/** A run: its definition (without keys), progress by status, and every cell with its result and checks. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const refused = await refuseWithoutRunAccess(request);
  if (refused) return refused;
  const { id } = await context.params;
  const { store } = await getRunService();
  const run = await store.getRun(id);
  if (!run) return errorResponse({ failure: { status: 404, type: "run_not_found", message: `There is no run ${id} on this server.` } });
  const cells = (await store.listCells(id)).map((cell) => ({
    id: cell.cellId,
    status: cell.status,
    attempts: cell.attempts,
    ...(cell.record ? { result: JSON.parse(cell.record) as CellResult | { error: string } } : {}),
  }));
  const counts: Record<string, number> = {};
  for (const cell of cells) counts[cell.status] = (counts[cell.status] ?? 0) + 1;
  return Response.json({ id: run.id, status: run.status, createdAt: run.createdAt, definition: JSON.parse(run.definition) as RunDefinition, counts, cells }, { headers: { "cache-control": "no-store" } });
}
