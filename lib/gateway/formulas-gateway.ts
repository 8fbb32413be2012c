import "server-only";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { FormulasApi } from "@/lib/providers/provider-adapter";
import { errorResponse } from "@/lib/http/error-response";
import { serverMessage } from "@/lib/i18n/server-message";
import { gatewayFailure } from "@/lib/wire/failure";
import { formulaUriPattern } from "@/lib/wire/formula-uri";
import { authorizeProviderApi } from "./chat-gateway";
import { readProviderParam } from "./route-params";


/** An official-tools call the request may make: the formula, the provider's API for it, and the key. */
export interface AuthorizedFormula {
  providerId: ProviderId;
  formulas: FormulasApi;
  apiKey: string | undefined;
  uri: string;
  action: "tools" | "fibers";
}

/**
 * Reads `/v1/formulas/{uri…}/{tools|fibers}`, checks the provider has official tools and the caller
 * may use it; answers the error in the provider's envelope otherwise.
 */
export async function authorizeFormula({ request, params }: { request: Request; params: Promise<{ provider: string; path: string[] }> }): Promise<{ ok: true; call: AuthorizedFormula } | { ok: false; response: Response }> {
  const provider = await readProviderParam(params);
  if (!provider.ok) return provider;
  const { providerId } = provider;
  const { path } = await params;
  const action = path[path.length - 1];
  // The segments arrive decoded (by the router); decoding again would turn "%25" into a URIError.
  const uri = path.slice(0, -1).join("/");
  if ((action !== "tools" && action !== "fibers") || !formulaUriPattern.test(uri)) {
    const failure = gatewayFailure({
      status: 404,
      type: "not_found",
      ...serverMessage({ code: "unknownFormulaPath", values: { path: path.join("/") } }),
    });
    return { ok: false, response: errorResponse({ failure, provider: providerId }) };
  }
  const authorized = await authorizeProviderApi({
    request,
    providerId,
    api: (adapter) => adapter.formulas,
    missing: { type: "formulas_not_supported", code: "formulasNotSupported" },
  });
  if (!authorized.ok) return authorized;
  return { ok: true, call: { providerId, formulas: authorized.api, apiKey: authorized.apiKey, uri, action } };
}
