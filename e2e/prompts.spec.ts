import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { openWorkbench, WorkbenchPage } from "./support/workbench-page";

// Prompt prototyping on the simulator, as a user works it: a prompt with two variables, a 20-row
// CSV, a run on two models, the matrix, the prompt fixed as version 2, and the two runs compared.

// Every page here runs under the CSP; a violation (an eval, an inline script) fails the test.
test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = violations;
    document.addEventListener("securitypolicyviolation", (event) => violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));
  });
});

const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

const countries = ["France", "Norway", "Japan", "Kenya", "Chile", "Canada", "Egypt", "India", "Peru", "Spain", "Italy", "Ghana", "Nepal", "Laos", "Cuba", "Oman", "Fiji", "Mali", "Iran", "Chad"];
const csv = ["country,topic,expected", ...countries.map((country, index) => `${country},${index % 2 === 0 ? "history" : "food"},"{""country"": ""${country}""}"`)].join("\n");

test("build a prompt with two variables, import 20 rows, run on two models, fix it as version 2 and compare", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/prompts");
  await expect(page.getByRole("textbox", { name: "Prompt name" })).toBeVisible();
  await page.getByRole("textbox", { name: "Prompt name" }).fill("Country facts");

  // Two variables, listed as they are typed.
  const userMessage = page.getByRole("textbox", { name: "Message 2 (user)" });
  await userMessage.fill("Tell me about {{country}}, in particular its {{topic}}. [[sim answer_tokens=8]]");
  const variables = page.getByRole("list", { name: "Variables" });
  await expect(variables.getByRole("listitem")).toHaveText([/^country/, /^topic\s*missing in 1 of 1 rows/]);
  await page.getByRole("button", { name: "Save as version 1" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved as version 1.");
  // Saving again without a change is refused, with the reason.
  await page.getByRole("button", { name: "Save as version 2" }).click();
  await expect(page.getByRole("status")).toHaveText("Nothing changed since version 1: edit the prompt or its parameters, then save.");

  // The test set: a 20-row CSV; a broken file is refused whole, naming line and column.
  await page.getByRole("tab", { name: /Test set/ }).click();
  const importInput = page.getByText("Import CSV / JSONL…").locator("input[type=file]");
  await importInput.setInputFiles({ name: "broken.csv", mimeType: "text/csv", buffer: Buffer.from('country,facts:json\nFrance,{"a":\n') });
  await expect(page.getByRole("status")).toContainText("Nothing was imported from broken.csv: 1 problem to fix first.");
  await expect(page.getByRole("list", { name: "Import problems" })).toContainText('Line 2, column "facts": is marked JSON (facts:json) but is not valid JSON');
  await importInput.setInputFiles({ name: "countries.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByRole("status")).toHaveText("Replaced the set with 20 rows from countries.csv.");
  await expect(page.getByRole("textbox", { name: "country, row 1", exact: true })).toHaveValue("France");
  // Edit a cell inline.
  await page.getByRole("textbox", { name: "topic, row 2", exact: true }).fill("cuisine");

  // Checks: the answer must be JSON, and finish normally.
  await page.getByRole("combobox", { name: "Check type" }).selectOption("is-json");
  await page.getByRole("button", { name: "Add check" }).click();
  await page.getByRole("combobox", { name: "Check type" }).selectOption("finish-reason");
  await page.getByRole("button", { name: "Add check" }).click();
  await expect(page.getByRole("region", { name: "Checks" }).getByRole("alert")).toHaveText("Write the finish reason.");
  await page.getByRole("textbox", { name: "Finish reason" }).fill("stop");
  await page.getByRole("button", { name: "Add check" }).click();
  await expect(page.getByRole("list", { name: "Checks" }).getByRole("listitem")).toHaveText([/is valid JSON/, /finished with stop/]);

  // Two columns: kimi-k2.6 and kimi-k3 on the simulator; the estimate first.
  await page.getByRole("tab", { name: /Runs/ }).click();
  await page.getByRole("button", { name: "Add column" }).click();
  await page.getByRole("combobox", { name: "Model" }).nth(1).fill("kimi-k3");
  await page.getByRole("button", { name: "Estimate cost" }).click();
  const estimate = page.getByTestId("run-estimate");
  await expect(estimate.getByRole("row")).toHaveCount(3);
  await expect(estimate).toContainText("kimi-k3 · Simulator (offline)");
  await page.getByRole("button", { name: "Run 40 cells" }).click();
  await expect(page.getByTestId("run-progress")).toContainText("Finished: 40 of 40 cells", { timeout: 30_000 });
  await expect(page.getByTestId("run-progress")).toContainText("cells/min");
  const headers = page.getByTestId("lane-header");
  await expect(headers).toHaveCount(2);
  // Plain prose is not JSON: every cell fails a check.
  await expect(headers.nth(0)).toContainText("0 pass · 20 fail");
  await expect(headers.nth(1)).toContainText("0 pass · 20 fail");
  await expect(page.getByRole("rowheader").nth(3)).toHaveText("row-5 Kenya · food");
  await page.getByRole("button", { name: /^row-5, kimi-k3 · Simulator \(offline\): failed a check/ }).click();
  await expect(page.getByRole("heading", { name: "Row row-5 side by side" })).toBeVisible();
  await expect(page.getByRole("article")).toHaveCount(2);
  await expect(page.getByRole("article").first()).toContainText("✗ is valid JSON: The answer is not valid JSON");

  // Version 2: ask for JSON in the shape of an example, with response_format json_object.
  await page.getByRole("tab", { name: "Prompt" }).click();
  await userMessage.fill('Tell me about {{country}}, in particular its {{topic}}. Reply as JSON like {"country": "…", "fact": "…"}. [[sim reasoning_tokens=5]]');
  await page.getByRole("textbox", { name: /^Parameters/ }).fill('{"response_format": {"type": "json_object"}}');
  await page.getByRole("textbox", { name: "Note for this version (optional)" }).fill("Ask for JSON");
  await page.getByRole("button", { name: "Save as version 2" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved as version 2.");
  const diff = page.getByTestId("version-diff");
  await expect(diff).toContainText("Message 2 (user) — changed");
  await expect(diff.getByRole("insertion").first()).toContainText("Reply as JSON like");
  await expect(diff.getByRole("row", { name: /response_format/ })).toContainText('{"type":"json_object"}');

  // Run version 2 only, then compare with the first run.
  await page.getByRole("tab", { name: /Runs/ }).click();
  await page.getByRole("checkbox", { name: /^v1/ }).uncheck();
  await page.getByRole("checkbox", { name: /^v2/ }).check();
  await page.getByRole("button", { name: "Run 40 cells" }).click();
  await expect(page.getByRole("combobox", { name: "Run", exact: true }).locator("option:checked")).toContainText("v2");
  await expect(page.getByTestId("run-progress")).toContainText("Finished: 40 of 40 cells", { timeout: 30_000 });
  await expect(headers.nth(0)).toContainText("20 pass · 0 fail");
  await expect(headers.nth(1)).toContainText("20 pass · 0 fail");
  await page.getByRole("combobox", { name: "Compare with" }).selectOption({ index: 1 });
  await expect(headers).toHaveCount(4);
  await expect(headers.nth(0)).toContainText("v2 · kimi-k2.6");
  await expect(headers.nth(2)).toContainText("v1 · kimi-k2.6");
  await expect(headers.nth(2)).toContainText("0 pass · 20 fail");
  // Only failures: every row failed in the first run, so all 20 stay.
  await page.getByRole("checkbox", { name: "Only rows with failures" }).check();
  await expect(page.getByRole("rowheader")).toHaveCount(20);
  await page.getByRole("checkbox", { name: "Only rows with failures" }).uncheck();

  // One row side by side across the four lanes, with the output diff.
  await page.getByRole("button", { name: /^row-3, v2 · kimi-k2.6 · Simulator \(offline\): passed/ }).click();
  const panes = page.getByRole("article");
  await expect(panes).toHaveCount(4);
  await expect(panes.nth(0).getByTestId("cell-output")).toContainText('"country"');
  await page.getByRole("checkbox", { name: "Show differences from the first column" }).check();
  await expect(panes.nth(2).getByTestId("cell-output").locator("ins, del").first()).toBeVisible();

  // Share the run as a static link (keys redacted, as conversation shares), read it, then come back.
  await page.getByRole("button", { name: "Share…" }).click();
  await page.getByRole("button", { name: "Publish link" }).click();
  const link = page.getByTestId("run-share-link");
  await expect(link).toBeVisible();
  const sharedUrl = await link.getAttribute("href");
  const reader = await page.context().newPage();
  await reader.goto(sharedUrl!);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Country facts");
  await expect(reader.getByRole("columnheader", { name: /kimi-k3 · Simulator \(offline\)/ })).toContainText("20 pass · 0 fail");
  await expect(reader.getByRole("row", { name: /row-3/ })).toContainText("Norway");
  expect(await cspViolations(reader)).toEqual([]);
  await reader.close();
  expect(await cspViolations(page)).toEqual([]);

  // Open a cell as a conversation and continue it in the chat.
  await panes.nth(0).getByRole("button", { name: "Open as conversation" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("Tell me about Norway, in particular its cuisine.", { exact: false })).toBeVisible();
  await expect(page.locator("#model-select")).toHaveValue("kimi-k2.6");
});

test("a conversation becomes a prompt; the prompt, filled with a row, opens back as a conversation", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await workbench.send("Say hello to the team [[sim answer_tokens=6]]");
  await expect(workbench.lastAnswer()).toContainText(/\w/);
  await page.getByRole("button", { name: "As prompt" }).click();
  await expect(page).toHaveURL(/\/prompts\?project=/);
  const first = page.getByRole("textbox", { name: /^Message \d \(user\)/ }).last();
  await expect(first).toHaveValue("Say hello to the team [[sim answer_tokens=6]]");
  // The answer is what runs will produce: the prompt ends with the question.
  await expect(page.getByRole("textbox", { name: /\(assistant\)/ })).toHaveCount(0);
  // Make the question a template, give the row a value, and open the draft in the chat.
  await first.fill("Say hello to {{name}} [[sim answer_tokens=6]]");
  await page.getByRole("tab", { name: /Test set/ }).click();
  await page.getByRole("textbox", { name: "name, row 1", exact: true }).fill("Ada");
  await page.getByRole("tab", { name: "Prompt" }).click();
  await page.getByRole("button", { name: "Open in chat" }).click();
  await expect(page).toHaveURL(/\/$/);
  // The question waits in the composer, filled with the row's value: send it.
  await expect(workbench.composer).toHaveValue("Say hello to Ada [[sim answer_tokens=6]]");
  await workbench.composer.press("Enter");
  await expect(workbench.userMessages.first()).toContainText("Say hello to Ada");
  await expect(workbench.answers).toHaveCount(1);
});

test("pictures and documents come along: a conversation with both becomes a prompt, the editor adds and removes them, and the prompt opens back with its picture attached", async ({ page }) => {
  test.setTimeout(90_000);
  const workbench = await openWorkbench(page);
  await workbench.selectProvider("moonshot");
  await workbench.selectModel("kimi-k2.6");
  await workbench.attach([
    { name: "chart.png", mimeType: "image/png", buffer: await workbench.drawPng() },
    { name: "notes.md", mimeType: "text/markdown", buffer: Buffer.from("# Release notes\n\nThe launch moves to Friday.") },
  ]);
  await expect(workbench.attachmentCard("chart.png").getByTestId("attachment-facts")).toContainText("320×200");
  await expect(workbench.attachmentCard("notes.md")).toContainText(/characters extracted/);
  await workbench.send("What does the chart show? [[sim answer_tokens=6]]");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible({ timeout: 30_000 });

  await page.getByRole("button", { name: "As prompt" }).click();
  await expect(page).toHaveURL(/\/prompts\?project=/);
  const note = page.getByRole("note", { name: "About this draft" });
  await expect(note).toContainText("Media came along as the conversation sends them (1 image, 0 videos, 1 document)");
  await expect(note).toContainText("The last answer is not part of the prompt: runs produce it.");
  // The document is the system message holding its text, before the question; the picture sits in the question.
  await expect(page.getByRole("textbox", { name: "Message 1 (system)" })).toHaveValue(/The launch moves to Friday/);
  await expect(page.getByText("text of the document notes.md")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Message 2 (user), text" })).toHaveValue("What does the chart show? [[sim answer_tokens=6]]");
  const pictures = page.getByRole("button", { name: /^Remove image \d+ of message 2$/ });
  await expect(pictures).toHaveCount(1);
  await expect(page.getByText(/^image · [\d.]+ KB$/)).toBeVisible();

  // The editor adds a picture and takes it away again; a PDF is no picture, and says where it goes.
  await page.getByLabel("Add an image or video to message 2").setInputFiles({ name: "second.png", mimeType: "image/png", buffer: await workbench.drawPng({ background: "#e76f51" }) });
  await expect(pictures).toHaveCount(2);
  await pictures.nth(1).click();
  await expect(pictures).toHaveCount(1);
  await page.getByLabel("Add an image or video to message 2").setInputFiles({ name: "brief.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4") });
  await expect(page.getByRole("alert").filter({ hasText: "brief.pdf" })).toHaveText('brief.pdf is not a picture or video the workbench knows. Add documents with "Add document…", which extracts their text.');
  // A document added in the editor is extracted by the prompt's provider, as the chat does.
  await page.getByLabel("Add a document before message 2").setInputFiles({ name: "faq.txt", mimeType: "text/plain", buffer: Buffer.from("Q: Who owns the launch? A: Mei.") });
  await expect(page.getByRole("textbox", { name: "Message 2 (system)" })).toHaveValue(/Who owns the launch/);
  await expect(page.getByRole("textbox", { name: "Message 3 (user), text" })).toBeVisible();
  await page.getByRole("button", { name: "Dismiss" }).click();
  await expect(note).toHaveCount(0);

  // Open in chat: the question waits in the composer with its picture attached; the documents' texts are the system prompt.
  await page.getByRole("button", { name: "Open in chat" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(workbench.composer).toHaveValue("What does the chart show? [[sim answer_tokens=6]]");
  await expect(workbench.attachmentCard("image-1.png").getByTestId("attachment-facts")).toContainText("320×200");
  await workbench.composer.press("Enter");
  await expect(workbench.answers).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible({ timeout: 30_000 });
  await expect(workbench.userMessages.first().getByRole("img", { name: "image-1.png" })).toBeVisible();
  expect(await cspViolations(page)).toEqual([]);
});

test("a media variable: each row's picture goes to the model with its question", async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto("/prompts");
  await expect(page.getByRole("textbox", { name: "Prompt name" })).toBeVisible();
  await page.getByRole("textbox", { name: "Message 2 (user)" }).fill("What is in {{picture}}? [[sim answer_tokens=4]]");
  await page.getByRole("button", { name: "Save as version 1" }).click();
  await page.getByRole("tab", { name: /Test set/ }).click();
  // Text that is no URL cannot become a file: the column stays text, and nothing is dropped.
  await page.getByRole("combobox", { name: "Kind of question" }).selectOption("media");
  await expect(page.getByRole("alert").filter({ hasText: "question stays text" })).toHaveText("question stays text: row 1 holds text that is not a data:, http(s) or ms:// URL. Clear it first, or choose files after switching an empty column.");
  await expect(page.getByRole("textbox", { name: "question, row 1", exact: true })).toHaveValue("What is the capital of France?");
  await page.getByRole("combobox", { name: "Kind of picture" }).selectOption("media");
  const png = await new WorkbenchPage(page).drawPng({ width: 560, height: 420 });
  await page.getByLabel("File for picture, row 1").setInputFiles({ name: "harbour.png", mimeType: "image/png", buffer: png });
  await expect(page.getByRole("table", { name: "Test set rows" })).toContainText("image: harbour.png");
  // A text value can be a document's text, extracted by the prompt's provider (the simulator's file-extract here).
  await page.getByLabel("Document for question, row 1").setInputFiles({ name: "brief.txt", mimeType: "text/plain", buffer: Buffer.from("The harbour opens at dawn.") });
  await expect(page.getByRole("textbox", { name: "question, row 1", exact: true })).toHaveValue(/The harbour opens at dawn\./);
  await page.getByRole("tab", { name: /Runs/ }).click();
  await page.getByRole("button", { name: "Run 1 cell" }).click();
  await expect(page.getByTestId("run-progress")).toContainText("Finished: 1 of 1 cells", { timeout: 30_000 });
  await page.getByRole("button", { name: /^row-1, kimi-k2.6 · Simulator \(offline\)/ }).click();
  // The picture was billed as vision tokens: 560×420 is 20×15 merged patches, 300 tokens and more, beside a few of text.
  const figures = await page.getByRole("article").first().getByText(/\d+ \+ \d+ tokens/).textContent();
  expect(Number(/(\d+) \+ \d+ tokens/.exec(figures ?? "")?.[1])).toBeGreaterThan(300);
});

test("deleting a prompt is the workbench's one delete: gone at once, Undo brings it back, leaving the page makes it final", async ({ page }) => {
  await page.goto("/prompts");
  const name = page.getByRole("textbox", { name: "Prompt name" });
  await expect(name).toBeVisible();
  await name.fill("Keeper");
  await page.getByRole("button", { name: "+ New prompt" }).click();
  await expect(name).toHaveValue("Prompt 2");
  await name.fill("Throwaway");
  const list = page.getByRole("navigation", { name: "Prompts" });
  await expect(list.getByRole("button", { name: /Throwaway/ })).toBeVisible();

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(list.getByRole("button", { name: /Throwaway/ })).toHaveCount(0);
  await expect(name).toHaveValue("Keeper");
  const undo = page.getByRole("status", { name: "Deleted, can be undone" });
  await expect(undo).toContainText("Deleted “Throwaway”");
  await undo.getByRole("button", { name: "Undo" }).click();
  await expect(name).toHaveValue("Throwaway");
  await expect(list.getByRole("button", { name: /Throwaway/ })).toBeVisible();

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(list.getByRole("button", { name: /Throwaway/ })).toHaveCount(0);
  await page.reload();
  await expect(name).toHaveValue("Keeper");
  await expect(list.getByRole("button", { name: /Throwaway/ })).toHaveCount(0);
});
