import { createHash, randomUUID } from "node:crypto";
import { sleep } from "@/lib/async/sleep";
import type { ModelSpec } from "@/lib/catalog/catalog-types";
import { defaultMaxTokens, findModelSpec, isRetired, listCatalogModels } from "@/lib/catalog/model-catalog";
import { loadTextTokenizer } from "@/lib/tokens/text-tokenizer";
import { PrefixCache } from "./simulator-cache";
import { composeTurn } from "./simulator-compose";
import { deleteFile, extractFileContent, fileNotFound, fileOwnerOf, fileTooLarge, findFile, listFiles, maxFileBytes, storeFile, toFileObject } from "./simulator-files";
import { handleFormulas } from "./simulator-formulas";
import { parseSimulatorDirectives, type SimulatorDirectives } from "./simulator-directives";
import { planChoice } from "./simulator-plan";
import { countSimulatorPrompt, precountSimulatorPrompt, lastUserText } from "./simulator-prompt";
import { invalidRequest, parseSimulatorRequest, simulatorErrorResponse, type SimulatorError, type SimulatorRequest } from "./simulator-request";
import { checkSimulatorRequest } from "./simulator-rules";
import { createSimulatorStream, generationTimeMs, type StreamPace, type SimulatorUsage } from "./simulator-stream";

/** Process-wide simulator state: the prefix cache and the counters behind `fail_attempts`. */
interface SimulatorState {
  cache: PrefixCache;
  failures: Map<string, number>;
}

// Next bundles each route separately; keep one state per process so every route sees the same cache.
const stateKey = Symbol.for("kimi-workbench.simulator-state");

function getState(): SimulatorState {
  const holder = globalThis as typeof globalThis & { [stateKey]?: SimulatorState };
  holder[stateKey] ??= { cache: new PrefixCache(), failures: new Map() };
  return holder[stateKey];
}

const notFound = (model: string): SimulatorError => ({
  status: 404,
  type: "resource_not_found_error",
  message: `Not found the model ${model} or Permission denied`,
});

const simulatedErrors: Record<number, SimulatorError> = {
  400: invalidRequest("Invalid request: simulated bad request"),
  401: { status: 401, type: "invalid_authentication_error", message: "Invalid Authentication" },
  403: { status: 403, type: "permission_denied_error", message: "The API you are accessing is not open" },
  404: { status: 404, type: "resource_not_found_error", message: "Not found the model simulated-model or Permission denied" },
  429: {
    status: 429,
    type: "rate_limit_reached_error",
    message: "Your account org-simulator<ak-simulator> request reached organization max RPM: 3, please try again after 1 seconds",
  },
  500: { status: 500, type: "server_error", message: "Simulated server error" },
  503: { status: 503, type: "engine_overloaded_error", message: "The engine is currently overloaded, please try again later" },
};

async function readJson(request: Request): Promise<{ ok: true; body: unknown } | { ok: false; error: SimulatorError }> {
  try {
    return { ok: true, body: JSON.parse(await request.text()) };
  } catch {
    return { ok: false, error: invalidRequest("Invalid request: the body is not valid JSON") };
  }
}

function simulatedFailure({ directives, request }: { directives: SimulatorDirectives; request: SimulatorRequest }): SimulatorError | undefined {
  if (directives.error === undefined) return undefined;
  const error = simulatedErrors[directives.error] ?? { status: directives.error, type: "server_error", message: `Simulated error ${directives.error}` };
  if (directives.failAttempts === undefined) return error;
  const key = createHash("sha256").update(JSON.stringify(request)).digest("hex");
  const { failures } = getState();
  const seen = failures.get(key) ?? 0;
  if (seen >= directives.failAttempts) return undefined;
  failures.set(key, seen + 1);
  return error;
}

/** A model the simulated service answers for: in the catalog and not retired (requests to retired ids fail, as on Moonshot). */
function servedModel(modelId: string): ModelSpec | undefined {
  const spec = findModelSpec({ providerId: "simulator", modelId });
  return spec && !isRetired({ spec, today: new Date() }) ? spec : undefined;
}

async function handleChat({ request, pace }: { request: Request; pace: StreamPace }): Promise<Response> {
  const json = await readJson(request);
  if (!json.ok) return simulatorErrorResponse(json.error);
  const parsed = parseSimulatorRequest(json.body);
  if (!parsed.ok) return simulatorErrorResponse(parsed.error);
  const body = parsed.request;
  const spec = servedModel(body.model);
  if (!spec) return simulatorErrorResponse(notFound(body.model));
  const directives = parseSimulatorDirectives(lastUserText(body.messages));
  if (!directives.ok) return simulatorErrorResponse(directives.error);
  const failure = simulatedFailure({ directives: directives.directives, request: body });
  if (failure) {
    return simulatorErrorResponse(failure, failure.status === 429 ? { "retry-after": "1" } : undefined);
  }
  const checked = checkSimulatorRequest({ request: body, spec });
  if (!checked.ok) return simulatorErrorResponse(checked.error);
  const tokenizer = await loadTextTokenizer();
  const owner = fileOwnerOf(request);
  const preservedThinking = checked.thinking.preserved;
  const prompt = countSimulatorPrompt({ request: body, spec, tokenizer: await precountSimulatorPrompt({ request: body, spec, tokenizer, preservedThinking, owner }), preservedThinking, owner });
  if (!prompt.ok) return simulatorErrorResponse(prompt.error);
  const promptTokens = prompt.breakdown.total;
  if (promptTokens >= spec.contextWindow) return simulatorErrorResponse(invalidRequest("Input token length too long"));
  const explicitMax = body.max_completion_tokens ?? body.max_tokens ?? undefined;
  if (explicitMax !== undefined && promptTokens + explicitMax > spec.contextWindow) {
    return simulatorErrorResponse(invalidRequest(`Your request exceeded model token limit : ${spec.contextWindow}`));
  }
  const maxTokens = explicitMax ?? Math.min(spec.maxOutputTokens ?? defaultMaxTokens, spec.contextWindow - promptTokens);
  const cachedTokens = getState().cache.lookupAndStore({ request: body, messageTokens: prompt.breakdown.messageTokens, toolsTokens: prompt.breakdown.tools });
  const stops = body.stop === null || body.stop === undefined ? [] : Array.isArray(body.stop) ? body.stop : [body.stop];
  const choices = Array.from({ length: body.n ?? 1 }, (_, index) =>
    planChoice({
      turn: composeTurn({ request: body, thinking: checked.thinking, directives: directives.directives, tokenizer, choiceIndex: index }),
      index,
      maxTokens,
      stops,
      tokenizer,
      exactLengths: directives.directives,
    }),
  );
  const completionTokens = choices.reduce((sum, choice) => sum + choice.completionTokens, 0);
  const reasoningTokens = choices.reduce((sum, choice) => sum + choice.reasoningTokens, 0);
  const usage: SimulatorUsage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    cached_tokens: cachedTokens,
    prompt_tokens_details: { cached_tokens: cachedTokens },
    ...(checked.thinking.enabled ? { completion_tokens_details: { reasoning_tokens: reasoningTokens } } : {}),
  };
  const stamp = { id: `chatcmpl-${randomUUID().replace(/-/g, "").slice(0, 24)}`, created: Math.floor(Date.now() / 1000), model: body.model };
  const requestPace: StreamPace = {
    tokensPerSecond: directives.directives.tokensPerSecond ?? pace.tokensPerSecond,
    firstTokenMs: directives.directives.firstTokenMs ?? pace.firstTokenMs,
  };

  if (body.stream) {
    const stream = createSimulatorStream({
      choices,
      usage,
      stamp,
      includeUsage: body.stream_options?.include_usage === true,
      pace: requestPace,
      dropAfterTokens: directives.directives.dropAfter,
      signal: request.signal,
    });
    return new Response(stream, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
    });
  }

  await sleep({ ms: generationTimeMs({ tokens: completionTokens, pace: requestPace }), signal: request.signal });
  return Response.json({
    ...stamp,
    object: "chat.completion",
    choices: choices.map((choice) => ({
      index: choice.index,
      message: {
        role: "assistant",
        content: choice.contentPieces.join(""),
        ...(checked.thinking.enabled ? { reasoning_content: choice.reasoningPieces.join("") } : {}),
        ...(choice.toolCalls.length > 0
          ? { tool_calls: choice.toolCalls.map((call) => ({ id: call.id, type: call.type, function: { name: call.name, arguments: call.argumentPieces.join("") } })) }
          : {}),
      },
      finish_reason: choice.finishReason,
    })),
    usage,
  });
}

async function handleEstimate(request: Request): Promise<Response> {
  const json = await readJson(request);
  if (!json.ok) return simulatorErrorResponse(json.error);
  const parsed = parseSimulatorRequest(json.body);
  if (!parsed.ok) return simulatorErrorResponse(parsed.error);
  const spec = servedModel(parsed.request.model);
  if (!spec) return simulatorErrorResponse(notFound(parsed.request.model));
  const checked = checkSimulatorRequest({ request: parsed.request, spec });
  const preserved = checked.ok ? checked.thinking.preserved : false;
  const owner = fileOwnerOf(request);
  const tokenizer = await precountSimulatorPrompt({ request: parsed.request, spec, tokenizer: await loadTextTokenizer(), preservedThinking: preserved, owner });
  const prompt = countSimulatorPrompt({ request: parsed.request, spec, tokenizer, preservedThinking: preserved, owner });
  if (!prompt.ok) return simulatorErrorResponse(prompt.error);
  return Response.json({ data: { total_tokens: prompt.breakdown.total } });
}

function handleModels(): Response {
  return Response.json({
    object: "list",
    // Retired models are no longer listed by the service they stood in for.
    data: listCatalogModels("simulator").filter((model) => servedModel(model.id)).map((model) => ({
      id: model.id,
      object: "model",
      created: 1_700_000_000,
      owned_by: "moonshot",
      context_length: model.contextWindow,
      supports_image_in: model.input.includes("image"),
      supports_video_in: model.input.includes("video"),
      supports_reasoning: model.thinking.mode !== "none",
    })),
  });
}

async function handleUpload(request: Request): Promise<Response> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  // The multipart envelope adds a little; anything far beyond the file limit is refused unread.
  if (Number.isFinite(declared) && declared > maxFileBytes + 1024 * 1024) {
    return simulatorErrorResponse(fileTooLarge());
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return simulatorErrorResponse(invalidRequest("Invalid request: the body must be multipart/form-data with the fields file and purpose"));
  }
  const file = form.get("file");
  if (!(file instanceof Blob)) return simulatorErrorResponse(invalidRequest("Invalid request: the form has no file field"));
  const purpose = form.get("purpose");
  const stored = storeFile({
    filename: file instanceof File ? file.name : "upload",
    purpose: typeof purpose === "string" ? purpose : "",
    mediaType: file.type,
    bytes: new Uint8Array(await file.arrayBuffer()),
    owner: fileOwnerOf(request),
  });
  if (!stored.ok) return simulatorErrorResponse(stored.error);
  return Response.json(toFileObject(stored.file));
}

/** Percent-decoding that answers undefined for malformed input instead of throwing a URIError. */
function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Moonshot's files API: upload, list, look up, delete, and the extracted text of a document. */
function handleFiles({ request, fileId, content }: { request: Request; fileId: string | undefined; content: boolean }): Promise<Response> | Response {
  if (fileId === undefined) {
    if (request.method === "POST") return handleUpload(request);
    if (request.method === "GET") return Response.json({ object: "list", data: listFiles({ owner: fileOwnerOf(request) }).map(toFileObject) });
  } else {
    const file = findFile({ id: fileId, owner: fileOwnerOf(request) });
    if (!file) return simulatorErrorResponse(fileNotFound(fileId));
    if (content && request.method === "GET") {
      if (file.purpose !== "file-extract") return simulatorErrorResponse(invalidRequest(`Invalid request: file ${fileId} was uploaded for ${file.purpose}; only file-extract files have content`));
      return new Response(extractFileContent(file), { headers: { "content-type": "application/json; charset=utf-8" } });
    }
    if (!content && request.method === "GET") return Response.json(toFileObject(file));
    if (!content && request.method === "DELETE") {
      deleteFile({ id: fileId, owner: fileOwnerOf(request) });
      return Response.json({ id: fileId, object: "file", deleted: true });
    }
  }
  return simulatorErrorResponse({ status: 405, type: "invalid_request_error", message: `Method ${request.method} is not allowed here` });
}

/**
 * The simulator as an HTTP handler speaking the Moonshot API (`/v1/chat/completions`,
 * `/v1/models`, `/v1/tokenizers/estimate-token-count`, `/v1/files`, `/v1/formulas`), whatever prefix it is mounted under.
 */
export function createSimulatorHandler({ pace }: { pace: StreamPace }): (request: Request) => Promise<Response> {
  return async (request) => {
    const path = new URL(request.url).pathname.replace(/\/+$/, "");
    if (path.endsWith("/chat/completions") && request.method === "POST") return handleChat({ request, pace });
    if (path.endsWith("/tokenizers/estimate-token-count") && request.method === "POST") return handleEstimate(request);
    if (path.endsWith("/models") && request.method === "GET") return handleModels();
    const formula = /\/formulas\/(.+)\/(tools|fibers)$/.exec(path);
    if (formula) {
      const uri = safeDecode(formula[1]!);
      if (uri === undefined) return simulatorErrorResponse(invalidRequest("Invalid request: the formula URI is not valid percent-encoding"));
      return handleFormulas({ request, uri, action: formula[2] as "tools" | "fibers" });
    }
    const files = /\/files(?:\/([^/]+))?(\/content)?$/.exec(path);
    if (files) {
      const fileId = files[1] === undefined ? undefined : safeDecode(files[1]);
      if (files[1] !== undefined && fileId === undefined) return simulatorErrorResponse(fileNotFound(files[1]));
      return handleFiles({ request, fileId, content: files[2] !== undefined });
    }
    return simulatorErrorResponse({ status: 404, type: "resource_not_found_error", message: `Not found: ${request.method} ${path}` });
  };
}
