import type { DiscoveredModel, ProviderId } from "@/lib/catalog/catalog-types";
import type { ChatCompletion } from "@/lib/wire/chat-response";
import type { ChatRequest, ToolDefinition } from "@/lib/wire/chat-request";
import type { UpstreamFailure } from "@/lib/wire/failure";
import type { StreamPart } from "@/lib/wire/upstream-chunk";
import type { PrepareResult, ProviderRequestConfig } from "./prepared-request";

/** Result of one attempt to start a streamed chat. */
export type StreamAttempt = { ok: true; parts: AsyncGenerator<StreamPart> } | { ok: false; failure: UpstreamFailure };

/** Result of one attempt at a non-streamed chat. */
export type CompletionAttempt = { ok: true; completion: ChatCompletion } | { ok: false; failure: UpstreamFailure };

/** Everything an adapter needs for one upstream call. */
export interface ChatCallInput {
  request: ChatRequest;
  apiKey: string | undefined;
  signal: AbortSignal;
}

/** Token count for a request: exact from the provider, or absent so the caller estimates. */
export type TokenCountAttempt = { ok: true; totalTokens: number } | { ok: false; failure: UpstreamFailure };

/** A file object of Moonshot's files API, normalized. */
export interface FileObject {
  id: string;
  object: "file";
  bytes: number;
  created_at: number;
  filename: string;
  purpose: string;
  status: string;
  status_details: string;
}

type Failed = { ok: false; failure: UpstreamFailure };

/** Moonshot's files API (`/v1/files`), where a provider has it. */
export interface FilesApi {
  /** Streams a multipart body (fields `file`, `purpose`) to the provider as it arrives. */
  upload(input: { body: ReadableStream<Uint8Array>; contentType: string; contentLength?: number; apiKey: string | undefined; signal: AbortSignal }): Promise<{ ok: true; file: FileObject } | Failed>;
  list(input: { apiKey: string | undefined; signal: AbortSignal }): Promise<{ ok: true; files: FileObject[] } | Failed>;
  get(input: { fileId: string; apiKey: string | undefined; signal: AbortSignal }): Promise<{ ok: true; file: FileObject } | Failed>;
  remove(input: { fileId: string; apiKey: string | undefined; signal: AbortSignal }): Promise<{ ok: true; deleted: { id: string; object: "file"; deleted: boolean } } | Failed>;
  /** The extracted text of a `file-extract` upload, as the provider returns it. */
  content(input: { fileId: string; apiKey: string | undefined; signal: AbortSignal }): Promise<{ ok: true; text: string; contentType: string } | Failed>;
}

/** One run of an official tool (a "fiber"), as the provider reports it. */
export interface FiberResult {
  id?: string;
  /** `succeeded`, or the provider's word for what went wrong. */
  status: string;
  /** What goes back to the model as the tool message: the output, or the encrypted output the model reads itself. */
  output?: string;
  /** True when `output` is the provider's encrypted output (opaque to the workbench). */
  encrypted?: boolean;
  error?: string;
}

/** Moonshot's official tools ("formulas"), addressed by URI such as `moonshot/web-search:latest`. */
export interface FormulasApi {
  /** The function definitions a formula declares, ready for `tools`. */
  tools(input: { uri: string; apiKey: string | undefined; signal: AbortSignal }): Promise<{ ok: true; tools: ToolDefinition[] } | Failed>;
  /** Runs one of its functions with the model's arguments (a JSON string). */
  run(input: { uri: string; name: string; arguments: string; apiKey: string | undefined; signal: AbortSignal }): Promise<{ ok: true; fiber: FiberResult } | Failed>;
}

/** A provider behind the gateway, in the style of the AI SDK's provider packages. */
export interface ProviderAdapter {
  id: ProviderId;
  /** Where its request builder sends (from server configuration, never from a request). */
  requestConfig: ProviderRequestConfig;
  /** The request the provider receives for a gateway body, exactly as the adapter sends it (the key masked). */
  prepareRequest(request: ChatRequest): PrepareResult;
  streamChat(input: ChatCallInput): Promise<StreamAttempt>;
  completeChat(input: ChatCallInput): Promise<CompletionAttempt>;
  listModels(input: { apiKey: string | undefined; signal: AbortSignal }): Promise<
    { ok: true; models: DiscoveredModel[] } | { ok: false; failure: UpstreamFailure }
  >;
  /** Exact token count from the provider, where it has an endpoint for it. */
  countTokens?(input: ChatCallInput): Promise<TokenCountAttempt>;
  /** The provider's files API, where it has one. */
  files?: FilesApi;
  /** The provider's official tools, where it has them. */
  formulas?: FormulasApi;
}
