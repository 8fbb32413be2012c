import { readFileSync } from "node:fs";
import { isLiteralElement, isPluralElement, isPoundElement, isSelectElement, isTagElement, parse, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { locales } from "./locales";
import { messagesFor } from "./messages";
import { productionSourceFiles } from "@/testing/source-files";

// Every catalog has exactly the English catalog's keys, no empty text, the same placeholders, and
// parses as ICU; every key the code asks for exists (t("…") with a literal key, checked by the
// compiler too). A string missing from a catalog fails here, before anyone sees a raw key.

type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") entries.set(path, value);
    else for (const [inner, text] of flatten(value, path)) entries.set(inner, text);
  }
  return entries;
}

/** The names of a message's arguments ({name}, {count, plural, …}, <tag>), read by the ICU parser, sorted. */
function argumentsOf(text: string): string[] {
  const names = new Set<string>();
  const visit = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (isTagElement(element)) {
        names.add(`<${element.value}>`);
        visit(element.children);
      } else if (!isLiteralElement(element) && !isPoundElement(element)) names.add(element.value);
      if (isPluralElement(element) || isSelectElement(element)) for (const option of Object.values(element.options)) visit(option.value);
    }
  };
  visit(parse(text));
  return [...names].sort();
}

const english = flatten(messagesFor("en") as unknown as Catalog);

describe("the message catalogs", () => {
  for (const locale of locales) {
    const catalog = flatten(messagesFor(locale) as unknown as Catalog);
    it(`${locale} has exactly the English keys, each non-empty, with the same arguments, valid ICU`, () => {
      expect([...catalog.keys()].sort()).toEqual([...english.keys()].sort());
      const problems: string[] = [];
      const translate = createTranslator({ locale, messages: messagesFor(locale), onError: (error) => problems.push(error.message) }) as unknown as (key: string, values: Record<string, unknown>) => string;
      for (const [key, text] of catalog) {
        expect(text.trim(), `${locale} ${key} is empty`).not.toBe("");
        expect(argumentsOf(text), `${locale} ${key}: arguments`).toEqual(argumentsOf(english.get(key)!));
        // Tags (<code>…</code>) take a function, arguments a value.
        const values = Object.fromEntries(argumentsOf(text).map((name) => (name.startsWith("<") ? [name.slice(1, -1), (chunks: string) => chunks] : [name, 1])));
        const formatted = translate(key, values);
        expect(formatted.trim(), `${locale} ${key} formats to nothing`).not.toBe("");
      }
      expect(problems).toEqual([]);
    });
  }

  it("has every key the code asks for", () => {
    const used = new Set<string>();
    for (const path of productionSourceFiles(["app", "components", "server"])) {
      for (const match of readFileSync(path, "utf8").matchAll(/\bt(?:\.rich|\.markup)?\(\s*"([a-zA-Z0-9_.]+)"/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((key) => !english.has(key));
    expect(missing).toEqual([]);
  });
});
