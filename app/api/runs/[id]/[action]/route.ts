import { serverMessage } from "@/lib/i18n/server-message";
import { z } from "zod";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { refuseWithoutRunAccess } from "@/lib/runs/run-access";
import { getRunService } from "@/lib/runs/run-service";
import type { RunDefinition } from "@/lib/runs/run-types";
import { describeSchemaIssue } from "@/lib/wire/schema-issues";

export const dynamic = "force-dynamic";

const retrySchema = z.object({ cellIds: z.array(z.string()).max(100_000).optional(), onlyFailed: z.boolean().default(true) }).strict();
const keysSchema = z.object({ keys: z.record(z.string(), z.string().min(8)) }).strict();

/**
 * Steers a run: `cancel` (running cells stop, their upstream requests aborted; queued ones never
 * start), `retry` (failed cells, or the listed ones, queued again), `keys` (keys pasted again after a
 * restart: cells waiting for them continue).
 */
export async function POST(request: Request, context: { params: Promise<{ id: string; action: string }> }): Promise<Response> {
  const refused = await refuseWithoutRunAccess(request);
  if (refused) return refused;
  const { id, action } = await context.params;
  const service = await getRunService();
  const run = await service.store.getRun(id);
  if (!run) return errorResponse({ failure: { status: 404, type: "run_not_found", ...serverMessage({ code: "runNotFound", values: { id } }) } });
  if (action === "cancel") {
    await service.store.cancelRun({ runId: id, now: Date.now() });
    return Response.json({ id, status: "cancelled" });
  }
  if (action !== "retry" && action !== "keys") return errorResponse({ failure: { status: 404, type: "not_found", ...serverMessage({ code: "unknownRunAction", values: { action } }) } });
  const body = await readJsonBody({ request, maxBytes: 4 * 1024 * 1024, limitSource: "fixedRunAction" });
  if (!body.ok) return errorResponse({ failure: body.failure });
  if (action === "retry") {
    const parsed = retrySchema.safeParse(body.body);
    if (!parsed.success) return errorResponse({ failure: { status: 400, type: "invalid_request_error", ...serverMessage({ code: "invalidRunRequest", values: { kind: "retry", problem: describeSchemaIssue(parsed.error.issues) } }) } });
    const queued = await service.store.requeueCells({ runId: id, ...(parsed.data.cellIds ? { cellIds: parsed.data.cellIds } : {}), onlyFailed: parsed.data.onlyFailed });
    if (queued > 0) await service.schedule({ runId: id, definition: JSON.parse(run.definition) as RunDefinition, ...(parsed.data.cellIds ? { cellIds: parsed.data.cellIds } : {}) });
    return Response.json({ id, queued });
  }
  const parsed = keysSchema.safeParse(body.body);
  if (!parsed.success) return errorResponse({ failure: { status: 400, type: "invalid_request_error", ...serverMessage({ code: "invalidRunRequest", values: { kind: "keys", problem: describeSchemaIssue(parsed.error.issues) } }) } });
  service.pastedKeys.set(id, new Map([...(service.pastedKeys.get(id) ?? []), ...Object.entries(parsed.data.keys)]));
  const waiting = (await service.store.listCells(id)).filter((cell) => cell.status === "waiting_for_key").map((cell) => cell.cellId);
  const queued = waiting.length > 0 ? await service.store.requeueCells({ runId: id, cellIds: waiting, onlyFailed: false }) : 0;
  if (queued > 0) await service.schedule({ runId: id, definition: JSON.parse(run.definition) as RunDefinition, cellIds: waiting });
  return Response.json({ id, queued });
}
