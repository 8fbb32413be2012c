import { prepareOpenAiStyleRequest } from "../openai-style/openai-style-request";
import type { PrepareRequest } from "../prepared-request";

/** The request the gateway sends the simulator: it stands in for the Moonshot API, so Moonshot's request unchanged. */
export const prepareSimulatorRequest: PrepareRequest = ({ request, config }) => prepareOpenAiStyleRequest({ providerId: "simulator", request, config });
