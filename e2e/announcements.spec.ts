import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { openWorkbench } from "./support/workbench-page";

// What a screen reader hears while an answer streams: a polite live region that changes with the
// answer's phase (waiting, retrying, thinking, writing, how it ended), never token by token. And
// what everyone sees while the gateway retries a rate-limited request.

/** Records every text the live region takes, from now on. */
async function recordAnnouncements(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const region = document.querySelector('[data-testid="stream-announcer"]')!;
    const heard: string[] = [];
    (window as unknown as { heard: string[] }).heard = heard;
    new MutationObserver(() => {
      const text = region.textContent ?? "";
      if (text !== heard.at(-1)) heard.push(text);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { heard: string[] }).heard);
}

test("a streamed answer is announced by phase, a handful of times, not per token", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await workbench.selectModel("kimi-k2.6");
  const region = page.getByTestId("stream-announcer");
  await expect(region).toHaveAttribute("aria-live", "polite");
  await expect(region).toHaveAttribute("role", "status");
  const heard = await recordAnnouncements(page);
  await workbench.send("Explain a mutex [[sim answer_tokens=300 reasoning_tokens=120]]");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible({ timeout: 30_000 });
  await expect(region).toHaveText("Answer finished.");
  const texts = (await heard()).filter((text) => text !== "");
  expect(texts).toEqual(["Waiting for the first token…", "Thinking…", "Writing the answer…", "Answer finished."]);
});

test("while the gateway retries a 429, the answer says which attempt it waits for; the final error names the attempts", async ({ page }) => {
  const workbench = await openWorkbench(page);
  const heard = await recordAnnouncements(page);
  await workbench.send("Hello [[sim error=429]]");
  // The simulator asks for Retry-After: 1, so each wait is about a second.
  const retrying = page.getByTestId("retry-status");
  await expect(retrying).toHaveText(/^Retrying \(2 of 4\) after 429 — waiting 1(\.\d)? s$/);
  await expect(retrying).toHaveText(/^Retrying \(3 of 4\) after 429/);
  const error = page.getByRole("alert").filter({ hasText: /gave up after 4 attempts/ });
  await expect(error).toBeVisible({ timeout: 15_000 });
  const texts = await heard();
  expect(texts.filter((text) => text.startsWith("Retrying"))).toHaveLength(3);
  expect(texts.at(-1)).toMatch(/^The answer failed: .*gave up after 4 attempts over \d+\.\d s/);
});
