import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { boxedChineseCharacters } from "./support/glyphs";
import { WorkbenchPage } from "./support/workbench-page";

// The workbench speaks English and Simplified Chinese: the browser's language picks one, the
// header's switch overrides it (and is remembered), and the main flow reads right in both. A
// message missing from a catalog is reported on the console, and fails these tests.

/** Opens the workbench and waits until its saved state is read and its first token count shown, in any language. */
async function openReady(page: Page): Promise<void> {
  await new WorkbenchPage(page).open();
}

/** Collects the page's i18n errors (missing or broken messages). */
function watchMessages(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.text().startsWith("[i18n]")) problems.push(message.text());
  });
  return problems;
}

const languages = [
  {
    locale: "en-US",
    lang: "en",
    words: { message: "Message", send: "Send", regenerate: "Regenerate", usage: "Usage and timings", prompt: "Prompt", history: "History", messages: "2 messages", preview: "What will be sent", keys: "Keys", keysTitle: "API keys", language: "Language" },
  },
  {
    locale: "zh-CN",
    lang: "zh-CN",
    words: { message: "消息", send: "发送", regenerate: "重新生成", usage: "用量与耗时", prompt: "输入", history: "历史", messages: "2 条消息", preview: "将要发送的内容", keys: "密钥", keysTitle: "API 密钥", language: "语言" },
  },
] as const;

for (const { locale, lang, words } of languages) {
  test.describe(`browser language ${locale}`, () => {
    test.use({ locale });

    test(`the main flow reads in ${lang}: write, send, read the answer and its usage, the history, the keys`, async ({ page }) => {
      const problems = watchMessages(page);
      await openReady(page);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      const composer = page.getByRole("textbox", { name: words.message, exact: true });
      await composer.fill("Explain a mutex [[sim answer_tokens=60 reasoning_tokens=20]]");
      await expect(page.getByTestId("token-total")).not.toHaveText(/…/);
      await page.getByRole("button", { name: words.send, exact: true }).click();
      await expect(page.getByRole("button", { name: words.regenerate })).toBeVisible({ timeout: 30_000 });
      const usage = page.getByLabel(words.usage);
      await expect(usage).toContainText(words.prompt);
      // Numbers are formatted for the language (digits grouped, decimals as the locale writes them).
      await expect(usage).toContainText(/\d/);
      await expect(page.getByRole("navigation", { name: words.history })).toContainText(words.messages);
      expect(await boxedChineseCharacters(page.locator("main"))).toEqual([]);
      await expect(page.getByRole("button", { name: new RegExp(`^${words.preview}`) })).toBeVisible();
      await page.getByRole("button", { name: words.keys, exact: true }).click();
      await expect(page.getByRole("heading", { name: words.keysTitle })).toBeVisible();
      await page.keyboard.press("Escape");
      await expect(page.getByRole("combobox", { name: words.language })).toHaveValue(lang);
      expect(problems).toEqual([]);
    });
  });
}

test.describe("a shared page for a Chinese reader", () => {
  test.use({ locale: "zh-CN" });

  test("shares from the Chinese UI and reads the page in Chinese, drawn with the served font", async ({ page, browser }) => {
    const problems = watchMessages(page);
    await openReady(page);
    await page.getByRole("textbox", { name: "消息", exact: true }).fill("用一句话解释互斥锁 [[sim answer_tokens=30]]");
    await page.getByRole("button", { name: "发送", exact: true }).click();
    await expect(page.getByRole("button", { name: "重新生成" })).toBeVisible({ timeout: 30_000 });
    await page.getByRole("banner").getByRole("button", { name: "分享", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "分享这段对话" });
    await expect(dialog.getByRole("radio", { name: "7 天" })).toBeChecked();
    await dialog.getByRole("button", { name: "发布分享" }).click();
    const link = await dialog.getByLabel("分享链接").inputValue();
    expect(problems).toEqual([]);

    const reader = await browser.newContext({ locale: "zh-CN" });
    await reader.route("**/*", (route) => (["127.0.0.1", "localhost"].includes(new URL(route.request().url()).hostname) ? route.continue() : route.abort()));
    const readerPage = await reader.newPage();
    await readerPage.goto(link);
    await expect(readerPage.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(readerPage.getByText("分享自 Kimi Workbench · 只读")).toBeVisible();
    await expect(readerPage.getByRole("link", { name: "在工作台中打开" })).toBeVisible();
    await expect(readerPage.getByLabel("用量与耗时")).toContainText("输出");
    // Every Chinese character of the page is drawn, in prose and in the monospace figures ("0.39 秒").
    await expect.poll(() => boxedChineseCharacters(readerPage.locator("body"))).toEqual([]);
    // The shared page's CSP admits the workbench's own font, so Chinese is drawn on a machine without one.
    await expect
      .poll(() => readerPage.evaluate(async () => (await document.fonts.ready, [...document.fonts].filter((face) => face.family.replaceAll('"', "") === "Kimi Noto Sans SC" && face.status === "loaded").length)))
      .toBeGreaterThan(0);
    await reader.close();
  });
});

test.describe("the workbench's own words, for a Chinese reader: its errors and its editor", () => {
  test.use({ locale: "zh-CN" });

  test("a connection dropped mid-answer is reported in Chinese, with the error type as the API named it", async ({ page }) => {
    await openReady(page);
    await page.getByRole("textbox", { name: "消息", exact: true }).fill("讲个故事 [[sim reasoning_tokens=0 answer_tokens=300 drop_after=40 tokens_per_second=400]]");
    await page.getByRole("button", { name: "发送", exact: true }).click();
    const alert = page.getByRole("article").last().getByRole("alert");
    await expect(alert).toContainText("upstream_connection_error", { timeout: 30_000 });
    // The gateway wrote this message itself (its envelope carries message_code), so the page words it from the catalog.
    await expect(alert).toContainText("与上游的连接在流式传输中途断开");
    await expect(alert).not.toContainText("dropped mid-stream");
  });

  test("Monaco speaks Chinese and draws it: the find widget and the context menu from its zh-cn messages, the body's Chinese with the served font", async ({ page }) => {
    await openReady(page);
    await page.getByRole("textbox", { name: "消息", exact: true }).fill("用一句话解释互斥锁");
    await page.getByRole("tab", { name: "JSON" }).click();
    const editor = page.getByTestId("json-editor");
    const lines = editor.locator(".view-lines");
    await expect(lines).toContainText("互斥锁");
    // Monaco's own font stack has no Chinese: the editor's falls back to the workbench's served font.
    await expect.poll(() => boxedChineseCharacters(lines)).toEqual([]);
    await lines.click();
    await page.keyboard.press("Control+F");
    const find = editor.locator(".find-widget");
    await expect(find.getByRole("textbox").first()).toHaveAttribute("placeholder", "查找");
    await expect(find.getByRole("checkbox", { name: /区分大小写/ })).toBeVisible();
    await page.keyboard.press("Escape");
    await lines.click({ button: "right" });
    const menu = page.getByRole("menu");
    await expect(menu.getByRole("menuitem", { name: /^复制/ })).toBeVisible();
    await expect.poll(() => boxedChineseCharacters(menu)).toEqual([]);
  });
});

test.describe("the language switch", () => {
  test.use({ locale: "en-US" });

  test("switching to 简体中文 changes the page at once, keeps what is typed, and is remembered after a reload", async ({ page }) => {
    const problems = watchMessages(page);
    await openReady(page);
    await page.getByRole("textbox", { name: "Message", exact: true }).fill("still here");
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
    await expect(page.getByRole("button", { name: "发送", exact: true })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("textbox", { name: "消息", exact: true })).toHaveValue("still here");
    await page.reload();
    await expect(page.locator("#model-select")).toBeEnabled();
    await expect(page.getByRole("button", { name: "发送", exact: true })).toBeVisible();
    await page.getByRole("combobox", { name: "语言" }).selectOption("en");
    await expect(page.getByRole("button", { name: "Send", exact: true })).toBeVisible();
    expect(problems).toEqual([]);
  });
});
