import type { TextTokenizer } from "./text-tokenizer";

/** How much text is counted between two yields to the event loop (~3 ms of BPE). */
const sliceCharacters = 32_768;
/** Tokens per character assumed for text sized by length (o200k averages ~4 characters per token in English). */
const fallbackTokensPerCharacter = 0.25;

/** A tokenizer whose counts were made ahead, with what had to be sized by length instead. */
export interface PrecountedTokenizer {
  tokenizer: TextTokenizer;
  /** Characters sized by length (tokens per character seen so far) because counting ran past its deadline. */
  approximatedCharacters: number;
}

const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => {
    const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
    if (immediate) immediate(resolve);
    else setTimeout(resolve, 0);
  });

/**
 * Counts every text a synchronous count would ask for, ahead and in slices that yield to the event
 * loop, so a large prompt never holds the server (or the page's worker) for more than a few ms at a
 * time. Past `deadlineMs` the rest is sized by length at the rate counted so far, and reported.
 * `record` runs the caller's count once with a recording tokenizer to learn which texts it needs.
 */
export async function precountTokenizer({
  tokenizer,
  record,
  deadlineMs,
  now = () => performance.now(),
}: {
  tokenizer: TextTokenizer;
  record: (recorder: TextTokenizer) => void;
  deadlineMs: number;
  now?: () => number;
}): Promise<PrecountedTokenizer> {
  const texts = new Set<string>();
  record({ count: (text) => (texts.add(text), 0), split: () => [] });
  const counts = new Map<string, number>();
  const startedAt = now();
  let countedCharacters = 0;
  let countedTokens = 0;
  let approximatedCharacters = 0;
  let sinceYield = 0;
  const rate = () => (countedCharacters > 10_000 ? countedTokens / countedCharacters : fallbackTokensPerCharacter);
  for (const text of texts) {
    let tokens = 0;
    for (let start = 0; start < text.length; start += sliceCharacters) {
      // Slices end at whitespace where possible, so words are not cut.
      let end = Math.min(text.length, start + sliceCharacters);
      if (end < text.length) {
        const space = text.lastIndexOf(" ", end);
        if (space > start + sliceCharacters / 2) end = space;
      }
      const slice = text.slice(start, end);
      start = end - sliceCharacters;
      if (now() - startedAt > deadlineMs) {
        tokens += Math.ceil(slice.length * rate());
        approximatedCharacters += slice.length;
        continue;
      }
      const sliceTokens = tokenizer.count(slice);
      tokens += sliceTokens;
      countedTokens += sliceTokens;
      countedCharacters += slice.length;
      sinceYield += slice.length;
      if (sinceYield >= sliceCharacters) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
    }
    counts.set(text, tokens);
  }
  return {
    tokenizer: { count: (text) => counts.get(text) ?? tokenizer.count(text), split: (text) => tokenizer.split(text) },
    approximatedCharacters,
  };
}

/** The note shown with an estimate part of which was sized by length. */
export function approximationNote(approximatedCharacters: number): string | undefined {
  if (approximatedCharacters === 0) return undefined;
  return `${approximatedCharacters.toLocaleString("en-US")} characters were sized by length, not counted: counting stops at its time limit so the server stays responsive.`;
}
