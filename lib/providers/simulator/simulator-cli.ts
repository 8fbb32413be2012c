// `npm run simulator`: the simulator alone, as a Moonshot-compatible server on this machine.
import { serveWebHandler } from "@/lib/http/serve-web-handler";
import { createSimulatorHandler } from "./simulator-handler";

const port = Number(process.env.PORT ?? 4000);
const pace = { tokensPerSecond: Number(process.env.SIMULATOR_TOKENS_PER_SECOND ?? 60), firstTokenMs: Number(process.env.SIMULATOR_FIRST_TOKEN_MS ?? 350) };
const server = await serveWebHandler({ handler: createSimulatorHandler({ pace }), port });
console.info(`Kimi API simulator on ${server.url}/v1 (${pace.tokensPerSecond} tokens/s)`);
