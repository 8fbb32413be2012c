// `npm run screenshot`: renders docs/screenshot.png (the chat), its other looks (dark, a phone in both
// themes, Chinese) and docs/screenshot-prompts.png (a prompt's two versions compared on two models)
// from the production build on the simulator.
import { chromium, type Browser } from "@playwright/test";
import { startApp } from "../bench/support/start-app";

const app = await startApp({ SIMULATOR_TOKENS_PER_SECOND: "150", SIMULATOR_FIRST_TOKEN_MS: "200" });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });

/** The chat with one answer and a follow-up being written, at a size, in a theme and a language. */
async function chatLook({ browser, path, width, height, theme, locale, words }: { browser: Browser; path: string; width: number; height: number; theme: "light" | "dark"; locale: string; words: { message: string; regenerate: string } }) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, locale });
  await context.addInitScript((value) => localStorage.setItem("kimi-workbench.theme", value), theme);
  const page = await context.newPage();
  await page.goto(app.url);
  await page.locator("#model-select").selectOption("kimi-k2.6");
  const composer = page.getByRole("textbox", { name: words.message, exact: true });
  const question = locale === "zh-CN" ? "Python 里调用被限流的 API 时应该怎样重试？" : "How should I retry a rate-limited API call in Python?";
  await composer.fill(`${question} [[sim reasoning_tokens=120 answer_tokens=200]]`);
  await composer.press("Enter");
  await page.getByRole("button", { name: words.regenerate }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(600);
  await page.getByTestId("conversation").evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await composer.fill(locale === "zh-CN" ? "加上指数退避和抖动呢？" : "And with exponential backoff and jitter?");
  await page.waitForTimeout(1500);
  await page.screenshot({ path });
  console.log(`Wrote ${path}`);
  await context.close();
}

try {
  const english = { message: "Message", regenerate: "Regenerate" };
  await chatLook({ browser, path: "docs/screenshot-dark.png", width: 1440, height: 900, theme: "dark", locale: "en-US", words: english });
  await chatLook({ browser, path: "docs/screenshot-phone.png", width: 390, height: 844, theme: "light", locale: "en-US", words: english });
  await chatLook({ browser, path: "docs/screenshot-phone-dark.png", width: 390, height: 844, theme: "dark", locale: "en-US", words: english });
  await chatLook({ browser, path: "docs/screenshot-zh.png", width: 1440, height: 900, theme: "light", locale: "zh-CN", words: { message: "消息", regenerate: "重新生成" } });

  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(app.url);
  await page.locator("#model-select").selectOption("kimi-k2.6");
  const composer = page.getByRole("textbox", { name: "Message", exact: true });
  // An earlier conversation, so the history has something to show.
  await composer.fill("Explain closures in JavaScript with one example [[sim reasoning_tokens=20 answer_tokens=40 tokens_per_second=2000]]");
  await composer.press("Enter");
  await page.getByRole("button", { name: "Regenerate" }).waitFor({ timeout: 60_000 });
  await page.getByRole("button", { name: "+ New conversation" }).click();
  await composer.fill("How should I retry a rate-limited API call in Python? [[sim reasoning_tokens=120 answer_tokens=200]]");
  await composer.press("Enter");
  await page.getByRole("button", { name: "Regenerate" }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(600);
  await page.getByTestId("conversation").evaluate((element) => element.scrollTo(0, element.scrollHeight));
  // A follow-up being written, so the token and cost preview shows.
  await composer.fill("And with exponential backoff and jitter?");
  await page.waitForTimeout(1500);
  await page.screenshot({ path: "docs/screenshot.png" });
  console.log("Wrote docs/screenshot.png");

  // Prompts: a template with two variables, a 12-row test set, two checks, two versions run on two models.
  await page.goto(`${app.url}/prompts`);
  await page.getByRole("textbox", { name: "Prompt name" }).fill("Country facts");
  const question = page.getByRole("textbox", { name: "Message 2 (user)" });
  await question.fill("Tell me about {{country}}, in particular its {{topic}}. [[sim reasoning_tokens=20 answer_tokens=30 tokens_per_second=2000]]");
  await page.getByRole("button", { name: "Save as version 1" }).click();
  await question.fill('Tell me about {{country}}, in particular its {{topic}}. Reply as JSON like {"country": "…", "fact": "…"}. [[sim reasoning_tokens=20 tokens_per_second=2000]]');
  await page.getByRole("textbox", { name: /^Parameters/ }).fill('{"response_format": {"type": "json_object"}}');
  await page.getByRole("textbox", { name: "Note for this version (optional)" }).fill("Ask for JSON");
  await page.getByRole("button", { name: "Save as version 2" }).click();
  await page.getByRole("tab", { name: /Test set/ }).click();
  const countries = ["France", "Norway", "Japan", "Kenya", "Chile", "Canada", "Egypt", "India", "Peru", "Spain", "Italy", "Ghana"];
  const csv = ["country,topic", ...countries.map((country, index) => `${country},${index % 2 ? "food" : "history"}`)].join("\n");
  await page.getByText("Import CSV / JSONL…").locator("input[type=file]").setInputFiles({ name: "countries.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("combobox", { name: "Check type" }).selectOption("is-json");
  await page.getByRole("button", { name: "Add check" }).click();
  await page.getByRole("combobox", { name: "Check type" }).selectOption("max-latency");
  await page.getByRole("textbox", { name: "Milliseconds" }).fill("3000");
  await page.getByRole("button", { name: "Add check" }).click();
  await page.getByRole("tab", { name: /Runs/ }).click();
  await page.getByRole("button", { name: "Add column" }).click();
  await page.getByRole("combobox", { name: "Model" }).nth(1).fill("kimi-k3");
  await page.getByRole("checkbox", { name: /^v1/ }).check();
  await page.getByRole("button", { name: "Estimate cost" }).click();
  await page.getByRole("button", { name: /^Run \d+ cells/ }).click();
  await page.getByTestId("run-progress").getByText(/^Finished/).waitFor({ timeout: 120_000 });
  await page.getByRole("button", { name: /^row-4, v2 · kimi-k2.6/ }).click();
  await page.getByRole("checkbox", { name: "Show differences from the first column" }).check();
  await page.getByRole("heading", { name: "Results" }).scrollIntoViewIfNeeded();
  await page.getByRole("main").evaluate((element) => element.scrollBy(0, 40));
  await page.waitForTimeout(400);
  await page.screenshot({ path: "docs/screenshot-prompts.png" });
  console.log("Wrote docs/screenshot-prompts.png");
} finally {
  await browser.close();
  await app.stop();
}
