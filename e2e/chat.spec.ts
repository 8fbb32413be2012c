import { upstreamPort } from "../playwright.config";
import { expect, test } from "./fixtures";
import { openWorkbench } from "./support/workbench-page";

test("streams reasoning open, folds it when the answer starts, and shows usage and timings", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await workbench.selectModel("kimi-k2.6");
  await workbench.send("Explain closures in JavaScript [[sim reasoning_tokens=150 answer_tokens=160 tokens_per_second=120]]");
  const toggle = workbench.lastAnswer().getByRole("button", { name: /Thinking…|Thought for/ });
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(toggle).toHaveText(/Thinking…/);
  await expect(workbench.lastAnswer().getByRole("region", { name: "Reasoning" })).toContainText("The user asks");
  // The answer starts: reasoning folds and its label carries the measured time.
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(toggle).toHaveText(/^Thought for \d+\.\d s$/);
  await expect(workbench.lastAnswer().locator(".markdown h2").first()).toHaveText("Overview");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  const usage = workbench.lastAnswer().getByLabel("Usage and timings");
  await expect(usage).toContainText("Prompt");
  await expect(usage).toContainText("Completion310");
  await expect(usage).toContainText("Reasoning150");
  await expect(usage).toContainText(/First token\d+\.\d\d s/);
  await expect(usage).toContainText(/Thinking\d+\.\d\d s/);
  await expect(usage).toContainText(/Speed\d+\.\d tok\/s/);
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(workbench.lastAnswer().getByRole("region", { name: "Reasoning" })).toBeVisible();
});

test("a simulated answer says so plainly; an answer from a provider does not", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await workbench.selectProvider("simulator");
  await workbench.send("Hello [[sim answer_tokens=5]]");
  await expect(workbench.lastAnswer().getByTestId("simulated-badge")).toHaveText("Simulated — filler text from the offline simulator, not a model's answer");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  await workbench.selectProvider("moonshot");
  await workbench.send("Hello again [[sim answer_tokens=5]]");
  await expect(workbench.answers).toHaveCount(2);
  await expect(workbench.lastAnswer()).toContainText("· moonshot");
  await expect(workbench.lastAnswer().getByTestId("simulated-badge")).toHaveCount(0);
});

test("renders markdown with highlighted code once the block is complete", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await workbench.send("Show a python example [[sim reasoning_tokens=5 answer_tokens=400 tokens_per_second=2000]]");
  const code = workbench.lastAnswer().locator(".code-block code").first();
  await expect(code).toContainText("def count_python");
  await expect(code.locator("span.hljs-keyword").first()).toHaveText("def");
  await expect(workbench.lastAnswer().locator(".markdown table")).toBeVisible();
});

test("Stop ends the answer, keeps what arrived, and re-enables sending", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await workbench.send("Write a very long essay [[sim reasoning_tokens=0 answer_tokens=5000 tokens_per_second=60]]");
  const stop = page.getByRole("button", { name: "Stop", exact: true });
  await expect(stop).toBeVisible();
  await expect(workbench.lastAnswer().locator(".markdown")).toContainText("Overview");
  await stop.click();
  await expect(workbench.lastAnswer()).toContainText("Stopped.");
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  await expect(workbench.lastAnswer().locator(".markdown")).toContainText("Overview");
});

test("Stop cancels the upstream request, not just the page's reading of it", async ({ page, request }) => {
  const before = (await (await request.get(`http://127.0.0.1:${upstreamPort}/stats`)).json()) as { abortedByClient: number };
  const workbench = await openWorkbench(page);
  await workbench.selectProvider("openai-compatible");
  await workbench.selectModel("slow-model");
  await workbench.send("stream slowly");
  await expect(workbench.lastAnswer().locator(".markdown")).toContainText("part 2");
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect
    .poll(async () => ((await (await request.get(`http://127.0.0.1:${upstreamPort}/stats`)).json()) as { abortedByClient: number }).abortedByClient, { timeout: 5_000 })
    .toBe(before.abortedByClient + 1);
});

test("shows an upstream error in place with its status and message, and retries", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await workbench.selectModel("__custom__");
  await page.getByRole("textbox", { name: "Model id" }).fill("kimi-nope");
  await page.getByRole("button", { name: "Use" }).click();
  await expect(page.getByRole("status").filter({ hasText: "kimi-nope is not in the workbench catalog" })).toBeVisible();
  await workbench.send("hello");
  const alert = workbench.lastAnswer().getByRole("alert");
  await expect(alert).toContainText("404 resource_not_found_error");
  await expect(alert).toContainText("Not found the model kimi-nope or Permission denied");
  await workbench.selectModel("kimi-k2.6");
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  await expect(workbench.lastAnswer().getByRole("alert")).toHaveCount(0);
  await expect(workbench.lastAnswer()).toContainText("kimi-k2.6");
});

test("a connection dropped mid-answer keeps the partial answer and says what happened", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await workbench.send("Tell me a story [[sim reasoning_tokens=0 answer_tokens=300 drop_after=40 tokens_per_second=400]]");
  const alert = workbench.lastAnswer().getByRole("alert");
  await expect(alert).toContainText("upstream_connection_error");
  await expect(alert).toContainText("dropped mid-stream");
  await expect(workbench.lastAnswer().locator(".markdown")).not.toBeEmpty();
});

test("a reload while an answer streams keeps what arrived and says the reload interrupted it, not the network", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await workbench.send("Tell me a long story [[sim reasoning_tokens=0 answer_tokens=2000 tokens_per_second=40]]");
  await expect(workbench.lastAnswer().locator(".markdown")).not.toBeEmpty();
  await workbench.reload();
  await expect(workbench.lastAnswer()).toContainText("Interrupted: the page was reloaded while this answer streamed.");
  await expect(workbench.lastAnswer()).not.toContainText("network error");
  await expect(workbench.lastAnswer().getByRole("alert")).toHaveCount(0);
  await expect(workbench.lastAnswer().locator(".markdown")).not.toBeEmpty();
});

test("the conversation survives a reload; edit-and-resend and regenerate keep the versions they replace, browsable with ‹ ›", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await page.getByRole("button", { name: "System prompt" }).click();
  await page.getByRole("textbox", { name: "System prompt" }).fill("You are terse.");
  await workbench.send("First question [[sim reasoning_tokens=3 answer_tokens=20 tokens_per_second=1000]]");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  await workbench.reload();
  await expect(workbench.userMessages).toContainText("First question");
  await expect(workbench.answers).toHaveCount(1);
  await expect(page.getByRole("button", { name: "System prompt" })).toContainText("You are terse.");

  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByRole("textbox", { name: "Edited message" }).fill("Second question [[sim reasoning_tokens=3 answer_tokens=20 tokens_per_second=1000]]");
  await page.getByRole("button", { name: "Save & send" }).click();
  await expect(workbench.userMessages).toHaveCount(1);
  await expect(workbench.userMessages).toContainText("Second question");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  const firstAnswer = await workbench.lastAnswer().locator(".markdown").textContent();
  // A changed system prompt gets another answer (the simulator's answer follows the request).
  await page.getByRole("button", { name: "System prompt" }).click();
  await page.getByRole("textbox", { name: "System prompt" }).fill("You are chatty.");
  await page.getByRole("button", { name: "Regenerate" }).click();
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  await expect(workbench.answers).toHaveCount(1);
  const answerVersions = workbench.lastAnswer().getByRole("group", { name: "Version 2 of 2" });
  await expect(answerVersions).toBeVisible();
  const secondAnswer = await workbench.lastAnswer().locator(".markdown").textContent();
  expect(secondAnswer).not.toBe(firstAnswer);
  await answerVersions.getByRole("button", { name: "Previous version" }).click();
  await expect(workbench.lastAnswer().locator(".markdown")).toHaveText(firstAnswer!);
  await expect(workbench.lastAnswer().getByRole("group", { name: "Version 1 of 2" }).getByRole("button", { name: "Previous version" })).toBeDisabled();

  // The message as first written is a version too, with its own answer; all of it survives a reload.
  const messageVersions = workbench.userMessages.getByRole("group", { name: "Version 2 of 2" });
  await messageVersions.getByRole("button", { name: "Previous version" }).click();
  await expect(workbench.userMessages).toContainText("First question");
  await expect(workbench.answers).toHaveCount(1);
  await workbench.reload();
  await expect(workbench.userMessages).toContainText("First question");
  await workbench.userMessages.getByRole("group", { name: "Version 1 of 2" }).getByRole("button", { name: "Next version" }).click();
  await expect(workbench.userMessages).toContainText("Second question");
  await expect(workbench.lastAnswer().locator(".markdown")).toHaveText(firstAnswer!);
  await workbench.lastAnswer().getByRole("group", { name: "Version 1 of 2" }).getByRole("button", { name: "Next version" }).click();
  await expect(workbench.lastAnswer().locator(".markdown")).toHaveText(secondAnswer!);
  // Only the versions shown are sent.
  await page.getByRole("button", { name: /^What will be sent/ }).click();
  await expect(page.getByRole("region", { name: "What will be sent" })).not.toContainText("First question");
});

test("Enter sends, Shift+Enter starts a new line, Ctrl+Enter sends", async ({ page }) => {
  const workbench = await openWorkbench(page);
  const composer = workbench.composer;
  await composer.fill("line one");
  await composer.press("Shift+Enter");
  await composer.pressSequentially("line two [[sim answer_tokens=5 reasoning_tokens=2 tokens_per_second=1000]]");
  await expect(composer).toHaveValue("line one\nline two [[sim answer_tokens=5 reasoning_tokens=2 tokens_per_second=1000]]");
  await composer.press("Enter");
  await expect(workbench.userMessages).toContainText("line one\nline two");
  await expect(composer).toHaveValue("");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  await composer.fill("again [[sim answer_tokens=5 reasoning_tokens=2 tokens_per_second=1000]]");
  await composer.press("Control+Enter");
  await expect(workbench.userMessages).toHaveCount(2);
});

test("the dark theme is remembered", async ({ page }) => {
  await openWorkbench(page);
  const html = page.locator("html");
  const startsDark = (await html.getAttribute("class"))?.includes("dark") ?? false;
  await page.getByRole("button", { name: startsDark ? "Switch to light theme" : "Switch to dark theme" }).click();
  await expect(html).toHaveClass(startsDark ? /^(?!.*dark)/ : /dark/);
  await page.reload();
  await expect(html).toHaveClass(startsDark ? /^(?!.*dark)/ : /dark/);
});

test("the Moonshot provider works through the server's key from this machine", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await workbench.selectProvider("moonshot");
  await expect(workbench.providerSelect).toHaveValue("moonshot");
  await workbench.send("Hello over HTTP [[sim reasoning_tokens=4 answer_tokens=30 tokens_per_second=1000]]");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  await expect(workbench.lastAnswer()).toContainText("moonshot");
  await expect(workbench.lastAnswer().getByLabel("Usage and timings")).toContainText("Completion34");
});

test("thinking can be switched off where the model allows it, and is locked where it does not", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await workbench.selectModel("kimi-k2.7-code");
  const thinking = page.getByRole("switch", { name: "Thinking" });
  await expect(thinking).toBeDisabled();
  await expect(thinking).toHaveAttribute("aria-checked", "true");
  await workbench.selectModel("kimi-k2.6");
  await expect(thinking).toBeEnabled();
  await thinking.click();
  await expect(thinking).toHaveAttribute("aria-checked", "false");
  await workbench.send("No thinking please [[sim answer_tokens=10 tokens_per_second=1000]]");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  await expect(workbench.lastAnswer().getByRole("button", { name: /Thought for|Thinking…/ })).toHaveCount(0);
});

test("leaving a conversation while it streams stops its answer and keeps it, stopped, in the history", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await workbench.send("Leaving mid-answer [[sim reasoning_tokens=0 answer_tokens=5000 tokens_per_second=60]]");
  await expect(workbench.lastAnswer().locator(".markdown")).toContainText("Overview");
  await page.getByRole("button", { name: "+ New conversation" }).click();
  await expect(workbench.userMessages).toHaveCount(0);
  // The new conversation is not blocked by the other one's answer.
  await workbench.send("Meanwhile, a short one [[sim reasoning_tokens=2 answer_tokens=10 tokens_per_second=400]]");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  await workbench.history.getByRole("button", { name: /Leaving mid-answer/ }).click();
  await expect(workbench.userMessages.first()).toContainText("Leaving mid-answer");
  await expect(workbench.lastAnswer()).toContainText("Stopped.");
  await expect(workbench.lastAnswer().locator(".markdown")).toContainText("Overview");
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  // It survives a reload as it was left.
  await workbench.reload();
  await expect(workbench.lastAnswer()).toContainText("Stopped.");
});
