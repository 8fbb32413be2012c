import type { Locator } from "@playwright/test";

/**
 * The Chinese characters inside `scope` drawn narrower than 0.9 em: on a machine without a Chinese
 * font, a missing-glyph box is narrower than the em the served font draws each character in.
 */
export async function boxedChineseCharacters(scope: Locator): Promise<string[]> {
  await scope.page().evaluate(() => document.fonts.ready);
  return scope.evaluate((root) => {
    const narrow: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      const fontSize = parseFloat(getComputedStyle(node.parentElement!).fontSize);
      for (let index = 0; index < text.length; index += 1) {
        if (!/[\u4e00-\u9fff]/.test(text[index]!)) continue;
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        if (range.getBoundingClientRect().width < fontSize * 0.9) narrow.push(text[index]!);
      }
    }
    return narrow;
  });
}
