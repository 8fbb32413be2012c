import { serverMessage } from "@/lib/i18n/server-message";
import { authorizeFormula } from "@/lib/gateway/formulas-gateway";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { gatewayFailure } from "@/lib/wire/failure";
import { describeSchemaIssue } from "@/lib/wire/schema-issues";
import { fiberRequestSchema } from "./request-schema";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ provider: string; path: string[] }> };

/** `GET …/v1/formulas/{uri}/tools`: the function definitions of an official tool, as `{"tools": [...]}`. */
export async function GET(request: Request, context: Context): Promise<Response> {
  const authorized = await authorizeFormula({ request, params: context.params });
  if (!authorized.ok) return authorized.response;
  const { formulas, uri, apiKey, providerId, action } = authorized.call;
  if (action !== "tools") return errorResponse({ failure: gatewayFailure({ status: 405, type: "invalid_request_error", ...serverMessage({ code: "formulaGetIsForTools" }) }), provider: providerId });
  const listed = await formulas.tools({ uri, apiKey, signal: request.signal });
  return listed.ok ? Response.json({ object: "list", uri, tools: listed.tools }) : errorResponse({ failure: listed.failure, provider: providerId });
}

/** `POST …/v1/formulas/{uri}/fibers` with `{"name", "arguments"}`: runs the function, answering the fiber. */
export async function POST(request: Request, context: Context): Promise<Response> {
  const authorized = await authorizeFormula({ request, params: context.params });
  if (!authorized.ok) return authorized.response;
  const { formulas, uri, apiKey, providerId, action } = authorized.call;
  if (action !== "fibers") return errorResponse({ failure: gatewayFailure({ status: 405, type: "invalid_request_error", ...serverMessage({ code: "formulaPostIsForFibers" }) }), provider: providerId });
  const body = await readJsonBody({ request, maxBytes: 1024 * 1024, limitSource: "fixedToolRun" });
  if (!body.ok) return errorResponse({ failure: body.failure, provider: providerId });
  const parsed = fiberRequestSchema.safeParse(body.body);
  if (!parsed.success) return errorResponse({ failure: gatewayFailure({ status: 400, type: "invalid_request_error", message: describeSchemaIssue(parsed.error.issues) }), provider: providerId });
  const ran = await formulas.run({ uri, name: parsed.data.name, arguments: parsed.data.arguments, apiKey, signal: request.signal });
  return ran.ok ? Response.json({ uri, ...ran.fiber }) : errorResponse({ failure: ran.failure, provider: providerId });
}
