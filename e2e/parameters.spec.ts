import { appPort, plantedServerKey } from "../playwright.config";
import { expect, test } from "./fixtures";
import { openWorkbench } from "./support/workbench-page";

test("the form and the JSON view stay in sync, both ways, with Monaco served locally", async ({ page }) => {
  const workbench = await openWorkbench(page, { model: "moonshot-v1-8k" });
  await page.locator("#parameter-max_completion_tokens").fill("500");
  await page.getByRole("tab", { name: /JSON/ }).click();
  await expect(workbench.jsonEditor.locator(".view-lines")).toContainText('"max_completion_tokens": 500');
  await workbench.replaceJson(JSON.stringify({ model: "moonshot-v1-8k", messages: [], max_completion_tokens: 700, temperature: 0.3, stream: true }, null, 2));
  await page.getByRole("tab", { name: /Form/ }).click();
  await expect(page.locator("#parameter-max_completion_tokens")).toHaveValue("700");
  await expect(page.locator("#parameter-temperature")).toHaveValue("0.3");
});

test("moonshot-v1-8k: a short message fits its context; only a max_tokens that cannot fit is flagged", async ({ page }) => {
  const workbench = await openWorkbench(page, { model: "moonshot-v1-8k" });
  await workbench.composer.fill("Hello");
  await expect(page.getByTestId("token-total")).not.toHaveText("Counting tokens…");
  await expect(page.getByText(/exceeds moonshot-v1-8k's context window/)).toHaveCount(0);
  await page.locator("#parameter-max_completion_tokens").fill("8192");
  await expect(page.getByText(/exceeds moonshot-v1-8k's context window of 8,192/)).toBeVisible();
});

test("moonshot-v1: free sampling fields show a usable slider beside a number box, inside the column", async ({ page }) => {
  const workbench = await openWorkbench(page, { model: "moonshot-v1-8k" });
  const column = await workbench.parameters.boundingBox();
  for (const field of ["temperature", "top_p"]) {
    const slider = await page.getByRole("slider", { name: `${field} slider` }).boundingBox();
    const box = await page.locator(`#parameter-${field}`).boundingBox();
    expect(slider!.width).toBeGreaterThan(100);
    expect(box!.x).toBeGreaterThan(slider!.x + slider!.width - 1);
    expect(box!.x + box!.width).toBeLessThanOrEqual(column!.x + column!.width + 1);
  }
  await page.getByRole("slider", { name: "temperature slider" }).fill("0.7");
  await expect(page.locator("#parameter-temperature")).toHaveValue("0.7");
});

test("a stop sequence being added is focused, flags nothing while blank, and joins the request as it is typed", async ({ page }) => {
  const workbench = await openWorkbench(page, { model: "kimi-k2.6" });
  await page.getByRole("button", { name: "Add a stop sequence" }).click();
  const first = page.getByRole("textbox", { name: "Stop sequence 1" });
  await expect(first).toBeFocused();
  await expect(workbench.parameters).not.toContainText("An empty stop sequence would end the answer at once");
  await page.keyboard.type("END");
  await expect(first).toBeFocused();
  await expect(first).toHaveValue("END");
  await workbench.composer.fill("Hi");
  await page.getByRole("button", { name: /What will be sent/ }).click();
  await expect(page.getByRole("region", { name: "What will be sent" }).getByLabel("Final body")).toContainText('"END"');
  // A blank one left behind goes away instead of standing in the request.
  await page.getByRole("button", { name: "Add a stop sequence" }).click();
  await expect(page.getByRole("textbox", { name: "Stop sequence 2" })).toBeFocused();
  await workbench.composer.click();
  await expect(page.getByRole("textbox", { name: "Stop sequence 2" })).toHaveCount(0);
  await expect(workbench.parameters).not.toContainText("An empty stop sequence");
});

test("the JSON view marks problems in place, and a rule-breaking request is held back until sent anyway", async ({ page }) => {
  const workbench = await openWorkbench(page, { model: "kimi-k2.6" });
  await page.getByRole("tab", { name: /JSON/ }).click();
  await expect(workbench.jsonEditor.locator(".view-lines")).toContainText('"model": "kimi-k2.6"');
  await workbench.replaceJson('{ "model": "kimi-k2.6", ');
  await expect(page.getByRole("alert", { name: "Problems in the request body" })).toContainText("Not valid JSON");
  await workbench.replaceJson(JSON.stringify({ model: "kimi-k2.6", messages: [], temperature: 0.3, stream: true }, null, 2));
  const problems = page.getByRole("alert", { name: "Problems in the request body" });
  await expect(problems).toContainText("temperature: kimi-k2.6 fixes temperature at 1 in thinking mode; any other value is rejected.");
  await expect(workbench.jsonEditor.locator(".squiggly-error").first()).toBeVisible();

  await workbench.send("Hello [[sim answer_tokens=5 reasoning_tokens=3]]");
  const heldBack = page.getByRole("alert", { name: "Request held back" });
  await expect(heldBack).toContainText("Not sent: this request breaks a documented rule");
  await expect(heldBack).toContainText("kimi-k2.6 fixes temperature at 1 in thinking mode");
  await expect(workbench.answers).toHaveCount(0);
  // The held-back message waits in the composer, not in limbo; Cancel keeps it there.
  await expect(workbench.composer).toHaveValue("Hello [[sim answer_tokens=5 reasoning_tokens=3]]");
  await expect(workbench.userMessages).toHaveCount(0);
  await heldBack.getByRole("button", { name: "Cancel" }).click();
  await expect(heldBack).toHaveCount(0);
  await expect(workbench.composer).toHaveValue("Hello [[sim answer_tokens=5 reasoning_tokens=3]]");
  // Held back again, then sent anyway: the message leaves the composer for the conversation.
  await workbench.composer.press("Enter");
  await expect(heldBack).toBeVisible();
  await heldBack.getByRole("button", { name: "Send anyway" }).click();
  await expect(workbench.lastAnswer().getByRole("alert")).toContainText("invalid temperature: only 1 is allowed for this model");
  await expect(workbench.composer).toHaveValue("");
  await expect(workbench.userMessages).toHaveCount(1);
});

test("pinned parameters are one group with one reason, per thinking mode; rarely used fields fold away", async ({ page }) => {
  const workbench = await openWorkbench(page, { model: "kimi-k2.6" });
  const temperature = page.locator("#parameter-temperature");
  const pinned = page.getByTestId("pinned-sampling");
  await expect(temperature).toBeDisabled();
  await expect(temperature).toHaveValue("1");
  await expect(temperature).toHaveAccessibleDescription("Fixed by kimi-k2.6 in thinking mode; other values are rejected, so they are not sent.");
  // The reason is said once for all five, not under each field.
  await expect(pinned.getByRole("textbox")).toHaveCount(5);
  await expect(page.getByText(/other values are rejected/)).toHaveCount(1);
  await expect(page.locator("#parameter-tool-choice option[value=required]")).toBeDisabled();
  await page.getByRole("switch", { name: "Thinking" }).click();
  await expect(temperature).toHaveValue("0.6");
  await expect(temperature).toHaveAccessibleDescription("Fixed by kimi-k2.6 without thinking; other values are rejected, so they are not sent.");
  await expect(page.locator("#parameter-tool-choice option[value=required]")).toBeEnabled();

  // A model that pins nothing: the common fields show, the rest wait under one line; an unset slider rests at the API's default.
  await workbench.selectModel("moonshot-v1-8k");
  await expect(pinned).toHaveCount(0);
  await expect(page.getByRole("slider", { name: /top_p/ })).toHaveValue("1");
  await expect(page.locator("#parameter-presence_penalty")).toBeHidden();
  await page.getByText(/^More sampling fields \(n, presence_penalty, frequency_penalty/).click();
  await page.locator("#parameter-presence_penalty").fill("0.5");
  await expect(page.getByRole("slider", { name: /presence_penalty/ })).toHaveValue("0.5");
  // Set, it stays in view after a reload.
  await workbench.reload();
  await expect(page.locator("#parameter-presence_penalty")).toHaveValue("0.5");
});

test("switching the model fits the parameters, says what changed, and can be undone", async ({ page }) => {
  const workbench = await openWorkbench(page, { model: "moonshot-v1-8k" });
  await page.locator("#parameter-temperature").fill("0.3");
  await workbench.selectModel("kimi-k2.6");
  const notice = page.getByLabel("Parameters changed");
  await expect(notice).toContainText("Switched to kimi-k2.6: the parameters were fitted to it.");
  await expect(notice).toContainText("temperature 0.3 removed: kimi-k2.6 fixes it at 1 while thinking.");
  await expect(page.locator("#parameter-temperature")).toBeDisabled();
  await notice.getByRole("button", { name: "Undo" }).click();
  await expect(workbench.modelSelect).toHaveValue("moonshot-v1-8k");
  await expect(page.locator("#parameter-temperature")).toHaveValue("0.3");
});

test("presets are saved, kept across reloads, loaded, renamed and deleted", async ({ page }) => {
  const workbench = await openWorkbench(page, { model: "moonshot-v1-8k" });
  await page.locator("#parameter-temperature").fill("0.9");
  await page.getByRole("tab", { name: "Presets" }).click();
  await page.getByLabel("Save the current parameters as").fill("Creative");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("list", { name: "Saved presets" })).toContainText("Creative");
  await workbench.reload();
  await page.getByRole("tab", { name: /Form/ }).click();
  await page.locator("#parameter-temperature").fill("0.2");
  await page.getByRole("tab", { name: "Presets" }).click();
  await page.getByRole("button", { name: "Load Creative" }).click();
  await page.getByRole("tab", { name: /Form/ }).click();
  await expect(page.locator("#parameter-temperature")).toHaveValue("0.9");
  await page.getByRole("tab", { name: "Presets" }).click();
  await page.getByRole("button", { name: "Rename Creative" }).click();
  await page.getByLabel("New name for Creative").fill("Warm");
  await page.getByRole("button", { name: "Rename", exact: true }).click();
  await expect(page.getByRole("list", { name: "Saved presets" })).toContainText("Warm");
  // Deleting is at once, with Undo for a few seconds (the workbench's one way to delete).
  await page.getByRole("button", { name: "Delete Warm" }).click();
  await expect(page.getByText("No presets yet.")).toBeVisible();
  const undo = page.getByRole("status", { name: "Deleted, can be undone" });
  await expect(undo).toContainText("Deleted “Warm”");
  await undo.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("list", { name: "Saved presets" })).toContainText("Warm");
  await page.getByRole("button", { name: "Delete Warm" }).click();
  await expect(page.getByText("No presets yet.")).toBeVisible();
});

test("what will be sent shows the final body and every change the workbench makes", async ({ page }) => {
  const workbench = await openWorkbench(page, { model: "kimi-k2.6" });
  await workbench.composer.fill("Preview me");
  await page.getByRole("button", { name: /What will be sent/ }).click();
  const preview = page.getByRole("region", { name: "What will be sent" });
  await expect(preview).toContainText(`POST http://127.0.0.1:${appPort}/api/simulator/v1/chat/completions`);
  // The count on the button is the workbench's own list; the provider's translation is listed apart.
  const summary = await page.getByRole("button", { name: /What will be sent/ }).textContent();
  const counted = Number(/· (\d+) changes? by the workbench/.exec(summary ?? "")?.[1]);
  await expect(preview.getByRole("list", { name: "Changed by the workbench" }).getByRole("listitem")).toHaveCount(counted);
  await expect(preview.getByRole("list", { name: "Changed for this provider's API" })).toContainText("stream_options.include_usage: The gateway always asks the provider for usage");
  await expect(preview.getByLabel("Final body")).toContainText('"content": "Preview me"');
  await expect(preview.getByLabel("Final body")).toContainText('"include_usage": true');
});

test("what will be sent shows the pictures of the last question, with their real size, before and after a follow-up is typed", async ({ page }) => {
  const workbench = await openWorkbench(page, { model: "kimi-k2.6" });
  const png = await workbench.drawPng({ width: 640, height: 400 });
  await workbench.attach([{ name: "chart.png", mimeType: "image/png", buffer: png }]);
  await expect(workbench.attachmentCard("chart.png").getByTestId("attachment-facts")).toContainText("640×400");
  await workbench.send("What is in the chart? [[sim answer_tokens=6]]");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible({ timeout: 30_000 });
  const kilobytes = `${(png.length / 1024).toFixed(1)} KB`;
  await page.getByRole("button", { name: /What will be sent/ }).click();
  const body = page.getByRole("region", { name: "What will be sent" }).getByLabel("Final body");
  // The request of the last answer: its question carried the picture.
  await expect(body).toContainText('"type": "image_url"');
  await expect(body).toContainText(`chart.png · ${kilobytes}`);
  await workbench.composer.fill("And the colours?");
  await expect(body).toContainText('"content": "And the colours?"');
  await expect(body).toContainText(`chart.png · ${kilobytes}`);
  await expect(body).not.toContainText("(0 KB)");
});

test("View code gives curl, Python and Node for the current turn, with the key as a variable only", async ({ page }) => {
  const workbench = await openWorkbench(page, { model: "kimi-k2.6" });
  await page.getByRole("button", { name: "Keys" }).click();
  await page.getByRole("textbox", { name: "Moonshot API" }).fill("sk-user-pasted-key-123");
  await page.getByRole("button", { name: "Save" }).first().click();
  await page.getByRole("button", { name: "Close" }).first().click();
  await workbench.composer.fill("Show me the code");
  await page.getByRole("button", { name: "View code" }).click();
  const dialog = page.getByRole("dialog", { name: "View code" });
  const code = dialog.getByRole("tabpanel");
  await expect(code).toContainText('curl -sN "${MOONSHOT_BASE_URL:-http://127.0.0.1:3100/api/simulator/v1}/chat/completions"');
  await expect(code).toContainText('-H "Authorization: Bearer $MOONSHOT_API_KEY"');
  await dialog.getByRole("tab", { name: "Python" }).click();
  await expect(code).toContainText('getattr(delta, "reasoning_content", None)');
  await dialog.getByRole("tab", { name: "Node.js" }).click();
  await expect(code).toContainText('import OpenAI from "openai";');
  await expect(code).toContainText('"content": "Show me the code"');
  for (const tab of ["curl", "Python", "Node.js"]) {
    await dialog.getByRole("tab", { name: tab }).click();
    const text = await code.textContent();
    expect(text).not.toContain("sk-user-pasted-key-123");
    expect(text).not.toContain(plantedServerKey);
  }
});

test("tools: the model calls one, the user answers it, the model continues", async ({ page }) => {
  const workbench = await openWorkbench(page, { model: "kimi-k2.6" });
  await page.getByRole("button", { name: "insert an example" }).click();
  await workbench.send("What is the weather in Paris? [[sim reasoning_tokens=8 tokens_per_second=2000]]");
  const result = page.getByRole("textbox", { name: "Result of get_weather" });
  await expect(result).toBeVisible();
  await expect(workbench.lastAnswer()).toContainText('get_weather({"city":"Paris"');
  // The hint comes from the tool's declaration and the call, not from a fixed example.
  await expect(result).toHaveAttribute("placeholder", /^What get_weather returns for \{"city":"Paris".*\(Current weather for a city\), as JSON or text$/);
  await result.fill('{"temperature": 21, "condition": "sunny"}');
  await page.getByRole("button", { name: "Send result" }).click();
  await expect(page.getByRole("article", { name: "Tool result" })).toContainText('"condition": "sunny"');
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  await expect(workbench.lastAnswer()).toContainText('"temperature": 21');
});

test("the model's facts come from the catalog, or from the provider's own list for models it does not know", async ({ page }) => {
  const workbench = await openWorkbench(page, { model: "kimi-k2.5" });
  await expect(page.getByLabel("Model facts")).toContainText("262,144 tokens");
  await expect(page.getByLabel("Model facts")).toContainText("¥0.70 cached · ¥4.00 input · ¥21.00 output per 1M tokens");
  await workbench.selectModel("moonshot-v1-8k");
  await expect(page.getByLabel("Model facts")).toContainText("30 RPM · 300,000 TPM · 5 concurrent");
  await workbench.selectProvider("openai-compatible");
  await workbench.selectModel("slow-model");
  await expect(page.getByLabel("Model facts")).toContainText("32,768 tokens");
  await expect(page.getByLabel("Model facts")).toContainText("not in the catalog");
});

test("K3: reasoning_effort instead of a thinking switch, in the form, the body and the answer; switching to K2.6 says what changed", async ({ page }) => {
  const workbench = await openWorkbench(page, { model: "kimi-k3" });
  await expect(workbench.parameters.getByRole("switch", { name: "Thinking" })).toHaveCount(0);
  const effort = page.locator("#parameter-reasoning-effort");
  await expect(effort).toHaveValue("");
  await expect(effort.locator("option").first()).toHaveText("not set (max)");
  await effort.selectOption("low");
  await page.getByRole("button", { name: /What will be sent/ }).click();
  const body = page.getByRole("region", { name: "What will be sent" }).getByLabel("Final body");
  await workbench.composer.fill("Plan a weekend in Hangzhou");
  await expect(body).toContainText('"reasoning_effort": "low"');
  await expect(body).not.toContainText('"thinking"');
  await workbench.send("Plan a weekend in Hangzhou [[sim answer_tokens=20 tokens_per_second=2000]]");
  await expect(workbench.lastAnswer().getByRole("button", { name: /Thought for/ })).toBeVisible();
  await expect(workbench.lastAnswer().getByLabel("Usage and timings")).toContainText("Reasoning");
  await workbench.selectModel("kimi-k2.6");
  const notice = page.getByRole("status").filter({ hasText: "Switched to kimi-k2.6" });
  await expect(notice).toContainText("reasoning_effort removed: kimi-k2.6 takes none (K3 models do)");
  await expect(workbench.parameters.getByRole("switch", { name: "Thinking" })).toBeVisible();
});
