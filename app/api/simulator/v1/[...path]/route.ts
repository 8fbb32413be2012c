import { getServerEnv } from "@/lib/env";
import { createSimulatorHandler } from "@/lib/providers/simulator/simulator-handler";

export const dynamic = "force-dynamic";

// The raw simulator, speaking the Moonshot API as-is (usage inside the finishing choice and all),
// so anything that talks to Moonshot can be pointed here: MOONSHOT_BASE_URL=http://HOST/api/simulator/v1.
let handler: ((request: Request) => Promise<Response>) | undefined;

function simulator(request: Request): Promise<Response> {
  const env = getServerEnv();
  handler ??= createSimulatorHandler({ pace: { tokensPerSecond: env.SIMULATOR_TOKENS_PER_SECOND, firstTokenMs: env.SIMULATOR_FIRST_TOKEN_MS } });
  return handler(request);
}

export const GET = simulator;
export const POST = simulator;
export const DELETE = simulator;
