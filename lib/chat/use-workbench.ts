import { useQuery } from "@tanstack/react-query";
import { useMemo, useSyncExternalStore } from "react";
import type { ModelSpec, ProviderId } from "@/lib/catalog/catalog-types";
import { rulesFor, type ParameterFamily } from "@/lib/catalog/provider-parameters";
import type { ChatRequest } from "@/lib/wire/chat-request";
import type { RequestAdjustment } from "@/lib/wire/chat-request";
import { checkRequest, requestWarnings, type RuleIssue, type RuleWarning } from "@/lib/request/request-rules";
import { checkToolLoop, type ToolLoopFinding } from "@/lib/request/tool-loop-check";
import { requestThinks } from "@/lib/catalog/thinking-fields";
import type { ProviderSummary, ProvidersResponse } from "@/lib/catalog/provider-summary";
import { loadProviderKeys } from "./browser-storage";
import { conversationStore, type WorkbenchState } from "./conversation-store";
import { userKeyHeader } from "@/lib/wire/wire-headers";

/** Query key of `GET /api/providers` (seeded from the server render). */
export const providersQueryKey = ["providers"] as const;

async function fetchProviders(): Promise<ProvidersResponse> {
  const response = await fetch("/api/providers");
  if (!response.ok) throw new Error(`Could not load providers (HTTP ${response.status})`);
  return (await response.json()) as ProvidersResponse;
}

/** Providers, their models and this client's access. */
export function useProviders(): ProvidersResponse {
  const { data } = useQuery({ queryKey: providersQueryKey, queryFn: fetchProviders });
  // The QueryProvider seeds this query from the server render, so data is always there.
  return data!;
}

/** The selected provider's summary. */
export function useSelectedProvider(): ProviderSummary | undefined {
  const providers = useProviders();
  const { conversation } = useWorkbench();
  return providers.providers.find((provider) => provider.id === conversation.providerId);
}

/** A model a provider lists through `/v1/models` (self-hosted servers, newer Moonshot models). */
export interface ListedModel {
  id: string;
  in_catalog: boolean;
  /** Present when the provider's own list was read: whether it lists this model. */
  listed_by_provider?: boolean;
  context_length?: number;
  supports_image_in?: boolean;
  supports_video_in?: boolean;
  supports_reasoning?: boolean;
}

/** Models the provider itself lists, when this client may ask it. */
export function useListedModels({ providerId, enabled }: { providerId: ProviderId; enabled: boolean }): ListedModel[] {
  const { data } = useQuery({
    queryKey: ["models", providerId],
    enabled,
    queryFn: async () => {
      const key = loadProviderKeys()[providerId];
      const response = await fetch(`/api/providers/${providerId}/v1/models`, { headers: key ? { [userKeyHeader]: key } : {} });
      if (!response.ok) return [];
      const models = ((await response.json()) as { data: ListedModel[] }).data;
      // Models the catalog does not know take their capabilities from this list.
      conversationStore.setDiscoveredModels({
        providerId,
        models: models
          .filter((model) => !model.in_catalog)
          .map((model) => ({ id: model.id, contextWindow: model.context_length, supportsImage: model.supports_image_in, supportsVideo: model.supports_video_in, supportsReasoning: model.supports_reasoning })),
      });
      return models;
    },
  });
  return data ?? [];
}

/** The conversation store's state (the server render sees the not-yet-loaded state). */
export function useWorkbench(): WorkbenchState {
  return useSyncExternalStore(conversationStore.subscribe, conversationStore.getSnapshot, conversationStore.getServerSnapshot);
}

/** Everything about the next request: the model's facts, the body, what the workbench adds, what breaks a rule. */
export interface NextRequest {
  spec: ModelSpec & { known: boolean };
  family: ParameterFamily;
  body: ChatRequest;
  adjustments: RequestAdjustment[];
  issues: RuleIssue[];
  /** Settings allowed but likely not what is wanted (never held back). */
  warnings: RuleWarning[];
  /** The tool-loop checker's findings, with their fixes. */
  toolLoop: ToolLoopFinding[];
  thinks: boolean;
}

/** The next request, derived from the conversation (recomputed only when the conversation changes). */
export function useNextRequest(): NextRequest {
  const { conversation, mediaVersion } = useWorkbench();
  const providers = useProviders();
  return useMemo(() => {
    const spec = conversationStore.specFor(conversation);
    const family = rulesFor(conversation.providerId).family;
    const { body, adjustments } = conversationStore.nextRequest(conversation);
    const issues = checkRequest({ request: body, spec, providerId: conversation.providerId });
    const warnings = requestWarnings({ request: body, spec, providerId: conversation.providerId });
    const toolLoop = checkToolLoop({ request: body, spec, providerId: conversation.providerId, issues });
    return { spec, family, body, adjustments, issues, warnings, toolLoop, thinks: requestThinks({ fields: conversation.parameters, family, spec }) };
    // providers: model facts come from the provider list; mediaVersion: extracted document text arrived.
  }, [conversation, providers, mediaVersion]); // eslint-disable-line react-hooks/exhaustive-deps
}
