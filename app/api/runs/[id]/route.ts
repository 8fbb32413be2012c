import { serverMessage } from "@/lib/i18n/server-message";
import { errorResponse } from "@/lib/http/error-response";
import { refuseWithoutRunAccess } from "@/lib/runs/run-access";
import { getRunService } from "@/lib/runs/run-service";
import type { CellResult, RunDefinition } from "@/lib/runs/run-types";

export const dynamic = "force-dynamic";

// Instances stamp changes with their own clocks, and a write can commit a moment after its stamp:
// the cursor a poll gets back trails the server's clock by this much, so nothing falls between polls
// (cells changed in that margin come again, and the client merges them by id).
const cursorLagMs = 5_000;

/**
 * A run: its progress by status and its cells with their results and checks. Without `?since`, also
 * its definition (without keys) and every cell; with `?since={cursor}` (from the previous answer),
 * only the cells changed since — what a results page polls while a run streams in.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const refused = await refuseWithoutRunAccess(request);
  if (refused) return refused;
  const { id } = await context.params;
  const sinceParameter = new URL(request.url).searchParams.get("since");
  const since = sinceParameter === null ? undefined : Number(sinceParameter);
  if (since !== undefined && (!Number.isSafeInteger(since) || since < 0)) {
    return errorResponse({ failure: { status: 400, type: "invalid_request_error", ...serverMessage({ code: "invalidSince", values: { since: sinceParameter ?? "" } }) } });
  }
  const { store } = await getRunService();
  const cursor = Date.now() - cursorLagMs;
  const run = await store.getRun(id);
  if (!run) return errorResponse({ failure: { status: 404, type: "run_not_found", ...serverMessage({ code: "runNotFound", values: { id } }) } });
  const cells = (await store.listCells(id, since === undefined ? undefined : { updatedSince: since })).map((cell) => ({
    id: cell.cellId,
    status: cell.status,
    attempts: cell.attempts,
    updatedAt: cell.updatedAt,
    ...(cell.record ? { result: JSON.parse(cell.record) as CellResult | { error: string } } : {}),
  }));
  const counts = await store.countCells(id);
  return Response.json(
    { id: run.id, status: run.status, createdAt: run.createdAt, cursor, counts, ...(since === undefined ? { definition: JSON.parse(run.definition) as RunDefinition } : {}), cells },
    { headers: { "cache-control": "no-store" } },
  );
}
