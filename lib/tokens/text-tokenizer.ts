// Kimi's own BPE vocabulary is not published (docs/token-counting.md), so text is counted with
// o200k_base, a BPE of similar size; counts are estimates and are labelled as such wherever shown.

/** A BPE tokenizer for text. */
export interface TextTokenizer {
  /** Number of tokens in `text`. */
  count(text: string): number;
  /** `text` cut into token-sized pieces that join back into `text` (for streaming one token at a time). */
  split(text: string): string[];
}

let loading: Promise<TextTokenizer> | undefined;

// Special-token strings in user text are ordinary text here, not control tokens.
const plainText = { disallowedSpecial: new Set<string>() };

/** Loads the tokenizer once (its rank table is ~2 MB, so it is only loaded when first needed). */
export function loadTextTokenizer(): Promise<TextTokenizer> {
  loading ??= import("gpt-tokenizer/encoding/o200k_base").then((encoding) => ({
    count: (text: string) => (text === "" ? 0 : encoding.encode(text, plainText).length),
    split: (text: string) => (text === "" ? [] : [...encoding.decodeGenerator(encoding.encode(text, plainText))]),
  }));
  return loading;
}
