import type { PromptTokenBreakdown } from "./prompt-tokens";
import type { TokenCountReply, TokenCountRequest } from "./token-count-protocol";

let worker: Worker | undefined;
let nextId = 1;
const waiting = new Map<number, (reply: TokenCountReply) => void>();

function startWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL("./token-count-worker.ts", import.meta.url), { type: "module", name: "token-count" });
  worker.onmessage = (event: MessageEvent<TokenCountReply>) => {
    waiting.get(event.data.id)?.(event.data);
    waiting.delete(event.data.id);
  };
  worker.onerror = (event) => {
    for (const [id, resolve] of waiting) resolve({ id, ok: false, message: event.message || "the token counter failed to start" });
    waiting.clear();
    worker = undefined;
  };
  return worker;
}

/** Counts a prompt in the token-count Web Worker (started on first use). */
export function countInWorker(request: Omit<TokenCountRequest, "id">): Promise<{ ok: true; breakdown: PromptTokenBreakdown; unsized: number; approximatedCharacters: number } | { ok: false; message: string }> {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    startWorker().postMessage({ ...request, id } satisfies TokenCountRequest);
  });
}
