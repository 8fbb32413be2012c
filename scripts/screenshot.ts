// `npm run screenshot`: renders docs/screenshot.png from the production build on the simulator.
import { chromium } from "@playwright/test";
import { startApp } from "../bench/support/start-app";

const app = await startApp({ SIMULATOR_TOKENS_PER_SECOND: "150", SIMULATOR_FIRST_TOKEN_MS: "200" });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
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
} finally {
  await browser.close();
  await app.stop();
}
