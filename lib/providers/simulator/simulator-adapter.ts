import { createOpenAiStyleAdapter } from "../openai-style/openai-style-adapter";
import type { ProviderAdapter } from "../provider-adapter";
import { prepareSimulatorRequest } from "./simulator-gateway-request";
import { createSimulatorHandler } from "./simulator-handler";
import type { StreamPace } from "./simulator-stream";

/**
 * The simulator provider: the Moonshot adapter's wire handling, with the simulator's HTTP handler
 * called in-process instead of over a socket (the same handler `/api/simulator/v1` serves).
 */
export function createSimulatorAdapter({
  pace,
  idleTimeoutMs,
  handler = createSimulatorHandler({ pace }),
}: {
  pace: StreamPace;
  idleTimeoutMs: number;
  /** The simulator's HTTP handler; tests wrap it to see exactly what the adapter sends. */
  handler?: (request: Request) => Promise<Response>;
}): ProviderAdapter {
  const transport = ((input: RequestInfo | URL, init?: RequestInit) => handler(new Request(input, init))) as typeof fetch;
  return createOpenAiStyleAdapter({ providerId: "simulator", baseUrl: "http://simulator.local/v1", idleTimeoutMs, prepareRequest: prepareSimulatorRequest, hasTokenCountEndpoint: true, hasFilesApi: true, hasFormulasApi: true, fetch: transport });
}
