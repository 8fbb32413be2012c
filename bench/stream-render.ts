// UI responsiveness in Chromium, in one run:
//  1. stream a 50k-token answer (plus 2k reasoning tokens) through the workbench;
//  2. baseline: reopen the same finished answer from storage (one-shot render of identical content);
//  3. a 200-message history: load it, then type in the composer.
// Long main-thread tasks are recorded with PerformanceObserver ("longtask"), input latency with the
// Event Timing API. Budget (docs/architecture.md, "Budgets"): no task over 100 ms while streaming; the history stays responsive.
import { chromium, type Page } from "@playwright/test";
import { startApp } from "./support/start-app";

interface LongTaskReport {
  longest: number;
  over50: number;
  over100: number;
  blockingMs: number;
}

const observerScript = () => {
  const store = window as unknown as { __longTasks: number[]; __events: number[] };
  store.__longTasks = [];
  store.__events = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) store.__longTasks.push(entry.duration);
  }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (["keydown", "keypress", "keyup", "input"].includes(entry.name)) store.__events.push(entry.duration);
  }).observe({ type: "event", buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
};

async function takeLongTasks(page: Page): Promise<LongTaskReport> {
  const tasks = await page.evaluate(() => {
    const store = window as unknown as { __longTasks: number[] };
    const taken = store.__longTasks;
    store.__longTasks = [];
    return taken;
  });
  return {
    longest: Math.round(Math.max(0, ...tasks)),
    over50: tasks.length,
    over100: tasks.filter((duration) => duration > 100).length,
    blockingMs: Math.round(tasks.reduce((sum, duration) => sum + Math.max(0, duration - 50), 0)),
  };
}

function historyConversation(): string {
  const paragraph = "The core idea is simple: break the problem into small, well-defined steps and make each step easy to verify.";
  const turns = [];
  for (let index = 0; index < 100; index += 1) {
    turns.push({ id: `u${index}`, role: "user", content: `Question ${index}: how do I structure module ${index}?`, createdAt: 1 });
    turns.push({
      id: `a${index}`,
      role: "assistant",
      providerId: "simulator",
      model: "kimi-k2.6",
      content: `## Answer ${index}\n\n${paragraph} ${paragraph}\n\n- one\n- two\n\n\`\`\`python\ndef f${index}(x):\n    return x * ${index}\n\`\`\`\n\n${paragraph}`,
      reasoning: `Thinking about module ${index}. ${paragraph}`,
      status: "done",
      usage: { prompt_tokens: 1000 + index, completion_tokens: 300, total_tokens: 1300 + index },
      timings: { firstTokenMs: 400, thinkingMs: 900, totalMs: 3000, tokensPerSecond: 80 },
      createdAt: 1,
    });
  }
  return JSON.stringify({ id: "history", providerId: "simulator", model: "kimi-k2.6", systemPrompt: "", thinking: "default", turns, updatedAt: 1 });
}

/** Runs the UI benchmark and returns its summary. */
export async function runStreamRender(): Promise<Record<string, unknown>> {
  const app = await startApp({ SIMULATOR_TOKENS_PER_SECOND: "60" });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(observerScript);
    await page.goto(app.url);
    await page.locator("#model-select").selectOption("kimi-k2.6");
    await page.waitForTimeout(1000);
    // Baseline for the history load: booting the page with an empty conversation.
    const emptyLoad = await takeLongTasks(page);
    const composer = page.getByRole("textbox", { name: "Message", exact: true });
    await composer.fill("Benchmark answer [[sim answer_tokens=50000 reasoning_tokens=2000 tokens_per_second=2500 first_token_ms=0]]");
    const startedAt = Date.now();
    await composer.press("Enter");
    await page.getByRole("button", { name: "Regenerate" }).waitFor({ timeout: 180_000 });
    const streamingSeconds = (Date.now() - startedAt) / 1000;
    await page.waitForTimeout(500);
    const streaming = await takeLongTasks(page);
    const characters = await page.locator(".markdown").last().evaluate((element) => element.textContent?.length ?? 0);

    await page.reload();
    await page.getByRole("button", { name: "Regenerate" }).waitFor();
    await page.waitForTimeout(3000);
    const reopen = await takeLongTasks(page);

    // A fresh context whose storage already holds a 200-message conversation (the open page would
    // save its own conversation over it on reload).
    const historyContext = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      storageState: { cookies: [], origins: [{ origin: app.url, localStorage: [{ name: "kimi-workbench.conversation.v1", value: historyConversation() }] }] },
    });
    const historyPage = await historyContext.newPage();
    await historyPage.addInitScript(observerScript);
    await historyPage.goto(app.url);
    await historyPage.getByRole("article", { name: "Assistant message" }).last().waitFor();
    await historyPage.waitForTimeout(2000);
    const historyLoad = await takeLongTasks(historyPage);
    // Scroll up through the whole conversation; earlier turns render as they come into view.
    for (let step = 0; step < 40 && (await historyPage.getByRole("article", { name: "Assistant message" }).count()) < 100; step += 1) {
      await historyPage.getByTestId("conversation").evaluate((element) => element.scrollBy(0, -element.clientHeight));
      await historyPage.waitForTimeout(150);
    }
    const renderedAfterScrolling = await historyPage.getByRole("article", { name: "Assistant message" }).count();
    const historyScroll = await takeLongTasks(historyPage);
    await historyPage.evaluate(() => ((window as unknown as { __events: number[] }).__events = []));
    await historyPage.getByRole("textbox", { name: "Message", exact: true }).pressSequentially("typing into a long conversation", { delay: 30 });
    await historyPage.waitForTimeout(300);
    const inputEvents = await historyPage.evaluate(() => (window as unknown as { __events: number[] }).__events);
    const typing = await takeLongTasks(historyPage);
    return {
      streaming50k: { ...streaming, seconds: streamingSeconds, renderedCharacters: characters },
      baselineReopenSameAnswer: reopen,
      emptyPageLoad: emptyLoad,
      history200: { load: historyLoad, scrollToTop: { ...historyScroll, renderedAfterScrolling }, typing, slowestKeystrokeMs: Math.round(Math.max(0, ...inputEvents)) },
      budget: "no main-thread task over 100 ms while streaming; 200-message history stays responsive",
    };
  } finally {
    await browser.close();
    await app.stop();
  }
}
