import type { ModelSpec, ProviderId } from "./catalog-types";
import type { ProviderDescriptor } from "./model-catalog";

/** A provider as the UI sees it: no keys, no secrets, just what it can do and whether it is set up. */
export interface ProviderSummary {
  id: ProviderId;
  label: string;
  description: string;
  thinkingSwitch: ProviderDescriptor["thinkingSwitch"];
  /** The server holds a key / base URL for it. */
  configured: boolean;
  /** Calls need a key (the server's or the user's). */
  requiresKey: boolean;
  /** This client may spend the server's credentials (loopback or signed in). */
  serverCredentialsUsable: boolean;
  keyEnv?: string;
  setupHint?: string;
  /** Host the provider is reached at (for orientation; base URLs are not secrets). */
  host?: string;
  /** Base URL for code that calls the provider directly; relative (the gateway) for the simulator. */
  baseUrl?: string;
  /** DashScope's Model Studio workspace the native API is called with (not a secret: it names the workspace). */
  workspaceId?: string;
  /** The provider has Moonshot's files API (uploads as ms:// ids, documents through file-extract). */
  files: boolean;
  /** Whether it has an exact token count (`tokenizers/estimate-token-count`). */
  exactTokenCount: boolean;
  models: ModelSpec[];
}

/** What `GET /api/providers` answers. */
export interface ProvidersResponse {
  providers: ProviderSummary[];
  defaultProviderId: ProviderId;
  access: { loopback: boolean; authenticated: boolean; tokenConfigured: boolean };
  /** Largest request body the gateway accepts (GATEWAY_MAX_BODY_MB), in bytes. */
  maxBodyBytes: number;
}

/** The model a provider starts with: its first model that is not retired. */
export function firstUsableModel(provider: Pick<ProviderSummary, "models"> | undefined): string {
  return provider?.models.find((model) => !model.retired)?.id ?? provider?.models[0]?.id ?? "";
}
