import { expect, test } from "./fixtures";
import { openWorkbench, WorkbenchPage } from "./support/workbench-page";

// Kimi's own features on the simulator: partial mode, the built-in web search, official tools, mocks.

test("partial mode: the prefix ends the request, the answer continues it and is shown joined, in View code and in a share", async ({ page, browser }) => {
  const workbench = await openWorkbench(page, { model: "kimi-k2.6" });
  await page.getByRole("button", { name: "+ Answer prefix (partial mode)" }).click();
  const prefix = page.getByRole("group", { name: "Answer prefix (partial mode)" });
  await prefix.getByRole("textbox", { name: "Answer prefix" }).fill("{");
  await prefix.getByRole("textbox", { name: "Speaker name (optional)" }).fill("Kimi");

  await page.getByRole("tab", { name: /JSON/ }).click();
  await workbench.composer.fill("Describe Go as JSON with a name [[sim reasoning_tokens=5 tokens_per_second=4000]]");
  await expect(workbench.jsonEditor.locator(".view-lines")).toContainText('"partial": true');
  await page.getByRole("button", { name: "View code" }).click();
  const code = page.getByRole("dialog", { name: /code/i });
  await expect(code).toContainText('"partial": true');
  await page.keyboard.press("Escape");

  await workbench.composer.press("Enter");
  const answer = workbench.lastAnswer();
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  await expect(answer).toContainText("partial mode continues your prefix");
  // The prefix went with the message; the field is closed again.
  await expect(prefix).toHaveCount(0);
  const shown = await answer.locator(".markdown").first().innerText();
  expect(() => JSON.parse(shown)).not.toThrow();

  // The answer goes back joined to its prefix in the next request.
  await page.getByRole("tab", { name: /JSON/ }).click();
  await workbench.composer.fill("And Rust?");
  await expect(workbench.jsonEditor.locator(".view-lines")).toContainText('"name": "Kimi"');
  expect((await workbench.jsonEditor.locator(".view-lines").innerText()).replace(/\u00a0/g, " ")).toContain('"content": "{\\n');
  await workbench.composer.fill("");

  // With json_object the prefix is flagged in place.
  await page.getByRole("button", { name: "+ Answer prefix (partial mode)" }).click();
  await page.getByRole("tab", { name: /Form/ }).click();
  await page.locator("#parameter-response-format").selectOption("json_object");
  await expect(page.getByRole("group", { name: "Answer prefix (partial mode)" }).getByRole("alert")).toContainText("Moonshot refuses partial mode together with response_format json_object");
  await page.getByRole("group", { name: "Answer prefix (partial mode)" }).getByRole("button", { name: "Remove" }).click();

  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Share this conversation" });
  await dialog.getByRole("button", { name: "Publish share" }).click();
  const link = await dialog.getByLabel("Share link").inputValue();
  const reader = await browser.newContext();
  await reader.route("**/*", (route) => (["127.0.0.1", "localhost"].includes(new URL(route.request().url()).hostname) ? route.continue() : route.abort()));
  const readerPage = await reader.newPage();
  await readerPage.goto(link);
  await expect(readerPage.getByRole("article", { name: "Assistant message" })).toContainText("partial mode: continues the prefix {");
  await reader.close();
});

test("built-in web search: the toggle turns thinking off, each search is a step, sent back automatically, then the answer", async ({ page }) => {
  const workbench = await openWorkbench(page, { model: "kimi-k2.6" });
  await page.locator("#parameter-web-search").check();
  await expect(page.getByLabel("Parameters changed")).toContainText("thinking turned off: Moonshot requires it off when $web_search is used");
  await page.getByRole("tab", { name: /JSON/ }).click();
  await expect(workbench.jsonEditor.locator(".view-lines")).toContainText('"$web_search"');
  await expect(workbench.jsonEditor.locator(".view-lines")).toContainText('"disabled"');

  await workbench.send("What changed in Kimi K3 this month? [[sim tokens_per_second=4000]]");
  const step = page.getByRole("generic", { name: "Web search step" }).or(page.getByLabel("Web search step"));
  await expect(step.first()).toContainText("Web search: “What changed in Kimi K3 this month?”");
  await expect(step.first()).toContainText("tokens of results added to the next prompt");
  await expect(step.first()).toContainText("billed per search");
  await expect(page.getByRole("article", { name: "Tool result" })).toContainText("sent back automatically");
  await expect(workbench.answers).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  await expect(workbench.lastAnswer()).toContainText('I searched the web for "What changed in Kimi K3 this month?"');

  // Models that always think cannot use it: the toggle says why.
  await workbench.selectModel("kimi-k2.7-code");
  await page.getByRole("tab", { name: /Form/ }).click();
  await expect(page.locator("#parameter-web-search")).toBeVisible();
  await expect(page.getByText("kimi-k2.7-code always thinks, and Moonshot requires thinking off with $web_search.")).toBeVisible();
});

test("official tools: added by URI, run automatically when allowed, by hand otherwise; mocks answer by themselves", async ({ page }) => {
  const workbench = await openWorkbench(page, { model: "kimi-k2.6" });
  await page.locator("#official-tool-uri").fill("moonshot/convert:latest");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const added = page.getByRole("list", { name: "Added official tools" });
  await expect(added).toContainText("moonshot/convert:latest");

  // Not allowed yet: the call waits, and can be run once from the form.
  await workbench.send("Convert 10 km to mi [[sim reasoning_tokens=5 tokens_per_second=4000]]");
  await expect(page.getByRole("button", { name: "Run moonshot/convert:latest" })).toBeVisible();
  await page.getByRole("button", { name: "Run moonshot/convert:latest" }).click();
  await expect(page.getByRole("textbox", { name: "Result of convert" })).toHaveValue(/"result"/);
  await page.getByRole("button", { name: "Send result" }).click();
  await expect(page.getByRole("article", { name: "Tool result" }).last()).toContainText("run by the official tool");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();

  // Allowed: the loop runs by itself, two rounds, each call answered by the tool.
  await added.getByRole("checkbox", { name: /run convert automatically/ }).check();
  await workbench.send("Convert 100 c to f, then check it [[sim reasoning_tokens=5 tokens_per_second=4000 tool_rounds=2]]");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  const results = page.getByRole("article", { name: "Tool result" });
  await expect(results).toHaveCount(3);
  await expect(results.last()).toContainText("moonshot/convert:latest · fiber-");
  await expect(workbench.lastAnswer()).toContainText("Based on the tool results");

  // Removing the official tool takes its functions out of tools; a mock answers the example tool's calls with its template.
  await added.getByRole("button", { name: "remove" }).click();
  await expect(added).toHaveCount(0);
  await page.getByRole("button", { name: "insert an example" }).click();
  await page.getByRole("checkbox", { name: "Mock get_weather" }).check();
  await page.getByRole("textbox", { name: "Mock result of get_weather" }).fill('{"city": "{{city}}", "temperature": 18}');
  await workbench.send("What is the weather in Paris? [[sim reasoning_tokens=5 tokens_per_second=4000]]");
  await expect(results.last()).toContainText('{"city": "Paris", "temperature": 18}');
  await expect(results.last()).toContainText("answered by its mock");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  await expect(workbench.lastAnswer()).toContainText('"temperature": 18');

  // The settings survive a reload.
  await new WorkbenchPage(page).reload();
  await expect(page.getByRole("checkbox", { name: "Mock get_weather" })).toBeChecked();
  await expect(page.getByRole("textbox", { name: "Mock result of get_weather" })).toHaveValue('{"city": "{{city}}", "temperature": 18}');
});

test("the tool-loop checker finds what another client broke in an imported loop, and its fixes repair it", async ({ page }) => {
  const workbench = await openWorkbench(page, { model: "kimi-k2.6" });
  const exported = [
    { role: "user", content: "Weather in Paris?" },
    { role: "assistant", content: "", tool_calls: [{ id: "call_8f3a2b", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
    { role: "tool", tool_call_id: "call_8f3a2b", content: '{"temperature": 18}' },
  ];
  await workbench.history.getByLabel("Import a conversation file").setInputFiles({ name: "langchain-loop.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(exported)) });
  await expect(workbench.history.getByRole("status")).toContainText("The tool loop check found 2 problems");
  const check = page.getByRole("region", { name: "Tool loop check" });
  await expect(check).toContainText("With thinking on, an assistant message that made tool calls must be sent back with its reasoning_content.");
  await expect(check).toContainText('"call_8f3a2b" is not in the format Kimi writes');

  await check.getByRole("button", { name: "Use Kimi's ids" }).click();
  await expect(check).not.toContainText("call_8f3a2b");
  await check.getByRole("button", { name: "Restore the reasoning from history" }).click();
  await expect(check).toContainText("No saved conversation has this turn's reasoning");
  await check.getByRole("button", { name: "Turn thinking off" }).click();
  await expect(check).toHaveCount(0);

  // The repaired loop goes through.
  await workbench.send("And in Rome? [[sim tokens_per_second=4000]]");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  await page.getByRole("tab", { name: /JSON/ }).click();
  await expect(workbench.jsonEditor.locator(".view-lines")).toContainText(/functions\.\s*get_weather:0/);
});
