import { serverMessage } from "@/lib/i18n/server-message";
import { getServerEnv } from "@/lib/env";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { refuseWithoutRunAccess } from "@/lib/runs/run-access";
import { getRunService } from "@/lib/runs/run-service";
import type { RunDefinition } from "@/lib/runs/run-types";
import { createRun } from "@/lib/runs/run-worker";
import type { Assertion } from "@/lib/evals/assertions";
import type { PromptTemplate } from "@/lib/prompts/prompt-template";
import type { TestRow } from "@/lib/prompts/test-set";
import { describeSchemaIssue } from "@/lib/wire/schema-issues";
import { createRunRequestSchema } from "./request-schema";

export const dynamic = "force-dynamic";

/**
 * Starts a run: every version × row × column becomes a queued cell, worked by the server (it goes on
 * when the tab closes and resumes after a restart). Keys pasted for columns stay in this process's
 * memory for this run only. Answers 201 with the run's id and its number of cells.
 */
export async function POST(request: Request): Promise<Response> {
  const refused = await refuseWithoutRunAccess(request);
  if (refused) return refused;
  const env = getServerEnv();
  const body = await readJsonBody({ request, maxBytes: env.GATEWAY_MAX_BODY_MB * 1024 * 1024 });
  if (!body.ok) return errorResponse({ failure: body.failure });
  const parsed = createRunRequestSchema.safeParse(body.body);
  if (!parsed.success) return errorResponse({ failure: { status: 400, type: "invalid_request_error", ...serverMessage({ code: "invalidRunRequest", values: { kind: "run", problem: describeSchemaIssue(parsed.error.issues) } }) } });
  const { keys = {}, ...definition } = parsed.data;
  const cells = definition.versions.length * definition.rows.length * definition.columns.length;
  if (cells > env.RUN_MAX_CELLS) {
    return errorResponse({ failure: { status: 413, type: "run_too_large", ...serverMessage({ code: "runTooLarge", values: { cells: cells.toLocaleString("en-US"), limit: env.RUN_MAX_CELLS.toLocaleString("en-US") } }) } });
  }
  for (const [name, list] of [["row", definition.rows.map((row) => row.id)], ["column", definition.columns.map((column) => column.id)], ["version", definition.versions.map((version) => String(version.number))]] as const) {
    const duplicate = list.find((id, index) => list.indexOf(id) !== index);
    if (duplicate) return errorResponse({ failure: { status: 400, type: "invalid_request_error", ...serverMessage({ code: "duplicateRunId", values: { kind: name, id: duplicate } }) } });
  }
  const unknownKey = Object.keys(keys).find((columnId) => !definition.columns.some((column) => column.id === columnId));
  if (unknownKey) return errorResponse({ failure: { status: 400, type: "invalid_request_error", ...serverMessage({ code: "unknownKeyColumn", values: { column: unknownKey } }) } });
  const service = await getRunService();
  const runDefinition: RunDefinition = {
    // Messages are validated when each cell's request is rendered (placeholders make them templates here).
    versions: definition.versions.map((version) => ({ number: version.number, template: version.template as PromptTemplate })),
    rows: definition.rows as TestRow[],
    columns: definition.columns,
    assertions: definition.assertions as Assertion[],
    pastedKeyColumns: Object.keys(keys),
  };
  const id = await createRun({ store: service.store, definition: runDefinition, now: Date.now() });
  if (Object.keys(keys).length > 0) service.pastedKeys.set(id, new Map(Object.entries(keys)));
  await service.schedule({ runId: id, definition: runDefinition });
  return Response.json({ id, cells, url: `/api/runs/${id}` }, { status: 201, headers: { "cache-control": "no-store", location: `/api/runs/${id}` } });
}
