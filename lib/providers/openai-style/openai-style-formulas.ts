import { z } from "zod";
import type { UpstreamFailure } from "@/lib/wire/failure";
import type { ToolDefinition } from "@/lib/wire/chat-request";
import { formulaPath } from "@/lib/wire/formula-uri";
import type { FiberResult, FormulasApi } from "@/lib/providers/provider-adapter";
import { sendUpstream } from "../send-upstream";
import { serverMessage } from "@/lib/i18n/server-message";

// Moonshot's official tools: `GET /formulas/{uri}/tools` answers `{"tools": [...]}` with function
// definitions; `POST /formulas/{uri}/fibers` with `{"name", "arguments"}` runs one and answers a
// fiber `{"id", "status", "context": {"output" | "encrypted_output"}}` (or an `error`). Read
// leniently: only what the workbench uses is required.
const lenientToolSchema = z.looseObject({
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string(), description: z.string().nullish(), parameters: z.record(z.string(), z.unknown()).nullish() }),
});
const lenientToolsSchema = z.looseObject({ tools: z.array(lenientToolSchema).nullish() });
const lenientFiberSchema = z.looseObject({
  id: z.string().nullish(),
  status: z.string().nullish(),
  context: z.looseObject({ output: z.unknown().optional(), encrypted_output: z.unknown().optional(), error: z.unknown().optional() }).nullish(),
  error: z.unknown().optional(),
});

const unreadable = (what: "fiber" | "toolList"): UpstreamFailure => ({ status: 502, type: "upstream_invalid_response", ...serverMessage({ code: "upstreamUnreadable", values: { what } }), retryable: false });

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The fiber as the workbench uses it: what to send back to the model, or why there is nothing. */
function readFiber(fiber: z.infer<typeof lenientFiberSchema>): FiberResult {
  const output = asText(fiber.context?.output);
  const encrypted = output === undefined ? asText(fiber.context?.encrypted_output) : undefined;
  const error = asText(fiber.error) ?? asText(fiber.context?.error);
  return {
    ...(fiber.id ? { id: fiber.id } : {}),
    status: fiber.status ?? (error ? "failed" : "succeeded"),
    ...(output !== undefined ? { output } : encrypted !== undefined ? { output: encrypted, encrypted: true } : {}),
    ...(error !== undefined ? { error } : {}),
  };
}

/** The official tools of an OpenAI-style provider at `base` (Moonshot's API, or the simulator). */
export function createOpenAiStyleFormulas({ base, transport }: { base: string; transport: typeof fetch }): FormulasApi {
  const headers = (apiKey: string | undefined, json = false): Record<string, string> => ({
    accept: "application/json",
    ...(json ? { "content-type": "application/json" } : {}),
    ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
  });
  // The URI is a path of its own (`moonshot/web-search:latest`); its segments are kept, each escaped.
  const formulaUrl = (uri: string) => `${base}/${formulaPath(uri)}`;
  return {
    async tools({ uri, apiKey, signal }) {
      const sent = await sendUpstream({ url: `${formulaUrl(uri)}/tools`, init: { method: "GET", headers: headers(apiKey) }, signal, apiKey, transport });
      if (!sent.ok) return sent;
      const parsed = lenientToolsSchema.safeParse(await sent.response.json().catch(() => undefined));
      if (!parsed.success) return { ok: false, failure: unreadable("toolList") };
      const tools: ToolDefinition[] = (parsed.data.tools ?? []).map((tool) => ({
        type: tool.type ?? "function",
        function: {
          name: tool.function.name,
          ...(tool.function.description ? { description: tool.function.description } : {}),
          ...(tool.function.parameters ? { parameters: tool.function.parameters } : {}),
        },
      }));
      return { ok: true, tools };
    },

    async run({ uri, name, arguments: args, apiKey, signal }) {
      const init = { method: "POST", headers: headers(apiKey, true), body: JSON.stringify({ name, arguments: args }) };
      const sent = await sendUpstream({ url: `${formulaUrl(uri)}/fibers`, init, signal, apiKey, transport });
      if (!sent.ok) return sent;
      const parsed = lenientFiberSchema.safeParse(await sent.response.json().catch(() => undefined));
      return parsed.success ? { ok: true, fiber: readFiber(parsed.data) } : { ok: false, failure: unreadable("fiber") };
    },
  };
}
