import { errorTypeForStatus, isRetryable, parseRetryAfterHeader, parseRetryAfterMessage, type UpstreamFailure } from "@/lib/wire/failure";
import { redactText } from "@/lib/wire/redact-secrets";
import { lenientErrorSchema } from "./openai-style-schemas";

/** An upstream identifier (error type, code, request id), redacted, or undefined when it is not one. */
function readIdentifier({ value, secrets }: { value: string | undefined; secrets: ReadonlyArray<string | undefined> }): string | undefined {
  if (value === undefined) return undefined;
  const redacted = redactText({ text: value, secrets });
  return /^[\w.:/\-[\] ]{1,128}$/.test(redacted) ? redacted : undefined;
}

/** Reads a failure out of an error body (HTTP error response or an in-stream `{"error":...}` event). */
export function failureFromErrorBody({
  body,
  status,
  secrets,
  retryAfterHeader = null,
}: {
  body: unknown;
  status: number;
  secrets: ReadonlyArray<string | undefined>;
  retryAfterHeader?: string | null;
}): UpstreamFailure {
  const parsed = lenientErrorSchema.safeParse(body);
  let message: string | undefined;
  let type: string | undefined;
  let code: string | undefined;
  let requestId: string | undefined;
  if (parsed.success) {
    const { error } = parsed.data;
    if (typeof error === "string") {
      message = error;
    } else if (error) {
      message = error.message ?? undefined;
      type = error.type ?? undefined;
      code = error.code === null || error.code === undefined ? undefined : String(error.code);
    }
    message ??= parsed.data.message ?? (typeof parsed.data.detail === "string" ? parsed.data.detail : undefined);
    type ??= parsed.data.type ?? undefined;
    if (code === undefined && parsed.data.code !== null && parsed.data.code !== undefined) code = String(parsed.data.code);
    requestId = parsed.data.request_id ?? undefined;
  }
  // Every field the upstream wrote goes through the redaction (a hostile or careless upstream echoes
  // keys in `type`, `code` or `request_id` too); identifiers must also look like identifiers.
  message = redactText({ text: message ?? `The upstream answered HTTP ${status} without a message.`, secrets });
  code = readIdentifier({ value: code, secrets });
  requestId = readIdentifier({ value: requestId, secrets });
  // DashScope-style bodies carry only `code` ("InvalidParameter"); use it as the type.
  type = readIdentifier({ value: type, secrets }) ?? code ?? errorTypeForStatus(status);
  const retryAfterMs = parseRetryAfterHeader({ value: retryAfterHeader }) ?? parseRetryAfterMessage(message);
  return {
    status,
    type,
    message,
    retryable: isRetryable({ status, type }),
    upstreamStatus: status,
    ...(code !== undefined ? { code } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

/** Reads a failed HTTP response (JSON or not) into a failure. */
export async function failureFromResponse({
  response,
  secrets,
}: {
  response: Response;
  secrets: ReadonlyArray<string | undefined>;
}): Promise<UpstreamFailure> {
  const text = await response.text().catch(() => "");
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    // Proxies answer with HTML or plain text; keep a short excerpt as the message.
    const excerpt = text.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim().slice(0, 300);
    body = { message: excerpt || `${response.status} ${response.statusText}`.trim() };
  }
  return failureFromErrorBody({
    body,
    status: response.status,
    secrets,
    retryAfterHeader: response.headers.get("retry-after"),
  });
}

/** Whether a 200 body is an error (`{"error": …}` without choices) rather than a completion. */
export function isErrorBody(body: unknown): boolean {
  return typeof body === "object" && body !== null && "error" in body && Boolean((body as { error: unknown }).error) && !("choices" in body);
}
