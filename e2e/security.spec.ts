import { appPort } from "../playwright.config";
import { expect, test } from "./fixtures";
import { openWorkbench } from "./support/workbench-page";

// The workbench page under its Content Security Policy: everything works with it on, nothing it
// shows can make the page fetch another host.
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = violations;
    document.addEventListener("securitypolicyviolation", (event) => violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));
  });
});

test("the page is served with a nonce-based CSP and runs under it without a violation (chat, Monaco, the token worker)", async ({ page, request }) => {
  const response = await request.get(`http://127.0.0.1:${appPort}/`);
  const policy = response.headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
  expect(policy).toContain("img-src 'self' blob: data:");
  expect(policy).toContain("connect-src 'self'");
  const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
  const html = await response.text();
  // Every inline script carries the nonce; a second request gets a different one.
  for (const tag of html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
  const again = (await request.get(`http://127.0.0.1:${appPort}/`)).headers()["content-security-policy"];
  expect(again).not.toBe(policy);

  const workbench = await openWorkbench(page);
  await workbench.send("Explain CSP [[sim answer_tokens=20]]");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  await page.getByRole("tab", { name: /JSON/ }).click();
  await expect(workbench.jsonEditor.locator(".view-lines")).toContainText('"model"');
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
});

test("a remote image in model output is never fetched: it shows as a link naming its host; link text loses its bidi overrides", async ({ page, externalRequests }) => {
  const workbench = await openWorkbench(page);
  await workbench.selectProvider("openai-compatible");
  await workbench.selectModel("slow-model");
  await workbench.send("hostile markdown please");
  const answer = workbench.lastAnswer();
  const remote = answer.locator("[data-remote-image]");
  await expect(remote).toContainText("remote image from 198.51.100.7, not loaded");
  await expect(remote).toHaveAttribute("href", "http://198.51.100.7/leak.png?data=secret-notes");
  await expect(answer.locator("img")).toHaveCount(0);
  const link = answer.getByRole("link", { name: /report/ });
  expect(await link.textContent()).toBe("reportfdp.exe");
  await expect(link).toHaveAttribute("title", "Opens example.org");
  // Nothing was requested from the remote host (the fixture also fails the test if it had been).
  expect(externalRequests).toEqual([]);
});
