import "server-only";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { ChatRequest } from "@/lib/wire/chat-request";

// The openai SDK's zodResponseFormat (and zod's JSON Schema output generally) puts a `$schema`
// at the root of a structured-output schema; Moonshot refuses it there ("not a valid moonshot
// flavored json schema"). It only names the draft and changes nothing the model is held to, so the
// gateway takes it out for the Moonshot family and says so, rather than fail a common client.

/** What the gateway changed in a request before sending it, as paths (announced in a header and the log). */
export interface SchemaAdjustment {
  request: ChatRequest;
  adjusted: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Removes a root `$schema` from `response_format.json_schema.schema` where the provider refuses it. */
export function adjustSchemasForProvider({ request, providerId }: { request: ChatRequest; providerId: ProviderId }): SchemaAdjustment {
  if (rulesFor(providerId).family !== "moonshot") return { request, adjusted: [] };
  const format = request.response_format;
  if (format?.type !== "json_schema") return { request, adjusted: [] };
  const jsonSchema = format.json_schema;
  if (!isRecord(jsonSchema) || !isRecord(jsonSchema.schema) || !("$schema" in jsonSchema.schema)) return { request, adjusted: [] };
  const { $schema: _draft, ...rest } = jsonSchema.schema;
  return {
    request: { ...request, response_format: { ...format, json_schema: { ...jsonSchema, schema: rest } } },
    adjusted: ["response_format.json_schema.schema.$schema"],
  };
}
