import { createTranslator } from "next-intl";
import { expect } from "vitest";
import { messagesFor } from "@/lib/i18n/messages";

// lib/ writes its messages in English and gives each a catalog code with values; the page words them
// from the catalog. These checks keep the English catalog saying exactly what lib/ says, and the
// Chinese one formatting without a missing argument.

const english = createTranslator({ locale: "en", messages: messagesFor("en") }) as unknown as (key: string, values: Record<string, string | number>) => string;
const chinese = createTranslator({ locale: "zh-CN", messages: messagesFor("zh-CN") }) as unknown as (key: string, values: Record<string, string | number>) => string;

/** Expects each item's English to be the catalog's `namespace.<code>` with its values, and the Chinese to format. */
export function expectWordedAsEnglish({ namespace, items }: { namespace: string; items: ReadonlyArray<{ code?: string; values?: Record<string, string | number>; english: string }> }): void {
  for (const item of items) {
    expect(item.code, `"${item.english}" has no catalog code`).toBeTruthy();
    expect(english(`${namespace}.${item.code}`, item.values ?? {}), item.code).toBe(item.english);
    // A value may itself hold braces (a path template): only the catalog's own words are checked.
    const words = Object.values(item.values ?? {}).map(String).sort((a, b) => b.length - a.length).reduce<string>((text, value) => text.replaceAll(String(value), ""), chinese(`${namespace}.${item.code}`, item.values ?? {}));
    expect(words).not.toMatch(/(?<!\{)\{[a-zA-Z]\w*\}(?!\})|^$/);
  }
}
