import type { WorkbenchMessage } from "./coded-message";
import type { UpstreamFailure } from "./failure";

/**
 * The one error envelope every API route answers with, in a response or as a final stream event:
 * OpenAI's `{"error":{"type","message"}}`, plus the provider and its status where one was involved.
 */
export interface ErrorEnvelope {
  error: {
    type: string;
    message: string;
    provider?: string;
    upstream_status?: number;
    code?: string;
    request_id?: string;
    /** The catalog code of a message the workbench wrote itself, and its values (see UpstreamFailure). */
    message_code?: string;
    message_values?: Record<string, string>;
  };
}

/** The envelope for a failure; `provider` names the provider when the route is a provider's. */
export function toErrorEnvelope({ failure, provider }: { failure: Pick<UpstreamFailure, "type" | "message" | "upstreamStatus" | "code" | "requestId" | "messageCode" | "messageValues">; provider?: string }): ErrorEnvelope {
  return {
    error: {
      type: failure.type,
      message: failure.message,
      ...(provider !== undefined ? { provider } : {}),
      ...(failure.upstreamStatus !== undefined ? { upstream_status: failure.upstreamStatus } : {}),
      ...(failure.code !== undefined ? { code: failure.code } : {}),
      ...(failure.requestId !== undefined ? { request_id: failure.requestId } : {}),
      ...(failure.messageCode !== undefined ? { message_code: failure.messageCode, message_values: failure.messageValues ?? {} } : {}),
    },
  };
}

/** The message of an error envelope in a response text, or undefined when the text is not one. */
export function envelopeMessage(text: string): string | undefined {
  return envelopeError(text)?.message;
}

/** The error of an envelope (a parsed body), with its catalog code when the workbench wrote it; undefined when the body is not one. */
export function envelopeErrorOf(body: unknown): WorkbenchMessage | undefined {
  const error = (body as Partial<ErrorEnvelope> | null | undefined)?.error;
  if (!error || typeof error.message !== "string" || error.message === "") return undefined;
  const coded = typeof error.message_code === "string" && typeof error.message_values === "object" && error.message_values !== null;
  return { message: error.message, ...(coded ? { code: error.message_code, values: error.message_values } : {}) };
}

/** {@link envelopeErrorOf} for a response text. */
export function envelopeError(text: string): WorkbenchMessage | undefined {
  try {
    return envelopeErrorOf(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Why a failed response failed: its envelope, else its status and the start of its body (`clientErrors.serverAnswered`). */
export async function readResponseError(response: Response): Promise<WorkbenchMessage> {
  const text = await response.text().catch(() => "");
  const envelope = envelopeError(text);
  if (envelope) return envelope;
  const status = String(response.status);
  const body = text.slice(0, 200);
  if (!body) return { message: `The server answered ${status}.`, code: "serverAnsweredEmpty", values: { status } };
  return { message: `The server answered ${status}: ${body}.`, code: "serverAnswered", values: { status, body } };
}

/** A request that never reached the workbench's server (`clientErrors.serverUnreachable`). */
export function unreachableError(error: unknown): WorkbenchMessage {
  const problem = error instanceof Error ? error.message : String(error);
  return { message: `The server could not be reached: ${problem}`, code: "serverUnreachable", values: { problem } };
}
