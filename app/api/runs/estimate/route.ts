import { serverMessage } from "@/lib/i18n/server-message";
import { getServerEnv } from "@/lib/env";
import type { Assertion } from "@/lib/evals/assertions";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import type { PromptTemplate } from "@/lib/prompts/prompt-template";
import type { TestRow } from "@/lib/prompts/test-set";
import { refuseWithoutRunAccess } from "@/lib/runs/run-access";
import { estimateRun } from "@/lib/runs/run-estimate";
import { describeSchemaIssue } from "@/lib/wire/schema-issues";
import { createRunRequestSchema } from "../request-schema";

export const dynamic = "force-dynamic";

/** What a run (the same body as `POST /api/runs`) would cost, per column, before starting it; nothing is sent. */
export async function POST(request: Request): Promise<Response> {
  const refused = await refuseWithoutRunAccess(request);
  if (refused) return refused;
  const body = await readJsonBody({ request, maxBytes: getServerEnv().GATEWAY_MAX_BODY_MB * 1024 * 1024 });
  if (!body.ok) return errorResponse({ failure: body.failure });
  const parsed = createRunRequestSchema.safeParse(body.body);
  if (!parsed.success) return errorResponse({ failure: { status: 400, type: "invalid_request_error", ...serverMessage({ code: "invalidRunRequest", values: { kind: "run", problem: describeSchemaIssue(parsed.error.issues) } }) } });
  const estimate = await estimateRun({
    definition: {
      versions: parsed.data.versions.map((version) => ({ number: version.number, template: version.template as PromptTemplate })),
      rows: parsed.data.rows as TestRow[],
      columns: parsed.data.columns,
      assertions: parsed.data.assertions as Assertion[],
    },
  });
  return Response.json({ ...estimate, exact: false, method: "local-estimate" }, { headers: { "cache-control": "no-store" } });
}
