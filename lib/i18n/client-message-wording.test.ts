import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { productionSourceFiles } from "@/testing/source-files";
import { messagesFor } from "./messages";

// The page's own messages (clientErrors, notices) are written in English where they arise in lib/,
// each beside its catalog code. This keeps the two saying the same: the English of every code, its
// arguments blanked, must be the literal written beside that code, its interpolations blanked.
// Messages with plural or select forms are checked by the tests that produce them
// (conversation-bridge.test.ts), with expectWordedAsEnglish.

const source = productionSourceFiles(["lib"]).map((path) => readFileSync(path, "utf8")).join("\n");
const english = messagesFor("en");

/** The English literal written beside `code: "<code>"`, or undefined. */
function literalFor(code: string): string | undefined {
  const pattern = new RegExp(`message: (\`(?:[^\`\\\\]|\\\\.)*\`|"(?:[^"\\\\]|\\\\.)*")[^\\n]*?code: "${code}"`);
  const match = pattern.exec(source)?.[1];
  if (match === undefined) return undefined;
  return match.startsWith('"') ? (JSON.parse(match) as string) : match.slice(1, -1);
}

const blankInterpolations = (text: string) => text.replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, "{}");
const blankArguments = (text: string) => text.replace(/\{\w+\}/g, "{}");

describe("the page's own messages", () => {
  it("have codes unique across the namespaces the page looks them up in (components/i18n/workbench-text.ts)", () => {
    const codes = (["answerErrors", "clientErrors", "notices", "serverErrors"] as const).flatMap((namespace) => Object.keys(english[namespace]));
    expect(codes.filter((code, index) => codes.indexOf(code) !== index)).toEqual([]);
  });

  for (const namespace of ["clientErrors", "notices"] as const) {
    for (const [code, message] of Object.entries(english[namespace])) {
      it(`${namespace}.${code} says what lib/ writes`, () => {
        expect(source, `${namespace}.${code} is never written`).toContain(`code: "${code}"`);
        if (/, (plural|select),/.test(message)) return;
        const literal = literalFor(code);
        expect(literal, `no English literal beside code "${code}"`).toBeDefined();
        expect(blankArguments(message)).toBe(blankInterpolations(literal!));
      });
    }
  }
});
