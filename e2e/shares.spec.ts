import { basename } from "node:path";
import { plantedServerKey } from "../playwright.config";
import { expect, test } from "./fixtures";
import { openWorkbench, WorkbenchPage } from "./support/workbench-page";

test("share a conversation, read it in a fresh browser, fold its reasoning, fork it, follow up, then delete it", async ({ page, browser }) => {
  const workbench = await openWorkbench(page);
  await workbench.selectModel("kimi-k2.6");
  await page.getByRole("button", { name: /System prompt/ }).click();
  await page.getByRole("textbox", { name: "System prompt" }).fill(`Be brief. (debug: ${plantedServerKey})`);
  await workbench.attach([{ name: "chart.png", mimeType: "image/png", buffer: await workbench.drawPng({ background: "#264653", block: "#264653" }) }]);
  // Sending waits until the attachment has been read.
  await expect(page.getByRole("listitem", { name: "Attachment chart.png" }).getByTestId("attachment-facts")).toContainText("320×200");
  const composer = workbench.composer;
  await composer.fill("What does the chart show? [[sim reasoning_tokens=40 answer_tokens=60 tokens_per_second=400]]");
  await composer.press("Enter");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible({ timeout: 30_000 });

  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Share this conversation" });
  await expect(dialog.getByLabel("Snapshot preview")).toContainText('"model": "kimi-k2.6"');
  await expect(dialog.getByRole("note")).toContainText("systemPrompt");
  await expect(dialog.getByLabel("Snapshot preview")).not.toContainText(plantedServerKey);
  await expect(dialog.getByRole("radio", { name: "7 days" })).toBeChecked();
  // The preview says what the boxes say: no tools in this conversation, so none included.
  await expect(dialog.getByRole("checkbox", { name: "Tool definitions" })).toBeDisabled();
  await expect(dialog.getByRole("checkbox", { name: "Tool definitions" })).not.toBeChecked();
  await dialog.getByText("Show the snapshot exactly as it will be published (JSON)").click();
  await expect(dialog.getByLabel("Snapshot preview")).toContainText('"tools": false');
  await expect(dialog.getByLabel("Snapshot preview")).toBeVisible();
  await dialog.getByRole("button", { name: "Publish share" }).click();
  const link = await dialog.getByLabel("Share link").inputValue();
  expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{22}$/);
  await expect(dialog.getByTestId("delete-token")).not.toBeEmpty();

  // A reader with a fresh browser (no storage, no keys) opens the link.
  const reader = await browser.newContext();
  await reader.route("**/*", (route) => (["127.0.0.1", "localhost"].includes(new URL(route.request().url()).hostname) ? route.continue() : route.abort()));
  const readerPage = await reader.newPage();
  const readerWorkbench = new WorkbenchPage(readerPage);
  const response = await readerPage.goto(link);
  expect(response?.status()).toBe(200);
  expect(await readerPage.title()).toMatch(/^What does the chart show\?.* · Kimi Workbench share$/);
  await expect(readerPage.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  const html = await response!.text();
  expect(html).not.toContain(plantedServerKey);
  await expect(readerPage.getByRole("region", { name: "System prompt" })).toContainText("(debug: [redacted])");
  await expect(readerPage.getByRole("img", { name: "chart.png" })).toBeVisible();
  const answer = readerPage.getByRole("article", { name: "Assistant message" });
  await expect(answer.getByLabel("Usage and timings")).toContainText("Completion100");
  const reasoning = answer.getByRole("region", { name: "Reasoning" });
  await expect(reasoning).toBeHidden();
  await answer.locator("summary").click();
  await expect(reasoning).toBeVisible();
  await answer.locator("summary").click();
  await expect(reasoning).toBeHidden();

  // View code for its last turn, then fork it into the reader's own workbench and follow up.
  await readerPage.getByText("View code (the request of the last turn)").click();
  await expect(readerPage.getByRole("region", { name: "curl code" })).toContainText("file_data_url 'chart.png' 'image/png'");
  // The page runs no script of its own (only the theme script its CSP allows).
  expect(response!.headers()["content-security-policy"]).toMatch(/script-src 'sha256-[^']+';/);
  await readerPage.getByRole("link", { name: "Open in workbench" }).click();
  await expect(readerPage).toHaveURL(/\/$/);
  await expect(readerWorkbench.modelSelect).toHaveValue("kimi-k2.6");
  await expect(readerPage.getByRole("article", { name: "User message" }).first()).toContainText("What does the chart show?");
  await expect(readerPage.getByRole("navigation", { name: "History" })).toContainText("What does the chart show?");
  await readerWorkbench.send("And in one word? [[sim reasoning_tokens=5 answer_tokens=10 tokens_per_second=400]]");
  await expect(readerWorkbench.answers).toHaveCount(2, { timeout: 30_000 });
  await expect(readerPage.getByRole("button", { name: "Regenerate" })).toBeVisible({ timeout: 30_000 });
  // The history image went with the follow-up: the prompt is billed for it.
  await expect(readerWorkbench.lastAnswer().getByLabel("Usage and timings")).toContainText("Prompt");

  // The owner deletes the share with the token this browser kept; the link answers 404.
  // Deleting offers Undo for a few seconds; only then does the server delete the share.
  await dialog.getByRole("button", { name: "Delete share" }).first().click();
  const undo = dialog.getByRole("status", { name: "Deleted, can be undone" });
  await expect(undo).toContainText("Deleted “");
  await expect(dialog.getByRole("button", { name: "Delete share" })).toHaveCount(0);
  await undo.getByRole("button", { name: "Undo" }).click();
  await expect(dialog.getByRole("button", { name: "Delete share" })).toHaveCount(1);
  expect((await page.request.get(link)).status()).toBe(200);
  await dialog.getByRole("button", { name: "Delete share" }).first().click();
  await expect.poll(async () => (await page.request.get(link)).status(), { timeout: 20_000 }).toBe(404);
  await expect(dialog.getByRole("region", { name: "Your shares" })).toHaveCount(0);
  const gone = await readerPage.goto(link);
  expect(gone?.status()).toBe(404);
  await expect(readerPage.getByRole("heading", { name: "This share is not available" })).toBeVisible();
  await reader.close();
});

test("the history keeps conversations: new, open, rename, search and delete survive a reload", async ({ page }) => {
  const workbench = await openWorkbench(page);
  const composer = workbench.composer;
  await composer.fill("Alpha question about closures [[sim reasoning_tokens=2 answer_tokens=8 tokens_per_second=1000]]");
  await composer.press("Enter");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  await page.getByRole("button", { name: "+ New conversation" }).click();
  await composer.fill("Beta question about generators [[sim reasoning_tokens=2 answer_tokens=8 tokens_per_second=1000]]");
  await composer.press("Enter");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  const history = workbench.history;
  await expect(history.getByRole("listitem")).toHaveCount(2);

  await history.getByRole("button", { name: /Alpha question/ }).click();
  await expect(workbench.userMessages).toContainText("Alpha question");
  await history.getByRole("listitem").filter({ hasText: "Alpha" }).hover();
  await history.getByRole("button", { name: /^Rename Alpha/ }).click();
  await history.getByRole("textbox", { name: "Conversation name" }).fill("Closures notes");
  await history.getByRole("button", { name: "Save" }).click();
  await expect(history).toContainText("Closures notes");

  await history.getByRole("searchbox").fill("generators");
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await expect(history).toContainText("Beta question");
  await history.getByRole("searchbox").fill("");

  await page.reload();
  await expect(workbench.userMessages).toContainText("Alpha question");
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await expect(history).toContainText("Closures notes");
  // No confirm box: the delete is at once, and Undo brings it back.
  await history.getByRole("listitem").filter({ hasText: "Beta" }).hover();
  await history.getByRole("button", { name: /^Delete Beta/ }).click();
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await history.getByRole("status", { name: "Deleted, can be undone" }).getByRole("button", { name: "Undo" }).click();
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await history.getByRole("listitem").filter({ hasText: "Beta" }).hover();
  await history.getByRole("button", { name: /^Delete Beta/ }).click();
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await page.reload();
  await expect(history.getByRole("listitem")).toHaveCount(1);
});

test("export as JSON and as OpenAI messages, import both back: the same messages, media included", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await workbench.selectModel("kimi-k2.6");
  await workbench.attach([{ name: "chart.png", mimeType: "image/png", buffer: await workbench.drawPng({ background: "#264653", block: "#264653" }) }]);
  // Sending waits until the attachment has been read.
  await expect(page.getByRole("listitem", { name: "Attachment chart.png" }).getByTestId("attachment-facts")).toContainText("320×200");
  const composer = workbench.composer;
  await composer.fill("Round trip me [[sim reasoning_tokens=12 answer_tokens=20 tokens_per_second=1000]]");
  await composer.press("Enter");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible({ timeout: 30_000 });
  const history = workbench.history;
  // Markdown renders after a first plain-text paint; read the answer once it has.
  await expect(workbench.answers.locator(".markdown h2").first()).toBeVisible();
  const answerText = await workbench.answers.locator(".markdown").textContent();

  const [workbenchFile] = await Promise.all([page.waitForEvent("download"), history.getByRole("button", { name: "Export JSON" }).click()]);
  const [messagesFile] = await Promise.all([page.waitForEvent("download"), history.getByRole("button", { name: "Export messages" }).click()]);
  const exported = JSON.parse(await (await messagesFile.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString())) as Array<{ role: string; content: unknown; reasoning_content?: string }>;
  expect(exported.map((message) => message.role)).toEqual(["user", "assistant"]);
  expect(JSON.stringify(exported[0]!.content)).toContain("data:image/png;base64,");
  expect(exported[1]!.reasoning_content).toBeTruthy();

  // Delete the conversation, then bring it back from each file.
  await history.getByRole("listitem").first().hover();
  await history.getByRole("button", { name: /^Delete Round trip/ }).click();
  await expect(history.getByRole("listitem").filter({ hasText: "Round trip" })).toHaveCount(0);

  await history.getByLabel("Import a conversation file").setInputFiles(await workbenchFile.path());
  await expect(history.getByRole("status").filter({ hasText: "Imported" })).toContainText('Imported "Round trip me');
  await expect(workbench.answers.locator(".markdown")).toHaveText(answerText!);
  await expect(workbench.userMessages.getByRole("img", { name: "chart.png" })).toBeVisible();
  await expect(workbench.answers.getByLabel("Usage and timings")).toContainText("Completion32");

  await history.getByLabel("Import a conversation file").setInputFiles(await messagesFile.path());
  await expect(history.getByRole("status").filter({ hasText: "Imported" })).toContainText("Imported");
  await expect(workbench.answers.locator(".markdown")).toHaveText(answerText!);
  const [again] = await Promise.all([page.waitForEvent("download"), history.getByRole("button", { name: "Export messages" }).click()]);
  const reexported = JSON.parse(await (await again.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString())) as unknown;
  expect(reexported).toEqual(exported);

  // The same file again opens the conversation it holds instead of adding a copy: a workbench file
  // by the conversation's id, a plain messages file by its bytes.
  await history.getByLabel("Import a conversation file").setInputFiles(await workbenchFile.path());
  await expect(history.getByRole("status").filter({ hasText: "already" })).toContainText("is already in your history, unchanged: opened it instead of adding a copy.");
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await history.getByLabel("Import a conversation file").setInputFiles(await messagesFile.path());
  // The conversation was named after the downloaded file, which Playwright names by a random id.
  await expect(history.getByRole("status").filter({ hasText: "already" })).toContainText(`"${basename(await messagesFile.path())}" is already in your history, unchanged`);
  await expect(history.getByRole("listitem")).toHaveCount(2);

  // A malformed file is refused with where, what and what was found, and changes nothing.
  await history.getByLabel("Import a conversation file").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from('[{"role":"robot","content":"x"}]') });
  await expect(history.getByRole("alert")).toContainText('Not OpenAI chat messages: messages[0].role:');
  await expect(history.getByRole("alert")).toContainText('found "robot"');
  await expect(history.getByRole("listitem")).toHaveCount(2);
});

test("a message not sent yet shows in the history by its words, and wiping it leaves no empty entry behind", async ({ page }) => {
  const workbench = await openWorkbench(page);
  const history = workbench.history;
  await workbench.composer.fill("A question I am still writing");
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await expect(history.getByRole("listitem").first()).toContainText("A question I am still writing");
  await expect(history.getByRole("listitem").first()).toContainText("not sent yet");
  await expect(history).not.toContainText("Untitled conversation");
  await workbench.composer.fill("");
  await expect(history.getByRole("listitem")).toHaveText(["Conversations you have will appear here."]);
  await workbench.reload();
  await expect(history.getByRole("listitem")).toHaveText(["Conversations you have will appear here."]);
});

test("on a narrow screen the history opens from the header", async ({ page }) => {
  await page.setViewportSize({ width: 600, height: 800 });
  const workbench = await openWorkbench(page);
  const history = workbench.history;
  await expect(history).toBeHidden();
  await page.getByRole("button", { name: "Conversations" }).click();
  await expect(history).toBeVisible();
  await expect(history.getByRole("button", { name: "+ New conversation" })).toBeVisible();
  // The open drawer covers the header's button: it closes from its own (see layout.spec.ts for Escape and the backdrop).
  await page.getByRole("button", { name: "Close conversations" }).click();
  await expect(history).toBeHidden();
});
