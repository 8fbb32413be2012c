import type { ProviderId } from "@/lib/catalog/catalog-types";
import { providerDescriptors } from "@/lib/catalog/model-catalog";
import type { ChatRequest, RequestAdjustment } from "@/lib/wire/chat-request";
import type { UpstreamFailure } from "@/lib/wire/failure";

// One request builder per provider, pure and safe in the browser: the adapters send what it builds,
// and "What will be sent" and "View code" show it. Keys are never part of it: the credential header
// names the environment variable instead, and the adapter puts the real key in when it sends.

/** Where a provider is reached; comes from server configuration (the page gets it from the provider list). */
export interface ProviderRequestConfig {
  /** The provider's base URL (e.g. `https://api.moonshot.ai/v1`, DashScope's `…/api/v1` root). */
  baseUrl: string;
  /** DashScope's Model Studio workspace, sent as a header by the native API. */
  workspaceId?: string;
}

/** A request exactly as the provider receives it, with the key masked. */
export interface PreparedRequest {
  url: string;
  /** Every header sent. The credential reads `Bearer $MOONSHOT_API_KEY` (the variable, never a key). */
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** What the translation added, changed or dropped, and why. */
  adjustments: RequestAdjustment[];
}

/** A prepared request, or why the request cannot go to this provider at all. */
export type PrepareResult = { ok: true; prepared: PreparedRequest } | { ok: false; failure: UpstreamFailure };

/** Builds the request a provider receives for a gateway body. */
export type PrepareRequest = (input: { request: ChatRequest; config: ProviderRequestConfig }) => PrepareResult;

/** The header carrying the key. */
export const credentialHeader = "Authorization";

/** The credential header's value as shown: the variable the key is read from. */
export function maskedCredential(providerId: ProviderId): string | undefined {
  const keyEnv = providerDescriptors[providerId].keyEnv;
  return keyEnv ? `Bearer $${keyEnv}` : undefined;
}

/** The headers to send: the masked credential replaced by the real key, or dropped when there is none. */
export function withCredential({ headers, apiKey }: { headers: Record<string, string>; apiKey: string | undefined }): Record<string, string> {
  const { [credentialHeader]: _masked, ...rest } = headers;
  return apiKey ? { ...rest, [credentialHeader]: `Bearer ${apiKey}` } : rest;
}

/** A base URL without trailing slashes. */
export function trimBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "");
}
