import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// This machine has no Chinese font, as many servers and fresh Linux desktops do not. The workbench
// serves Noto Sans SC itself, sliced by Unicode range: a page with only Latin text downloads none
// of it, a page with Chinese downloads only the slices its characters fall in.

function recordFontRequests(page: Page): string[] {
  const fonts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "font") fonts.push(new URL(request.url()).pathname);
  });
  return fonts;
}

async function loadedChineseFaces(page: Page): Promise<number> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((face) => face.family.replaceAll('"', "") === "Kimi Noto Sans SC" && face.status === "loaded").length;
  });
}

test("a page without Chinese text downloads no font; Chinese text gets the served font, a few slices of it", async ({ page }) => {
  const fonts = recordFontRequests(page);
  await page.goto("/prompts");
  await expect(page.getByRole("button", { name: /New prompt/ })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(fonts).toEqual([]);
  expect(await loadedChineseFaces(page)).toBe(0);

  // The empty chat suggests a question in Chinese.
  await page.goto("/");
  const suggestion = page.getByText("用三句话解释什么是 Mixture-of-Experts 模型。");
  await expect(suggestion).toBeVisible();
  await expect.poll(() => loadedChineseFaces(page)).toBeGreaterThan(0);
  // Served by the workbench itself, and only the slices this text needs (the font has about a hundred).
  expect(fonts.length).toBeGreaterThan(0);
  expect(fonts.every((path) => path.startsWith("/_next/static/media/"))).toBe(true);
  expect(fonts.length).toBeLessThanOrEqual(12);
  // Each character is drawn one em wide by the font (a missing-glyph box would be narrower here).
  const widths = await suggestion.evaluate((element) => {
    const probe = document.createElement("span");
    probe.style.fontSize = "20px";
    element.append(probe);
    probe.textContent = "解释什么";
    const chinese = probe.getBoundingClientRect().width;
    probe.remove();
    return chinese;
  });
  expect(widths).toBeCloseTo(80, 0);
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });

  test("every Chinese label is drawn by the font, one em per character, not as boxes", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("#model-select")).toBeEnabled();
    await expect.poll(() => loadedChineseFaces(page)).toBeGreaterThan(0);
    await page.evaluate(() => document.fonts.ready);
    // The width of each label's text (a missing-glyph box is narrower than the em the font draws).
    const measured = await page.evaluate(() =>
      [
        document.querySelector('header a[href="/prompts"]'),
        [...document.querySelectorAll("button")].find((button) => button.textContent === "发送"),
        [...document.querySelectorAll("button")].find((button) => button.textContent === "导入…"),
      ].map((element) => {
        const range = document.createRange();
        range.selectNodeContents(element!.firstChild!);
        const fontSize = parseFloat(getComputedStyle(element!).fontSize);
        const chinese = [...(element!.textContent ?? "")].filter((character) => /[\u4e00-\u9fff]/.test(character)).length;
        return { text: element!.textContent, ems: range.getBoundingClientRect().width / fontSize, chinese };
      }),
    );
    for (const label of measured) expect(label.ems, label.text ?? "").toBeGreaterThanOrEqual(label.chinese * 0.95);
  });
});
