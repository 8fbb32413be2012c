// Runs in a Web Worker: the BPE rank table (~2 MB) and the counting stay off the page's main thread
// and out of its first-load bundle.
import { mediaKeyOf } from "@/lib/media/media-placeholder";
import { countPromptTokens, type CountablePart } from "./prompt-tokens";
import type { TokenCountReply, TokenCountRequest } from "./token-count-protocol";
import { precountTokenizer } from "./responsive-count";
import { loadTextTokenizer, type TextTokenizer } from "./text-tokenizer";

const scope = globalThis as unknown as { onmessage: ((event: MessageEvent<TokenCountRequest>) => void) | null; postMessage: (reply: TokenCountReply) => void };

scope.onmessage = (event) => {
  const request = event.data;
  void loadTextTokenizer()
    .then(async (tokenizer) => {
      let unsized = 0;
      const count = (counter: TextTokenizer) => countPromptTokens<never>({
        messages: request.messages,
        tools: request.tools,
        tokenizer: counter,
        preservedThinking: request.preservedThinking,
        mediaTokens: (part: CountablePart) => {
          const tokens = request.mediaTokens[mediaKeyOf(part as Parameters<typeof mediaKeyOf>[0])];
          if (tokens === undefined) unsized += 1;
          return { ok: true, tokens: tokens ?? 0 };
        },
      });
      // Bounded like the server's count: past the deadline the rest is sized by length, and said so.
      const precounted = await precountTokenizer({ tokenizer, record: (recorder) => void count(recorder), deadlineMs: 3_000 });
      unsized = 0;
      const result = count(precounted.tokenizer);
      if (!result.ok) throw new Error("unreachable: media never refuses");
      scope.postMessage({ id: request.id, ok: true, breakdown: result.breakdown, unsized, approximatedCharacters: precounted.approximatedCharacters });
    })
    .catch((error: unknown) => scope.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) }));
};
