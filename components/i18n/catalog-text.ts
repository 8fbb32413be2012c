import type { Translate } from "@/lib/i18n/translate";

type Loose = { (key: string, values?: Record<string, string | number>): string; has(key: string): boolean };

/**
 * A message lib/ wrote in English, worded from the catalog in the page's language: the first of
 * `keys` the catalog has, with `values`; the English itself when none is there.
 */
export function catalogText({ keys, values, english }: { keys: readonly string[]; values: Record<string, string | number>; english: string }, t: Translate): string {
  const translate = t as unknown as Loose;
  const key = keys.find((candidate) => translate.has(candidate));
  return key ? translate(key, values) : english;
}
