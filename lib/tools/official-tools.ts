import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { ToolDefinition } from "@/lib/wire/chat-request";
import { envelopeMessage } from "@/lib/wire/error-envelope";
import { formulaPath, formulaUriPattern } from "@/lib/wire/formula-uri";
import { userKeyHeader } from "@/lib/wire/wire-headers";

/** Official tools Moonshot documents (URIs), offered as suggestions; any URI can be typed. */
export const knownOfficialToolUris = [
  "moonshot/web-search:latest",
  "moonshot/convert:latest",
  "moonshot/date:latest",
  "moonshot/fetch:latest",
  "moonshot/code_runner:latest",
  "moonshot/quickjs:latest",
  "moonshot/excel:latest",
  "moonshot/base64:latest",
  "moonshot/memory:latest",
  "moonshot/rethink:latest",
  "moonshot/random-choice:latest",
  "moonshot/mew:latest",
] as const;


/** A fiber as the gateway answers it. */
export interface FiberAnswer {
  id?: string;
  status: string;
  output?: string;
  encrypted?: boolean;
  error?: string;
}

/** Why a tool could not be fetched: English, with a catalog code (`officialToolProblems.<code>`) where the workbench wrote it (the server's own message has none). */
type Failure = { ok: false; message: string; code?: string; values?: Record<string, string> };

async function readFailure(response: Response): Promise<Failure> {
  return { ok: false, message: envelopeMessage(await response.text()) ?? `HTTP ${response.status}` };
}

function gatewayPath({ providerId, uri }: { providerId: ProviderId; uri: string }): string {
  return `/api/providers/${providerId}/v1/${formulaPath(uri)}`;
}

/** The function definitions of an official tool, through the gateway. */
export async function fetchOfficialTools({ providerId, uri, apiKey }: { providerId: ProviderId; uri: string; apiKey: string | undefined }): Promise<{ ok: true; tools: ToolDefinition[] } | Failure> {
  if (!formulaUriPattern.test(uri)) return { ok: false, message: `"${uri}" is not a formula URI; write it as owner/name:tag, e.g. moonshot/web-search:latest.`, code: "not-uri", values: { uri } };
  try {
    const response = await fetch(`${gatewayPath({ providerId, uri })}/tools`, { headers: apiKey ? { [userKeyHeader]: apiKey } : {} });
    if (!response.ok) return readFailure(response);
    const body = (await response.json()) as { tools?: ToolDefinition[] };
    const tools = body.tools ?? [];
    return tools.length > 0 ? { ok: true, tools } : { ok: false, message: `${uri} declares no tools.`, code: "no-tools", values: { uri } };
  } catch {
    return { ok: false, message: "The connection to the workbench server failed.", code: "unreachable", values: {} };
  }
}

/** Runs one function of an official tool with the model's arguments, through the gateway. */
export async function runOfficialTool({ providerId, uri, name, argumentsText, apiKey, signal }: { providerId: ProviderId; uri: string; name: string; argumentsText: string; apiKey: string | undefined; signal?: AbortSignal }): Promise<{ ok: true; fiber: FiberAnswer } | Failure> {
  try {
    const response = await fetch(`${gatewayPath({ providerId, uri })}/fibers`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(apiKey ? { [userKeyHeader]: apiKey } : {}) },
      body: JSON.stringify({ name, arguments: argumentsText }),
      signal,
    });
    if (!response.ok) return readFailure(response);
    return { ok: true, fiber: (await response.json()) as FiberAnswer };
  } catch {
    return { ok: false, message: signal?.aborted ? "Stopped." : "The connection to the workbench server failed." };
  }
}

/** What goes back to the model for a fiber: its output, or the error (so the model can react to it). */
export function fiberContent(fiber: FiberAnswer): string {
  if (fiber.status === "succeeded" && fiber.output !== undefined) return fiber.output;
  return `Error: ${fiber.error ?? `the tool ended with status ${fiber.status}`}`;
}
