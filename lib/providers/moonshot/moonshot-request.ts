import { prepareOpenAiStyleRequest } from "../openai-style/openai-style-request";
import type { PrepareRequest } from "../prepared-request";

/** The request the Moonshot API receives: the gateway's dialect is Moonshot's own, so the body passes through. */
export const prepareMoonshotRequest: PrepareRequest = ({ request, config }) => prepareOpenAiStyleRequest({ providerId: "moonshot", request, config });
