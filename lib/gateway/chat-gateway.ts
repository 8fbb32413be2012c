import "server-only";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import { getServerEnv, serverSecrets } from "@/lib/env";
import { errorResponse } from "@/lib/http/error-response";
import type { BodyLimitSource } from "@/lib/http/read-json-body";
import type { ProviderAdapter } from "@/lib/providers/provider-adapter";
import { getProviderRuntime, type ProviderRuntime } from "@/lib/providers/provider-registry";
import type { ChatRequest, ToolCall } from "@/lib/wire/chat-request";
import { gatewayFailure, type UpstreamFailure } from "@/lib/wire/failure";
import type { StreamPart } from "@/lib/wire/upstream-chunk";
import { adjustedHeader, attemptsHeader, reasoningReplayedHeader, reasoningReplayHeader, retriesHeader, retryNoticesHeader, shouldRetryHeader, userKeyHeader } from "@/lib/wire/wire-headers";
import { hasAccess, isCrossSiteBrowserRequest, readClientAccess, readClientKey, type ClientAccess } from "./access";
import { takeLimit } from "@/lib/guard/rate-limits";
import { streamResponse } from "./gateway-response";
import { normalizeStream, type GatewayEvent } from "./normalize-stream";
import { reasoningMemory, replayScope } from "./reasoning-replay";
import { adjustSchemasForProvider } from "./schema-adjustment";
import { runWithRetry, type RetryPolicy, type RetryReport } from "./retry";
import { RetryNoticeQueue } from "./retry-notice-queue";
import { logEvent } from "@/lib/log/server-log";
import { serverMessage, type ServerMessageCode } from "@/lib/i18n/server-message";
import { redactCompletion, StreamAnswerRedactor } from "./answer-redaction";

/** The provider call a request is allowed to make: which adapter, with which key. */
export interface AuthorizedCall {
  runtime: ProviderRuntime;
  adapter: ProviderAdapter;
  apiKey: string | undefined;
  /** The largest body this caller may send: GATEWAY_MAX_BODY_MB with access, GATEWAY_PUBLIC_MAX_BODY_MB without. */
  bodyLimit: BodyLimit;
  /** Awaited before each retry (prompt runs draw every request they send on the provider's budget). */
  beforeRetry?: () => Promise<void>;
}

const megabyte = 1024 * 1024;

/** Limit on gateway calls by clients without access (the simulator, their own keys), per client per minute. */
function publicCallRule() {
  return { name: "gateway-public", points: getServerEnv().GATEWAY_PUBLIC_RATE_LIMIT, durationSeconds: 60 };
}

/** The largest body a client may send, and the setting that says so: GATEWAY_MAX_BODY_MB with access, GATEWAY_PUBLIC_MAX_BODY_MB without. */
export function bodyLimitFor(access: ClientAccess): BodyLimit {
  const env = getServerEnv();
  if (hasAccess(access)) return { maxBytes: env.GATEWAY_MAX_BODY_MB * megabyte, source: "GATEWAY_MAX_BODY_MB" };
  return { maxBytes: Math.min(env.GATEWAY_PUBLIC_MAX_BODY_MB, env.GATEWAY_MAX_BODY_MB) * megabyte, source: "GATEWAY_PUBLIC_MAX_BODY_MB" };
}

/** A body size limit and the setting it comes from (named in the 413). */
export interface BodyLimit {
  maxBytes: number;
  source: BodyLimitSource;
}

/** Counts a call by a client without access against GATEWAY_PUBLIC_RATE_LIMIT; the failure once it is over. */
export async function takePublicCall(request: Request): Promise<UpstreamFailure | undefined> {
  const limited = await takeLimit({ rule: publicCallRule(), client: readClientKey(request) });
  if (limited.ok) return undefined;
  return {
    ...gatewayFailure({ status: 429, type: "rate_limited", ...serverMessage({ code: "publicRateLimited", values: { limit: getServerEnv().GATEWAY_PUBLIC_RATE_LIMIT, seconds: limited.retryAfterSeconds } }) }),
    retryAfterMs: limited.retryAfterSeconds * 1000,
  };
}

/**
 * Decides whether a request may call a provider and with which key: the user's own key (BYOK
 * header) spends only that key; server-side keys and self-hosted servers need access (loopback
 * while it counts, the access token or a session); the simulator is open to everyone. Callers
 * without access get smaller bodies and a per-client rate (GATEWAY_PUBLIC_*), shared across
 * instances through Redis when it is configured.
 */
export async function authorizeCall({ request, providerId }: { request: Request; providerId: ProviderId }): Promise<{ ok: true; call: AuthorizedCall } | { ok: false; failure: UpstreamFailure }> {
  const runtime = getProviderRuntime(providerId);
  if (isCrossSiteBrowserRequest(request)) {
    return { ok: false, failure: gatewayFailure({ status: 403, type: "cross_site_request", ...serverMessage({ code: "gatewayCrossSite" }) }) };
  }
  if (!runtime.adapter) {
    return {
      ok: false,
      failure: gatewayFailure({ status: 503, type: "provider_not_configured", ...serverMessage({ code: "providerNotConfigured", values: { provider: runtime.descriptor.label, hint: runtime.setupHint ?? "" } }) }),
    };
  }
  const userKey = request.headers.get(userKeyHeader)?.trim() || undefined;
  const access = await readClientAccess(request);
  const trusted = hasAccess(access);
  if (!trusted) {
    const limited = await takePublicCall(request);
    if (limited) return { ok: false, failure: limited };
  }
  const bodyLimit = bodyLimitFor(access);
  if (providerId === "simulator") {
    // The simulator keeps uploaded files per caller, as a provider keeps them per key: a key the
    // caller sent, or else who the caller is (this machine, or its address).
    const owner = userKey ?? `workbench-client:${access.loopback ? "local" : readClientKey(request)}`;
    return { ok: true, call: { runtime, adapter: runtime.adapter, apiKey: owner, bodyLimit } };
  }
  const spendsServer = userKey === undefined || providerId === "openai-compatible";
  if (spendsServer && !trusted) {
    return {
      ok: false,
      failure: gatewayFailure({
        status: 401,
        type: "access_denied",
        ...serverMessage({
          code: "gatewayAccessDenied",
          values: { provider: runtime.descriptor.label, token: access.tokenConfigured ? "yes" : "no", header: "Authorization: Bearer <WORKBENCH_ACCESS_TOKEN>", ownKey: providerId === "openai-compatible" ? "no" : "yes" },
        }),
      }),
    };
  }
  if (userKey !== undefined) return { ok: true, call: { runtime, adapter: runtime.adapter, apiKey: userKey, bodyLimit } };
  if (runtime.requiresKey && !runtime.serverApiKey) {
    return {
      ok: false,
      failure: gatewayFailure({
        status: 401,
        type: "missing_api_key",
        ...serverMessage({ code: "missingServerKey", values: { provider: runtime.descriptor.label, hint: runtime.setupHint ?? "" } }),
      }),
    };
  }
  return { ok: true, call: { runtime, adapter: runtime.adapter, apiKey: runtime.serverApiKey, bodyLimit } };
}

/** The retry bounds from configuration. */
export function retryPolicyFromEnv(): RetryPolicy {
  const env = getServerEnv();
  return { maxAttempts: env.GATEWAY_RETRY_MAX_ATTEMPTS, baseDelayMs: env.GATEWAY_RETRY_BASE_DELAY_MS, maxTotalWaitMs: env.GATEWAY_RETRY_MAX_WAIT_MS };
}

/**
 * The retry bounds for one request: the server's, or fewer when the caller asks (`X-Workbench-Retries`,
 * 0 for none, e.g. a client that retries by itself). Asking for more than the server allows is
 * refused rather than quietly capped.
 */
export function retryPolicyFor(request: Request): { ok: true; policy: RetryPolicy } | { ok: false; failure: UpstreamFailure } {
  const policy = retryPolicyFromEnv();
  const asked = request.headers.get(retriesHeader);
  if (asked === null) return { ok: true, policy };
  const allowed = policy.maxAttempts - 1;
  const retries = /^\d+$/.test(asked.trim()) ? Number(asked.trim()) : Number.NaN;
  if (!Number.isInteger(retries) || retries > allowed) {
    return {
      ok: false,
      failure: gatewayFailure({
        status: 400,
        type: "invalid_request_error",
        ...serverMessage({ code: "invalidRetriesHeader", values: { header: retriesHeader, allowed, attempts: policy.maxAttempts, asked } }),
      }),
    };
  }
  return { ok: true, policy: { ...policy, maxAttempts: retries + 1 } };
}

/**
 * Headers of a failed call: how many attempts were made, and `x-should-retry: false` unless the
 * client retrying could still help (a retryable failure the gateway was not allowed to retry), so
 * SDKs do not multiply the gateway's retries by their own.
 */
function failureHeaders({ attempts, failure, policy }: { attempts: number; failure: UpstreamFailure; policy: RetryPolicy }): Record<string, string> {
  const clientMayRetry = failure.retryable && policy.maxAttempts === 1;
  return { [attemptsHeader]: String(attempts), ...(clientMayRetry ? {} : { [shouldRetryHeader]: "false" }) };
}

async function* prepend(first: StreamPart, rest: AsyncGenerator<StreamPart>): AsyncGenerator<StreamPart> {
  try {
    yield first;
    yield* rest;
  } finally {
    await rest.return(undefined);
  }
}

/**
 * Starts an upstream stream and waits for its first event, so that an error arriving as the first
 * event (DashScope sends `event:error` under HTTP 200) is still answered with its real status and
 * can be retried: nothing has reached the client yet.
 */
async function openStream({ adapter, request, apiKey, signal }: { adapter: ProviderAdapter; request: ChatRequest; apiKey: string | undefined; signal: AbortSignal }) {
  const attempt = await adapter.streamChat({ request, apiKey, signal });
  if (!attempt.ok) return attempt;
  const first = await attempt.parts.next();
  if (first.done) {
    return { ok: false as const, failure: { status: 502, type: "upstream_empty_stream", ...serverMessage({ code: "upstreamEmptyStream" }), retryable: true } };
  }
  if (first.value.type === "error") {
    await attempt.parts.return(undefined);
    return { ok: false as const, failure: first.value.failure };
  }
  return { ok: true as const, parts: prepend(first.value, attempt.parts) };
}

/**
 * Authorizes a call to one of a provider's optional APIs (files, official tools): the caller's
 * access as for a chat, then the API itself, or a 404 in the provider's envelope naming what is missing.
 */
export async function authorizeProviderApi<T>({
  request,
  providerId,
  api,
  missing,
}: {
  request: Request;
  providerId: ProviderId;
  api: (adapter: ProviderAdapter) => T | undefined;
  missing: { type: string; code: ServerMessageCode };
}): Promise<{ ok: true; api: T; apiKey: string | undefined; bodyLimit: BodyLimit } | { ok: false; response: Response }> {
  const authorized = await authorizeCall({ request, providerId });
  if (!authorized.ok) return { ok: false, response: errorResponse({ failure: authorized.failure, provider: providerId }) };
  const found = api(authorized.call.adapter);
  if (found === undefined) {
    const failure = gatewayFailure({ status: 404, type: missing.type, ...serverMessage({ code: missing.code, values: { provider: authorized.call.runtime.descriptor.label } }) });
    return { ok: false, response: errorResponse({ failure, provider: providerId }) };
  }
  return { ok: true, api: found, apiKey: authorized.call.apiKey, bodyLimit: authorized.call.bodyLimit };
}

/** The provider's name for messages. */
function runtimeLabel(call: AuthorizedCall): string {
  return call.runtime.descriptor.label;
}

/** A request's total deadline: aborts the upstream call when it passes, and says so. */
interface Deadline {
  readonly expired: boolean;
  failure(): UpstreamFailure;
  clear(): void;
}

function startDeadline({ upstream, ms, label }: { upstream: AbortController; ms: number; label: string }): Deadline {
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    upstream.abort(new Error("deadline"));
  }, ms);
  timer.unref?.();
  return {
    get expired() {
      return expired;
    },
    failure: () =>
      gatewayFailure({ status: 504, type: "request_deadline_exceeded", ...serverMessage({ code: "deadlineExceeded", values: { provider: label, seconds: ms % 1000 === 0 ? ms / 1000 : (ms / 1000).toFixed(1) } }) }),
    clear: () => clearTimeout(timer),
  };
}

/**
 * The stream's last step before the client: answers redacted (`StreamAnswerRedactor`), and the
 * stream ended with the deadline's error once it passes. A plain iterator rather than an async
 * generator: each generator layer adds queued microtasks per chunk, which the first-byte budget feels.
 */
function guardedStream({ events, deadline, redactor }: { events: AsyncGenerator<GatewayEvent>; deadline: Deadline; redactor: StreamAnswerRedactor }): AsyncGenerator<GatewayEvent> {
  const queued: GatewayEvent[] = [];
  let finished = false;
  const end = async (): Promise<IteratorResult<GatewayEvent>> => {
    finished = true;
    await events.return(undefined);
    return { done: true, value: undefined };
  };
  const iterator = {
    async next(): Promise<IteratorResult<GatewayEvent>> {
      const waiting = queued.shift();
      if (waiting) return { done: false, value: waiting };
      if (finished) return { done: true, value: undefined };
      const next = await events.next();
      if (deadline.expired) {
        finished = true;
        await events.return(undefined);
        return { done: false, value: { type: "error", failure: deadline.failure() } };
      }
      if (next.done) return end();
      const event = next.value;
      if (event.type === "chunk") return { done: false, value: { type: "chunk", chunk: redactor.redact(event.chunk) } };
      // Text still held back goes out before the stream's last event.
      const held = redactor.flush();
      if (!held) return { done: false, value: event };
      queued.push(event);
      return { done: false, value: { type: "chunk", chunk: held } };
    },
    return: (value?: unknown) => ((finished = true), events.return(value as undefined)),
    throw: (error?: unknown) => events.throw(error),
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator as unknown as AsyncGenerator<GatewayEvent>;
}

/** A final failure that says how many attempts were made, when the gateway retried. */
function withAttempts({ failure, attempts, elapsedMs }: { failure: UpstreamFailure; attempts: number; elapsedMs: number }): UpstreamFailure {
  if (attempts <= 1) return failure;
  // The problem itself stays as it was written (a provider's words, or the workbench's English).
  return { ...failure, ...serverMessage({ code: "gaveUpAfterRetries", values: { problem: failure.message.replace(/\.$/, ""), attempts, seconds: (elapsedMs / 1000).toFixed(1) } }) };
}

/** Whether this call gets reasoning replay: on unless turned off, for providers that require reasoning back. */
function replayWanted({ request, providerId }: { request: Request; providerId: ProviderId }): boolean {
  if (getServerEnv().GATEWAY_REASONING_REPLAY === "off") return false;
  if (request.headers.get(reasoningReplayHeader)?.trim().toLowerCase() === "off") return false;
  // Moonshot (and the simulator standing in for it) refuse a tool-call turn without its reasoning.
  return rulesFor(providerId).family === "moonshot";
}

/** Watches a stream for the first choice's reasoning and tool calls, and remembers them when it ends well. */
async function* rememberingReasoning({ events, onDone }: { events: AsyncGenerator<GatewayEvent>; onDone: (answer: { reasoning: string; toolCalls: ToolCall[] }) => void }): AsyncGenerator<GatewayEvent> {
  let reasoning = "";
  const toolCalls: ToolCall[] = [];
  try {
    for await (const event of events) {
      if (event.type === "chunk") {
        for (const choice of event.chunk.choices) {
          if (choice.index !== 0) continue;
          reasoning += choice.delta.reasoning_content ?? "";
          for (const delta of choice.delta.tool_calls ?? []) {
            const call = (toolCalls[delta.index] ??= { id: "", type: "function", function: { name: "", arguments: "" } });
            if (delta.id) call.id = delta.id;
            if (delta.type) call.type = delta.type;
            call.function.name += delta.function?.name ?? "";
            call.function.arguments += delta.function?.arguments ?? "";
          }
        }
      } else if (event.type === "done") onDone({ reasoning, toolCalls: toolCalls.filter(Boolean) });
      yield event;
    }
  } finally {
    await events.return(undefined);
  }
}

/** Serves a chat completion (streamed or not) through the given provider, with retries before the first byte. */
export async function serveChatCompletion({
  request,
  call,
  body,
}: {
  request: Request;
  call: AuthorizedCall;
  body: ChatRequest;
}): Promise<Response> {
  const startedAt = performance.now();
  const { adapter, apiKey } = call;
  const providerId = adapter.id;
  // Aborted by the client (request.signal) or when the response stream is cancelled. (A listener,
  // not AbortSignal.any: this runs on every request and signals are not cheap in Node 20.)
  const upstream = new AbortController();
  const signal = upstream.signal;
  if (request.signal.aborted) upstream.abort(request.signal.reason);
  else request.signal.addEventListener("abort", () => upstream.abort(request.signal.reason), { once: true });
  const retry = retryPolicyFor(request);
  if (!retry.ok) return errorResponse({ failure: retry.failure, provider: providerId, headers: { [shouldRetryHeader]: "false" } });
  const { policy } = retry;
  // The whole request, retries and stream included, ends by GATEWAY_REQUEST_DEADLINE_MS.
  const deadline = startDeadline({ upstream, ms: getServerEnv().GATEWAY_REQUEST_DEADLINE_MS, label: runtimeLabel(call) });
  let attemptsMade = 0;
  const beforeAttempt = async () => {
    attemptsMade += 1;
    if (attemptsMade > 1) await call.beforeRetry?.();
  };
  // The server's own credentials and a key the caller pasted never come back inside an answer. (For
  // the simulator, apiKey names the caller's file owner, not a secret.)
  const answerSecrets = [...serverSecrets(), providerId === "simulator" ? undefined : apiKey, request.headers.get(userKeyHeader)?.trim()];
  // Reasoning replay: turns that came back without their reasoning get it back, announced.
  const replay = replayWanted({ request, providerId });
  const scope = replayScope({ providerId, apiKey });
  const restored = replay ? reasoningMemory().restore({ scope, request: body }) : { request: body, restored: 0 };
  const adjustment = adjustSchemasForProvider({ request: restored.request, providerId });
  const sent = adjustment.request;
  // Every change the gateway made is announced on the response, whatever its outcome.
  const announcedHeaders: Record<string, string> = {
    ...(restored.restored > 0 ? { [reasoningReplayedHeader]: String(restored.restored) } : {}),
    ...(adjustment.adjusted.length > 0 ? { [adjustedHeader]: adjustment.adjusted.join(",") } : {}),
  };
  const remember = (answer: { reasoning: string; toolCalls: ToolCall[] }) => {
    if (replay) reasoningMemory().remember({ scope, request: sent, toolCalls: answer.toolCalls, reasoning: answer.reasoning });
  };
  // One line per request: identifiers and figures, never headers or message content.
  const log = (status: number, attempts: number, outcome: string) =>
    logEvent({
      event: "chat_completion",
      secrets: [apiKey],
      fields: {
      provider: providerId,
      model: body.model,
      stream: body.stream === true,
      status,
      attempts,
      outcome,
      ...(restored.restored > 0 ? { replayed: restored.restored } : {}),
      ...(adjustment.adjusted.length > 0 ? { adjusted: adjustment.adjusted.join(",") } : {}),
      ms: Math.round(performance.now() - startedAt),
      },
    });

  try {
    if (body.stream) {
      const attemptStream = async () => (await beforeAttempt(), openStream({ adapter, request: sent, apiKey, signal }));
      const answerEvents = (parts: AsyncGenerator<StreamPart>) => {
        const normalized = normalizeStream({ parts, requestedModel: body.model, includeUsage: body.stream_options?.include_usage === true });
        // Only an answer to a request with tools can make tool calls worth remembering.
        const remembered = replay && (sent.tools?.length ?? 0) > 0 ? rememberingReasoning({ events: normalized, onDone: remember }) : normalized;
        return guardedStream({ events: remembered, deadline, redactor: new StreamAnswerRedactor(answerSecrets) });
      };
      const finalFailure = ({ failure, attempts }: { failure: UpstreamFailure; attempts: number }) => {
        deadline.clear();
        const named = withAttempts({ failure, attempts, elapsedMs: performance.now() - startedAt });
        log(named.status, attempts, named.type);
        return named;
      };
      const closeStream = (outcome: "done" | "error" | "cancelled") => {
        deadline.clear();
        if (outcome !== "done") upstream.abort();
        log(200, attemptsMade, outcome);
      };
      let report: RetryReport<Awaited<ReturnType<typeof attemptStream>>>;
      if (request.headers.get(retryNoticesHeader) === "1") {
        // The page asked to see retries: at the first one, the answer's stream starts with notices.
        const notices = new RetryNoticeQueue();
        const running = runWithRetry({ attempt: attemptStream, policy, signal, onRetry: notices.push });
        running.catch(() => undefined);
        const first = await Promise.race([running.then((settled) => ({ settled })), notices.first.then(() => undefined)]);
        if (!first) {
          async function* afterRetries(): AsyncGenerator<GatewayEvent> {
            let settled: typeof report;
            try {
              for (;;) {
                const notice = await Promise.race([notices.next(), running.then(() => undefined)]);
                if (!notice) break;
                yield { type: "retry", notice };
              }
              settled = await running;
            } catch (error) {
              if (!deadline.expired) throw error;
              yield { type: "error", failure: finalFailure({ failure: deadline.failure(), attempts: attemptsMade }) };
              return;
            }
            if (!settled.result.ok) {
              yield { type: "error", failure: finalFailure({ failure: settled.result.failure, attempts: settled.attempts }) };
              return;
            }
            yield* answerEvents(settled.result.parts);
          }
          return streamResponse({ events: afterRetries(), provider: providerId, headers: announcedHeaders, onClose: closeStream });
        }
        report = first.settled;
      } else report = await runWithRetry({ attempt: attemptStream, policy, signal });
      if (!report.result.ok) {
        const failure = finalFailure({ failure: report.result.failure, attempts: report.attempts });
        return errorResponse({ failure, provider: providerId, headers: { ...failureHeaders({ attempts: report.attempts, failure, policy }), ...announcedHeaders } });
      }
      return streamResponse({ events: answerEvents(report.result.parts), provider: providerId, headers: { [attemptsHeader]: String(report.attempts), ...announcedHeaders }, onClose: closeStream });
    }
    const report = await runWithRetry({ attempt: async () => (await beforeAttempt(), adapter.completeChat({ request: sent, apiKey, signal })), policy, signal });
    deadline.clear();
    const headers = { [attemptsHeader]: String(report.attempts), ...announcedHeaders };
    if (!report.result.ok) {
      const failure = withAttempts({ failure: report.result.failure, attempts: report.attempts, elapsedMs: performance.now() - startedAt });
      log(failure.status, report.attempts, failure.type);
      return errorResponse({ failure, provider: providerId, headers: { ...failureHeaders({ attempts: report.attempts, failure, policy }), ...announcedHeaders } });
    }
    const message = report.result.completion.choices.find((choice) => choice.index === 0)?.message;
    if (message) remember({ reasoning: message.reasoning_content ?? "", toolCalls: message.tool_calls ?? [] });
    log(200, report.attempts, "done");
    return Response.json(redactCompletion({ completion: report.result.completion, secrets: answerSecrets }), { headers });
  } catch (error) {
    deadline.clear();
    if (deadline.expired) {
      const failure = withAttempts({ failure: deadline.failure(), attempts: attemptsMade, elapsedMs: performance.now() - startedAt });
      log(failure.status, attemptsMade, failure.type);
      return errorResponse({ failure, provider: providerId, headers: { [attemptsHeader]: String(attemptsMade), [shouldRetryHeader]: "false", ...announcedHeaders } });
    }
    if (signal.aborted) {
      log(499, 0, "cancelled");
      return new Response(null, { status: 499 });
    }
    throw error;
  }
}
