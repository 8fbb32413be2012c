import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cjkFontCss, cjkFontCssPath, cjkFontFamily } from "./write-cjk-font-css.mjs";

describe("app/fonts/cjk-font.css", () => {
  it("is what the script writes for the installed font package (run scripts/write-cjk-font-css.mjs after updating it)", () => {
    expect(readFileSync(cjkFontCssPath, "utf8")).toBe(cjkFontCss());
  });

  it("claims only CJK code points, so Latin text never downloads a slice", () => {
    const css = cjkFontCss();
    const ranges = [...css.matchAll(/unicode-range:([^}]+)\}/g)].flatMap((match) => match[1]!.split(","));
    expect(ranges.length).toBeGreaterThan(1000);
    for (const range of ranges) {
      const start = parseInt(range.replace("U+", "").split("-")[0]!, 16);
      expect(start, range).toBeGreaterThanOrEqual(0x2e80);
    }
    expect(css).toContain(`font-family:"${cjkFontFamily}"`);
    // 一 (U+4E00) and 。 (U+3002) are covered by some slice.
    const covers = (codePoint: number) =>
      ranges.some((range) => {
        const [start, end] = range.replace("U+", "").split("-").map((part) => parseInt(part, 16));
        return codePoint >= start! && codePoint <= (end ?? start)!;
      });
    expect(covers(0x4e00)).toBe(true);
    expect(covers(0x3002)).toBe(true);
    expect(covers(0x41)).toBe(false);
  });
});
