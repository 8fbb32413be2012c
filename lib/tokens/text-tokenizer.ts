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

// BPE merges within one pre-tokenized piece take time quadratic in its length: 100 KB of one repeated
// character took 20 s. Unbroken runs longer than this are counted in pieces of `runPiece` characters
// (a real token is never this long, so the count moves by at most a token per cut).
const longRun = /\S{256,}/g;
const runPiece = 128;

/** Counts `text` with `encode`, cutting unbroken runs so no piece is long enough to be slow. */
function countBounded(text: string, encode: (text: string) => number): number {
  if (text === "") return 0;
  longRun.lastIndex = 0;
  if (!longRun.test(text)) return encode(text);
  longRun.lastIndex = 0;
  let tokens = 0;
  let position = 0;
  for (const match of text.matchAll(longRun)) {
    if (match.index > position) tokens += encode(text.slice(position, match.index));
    for (let start = 0; start < match[0].length; start += runPiece) tokens += encode(match[0].slice(start, start + runPiece));
    position = match.index + match[0].length;
  }
  if (position < text.length) tokens += encode(text.slice(position));
  return tokens;
}

/** Loads the tokenizer once (its rank table is ~2 MB, so it is only loaded when first needed). */
export function loadTextTokenizer(): Promise<TextTokenizer> {
  loading ??= import("gpt-tokenizer/encoding/o200k_base").then((encoding) => {
    const encode = (text: string) => encoding.encode(text, plainText).length;
    return {
      count: (text: string) => countBounded(text, encode),
      // Splitting is only for the simulator's own answers: short, ordinary text.
      split: (text: string) => (text === "" ? [] : [...encoding.decodeGenerator(encoding.encode(text, plainText))]),
    };
  });
  return loading;
}
