import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { openWorkbench } from "./support/workbench-page";

// axe-core on every screen and dialog, at a desktop and a phone size, in both themes: no serious or
// critical violation. Each failure names the screen, the rule and the elements, so it can be fixed
// without rerunning by hand.

const sizes = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** One line per serious or critical violation on the page as it is now. */
async function seriousViolations(page: Page, screen: string): Promise<string[]> {
  // Give CSS transitions (dialogs, the drawer) time to end: axe reads colours as painted.
  await page.waitForTimeout(250);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${screen}: ${violation.id} (${violation.impact}) — ${violation.help}\n    ${violation.nodes.map((node) => `${node.target.join(" ")}${node.failureSummary ? ` → ${node.failureSummary.replaceAll("\n", " ")}` : ""}`).join("\n    ")}`);
}

async function closeDialog(page: Page, dialog: Locator): Promise<void> {
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
}

for (const size of sizes) {
  for (const theme of ["light", "dark"] as const) {
    test(`${size.name}, ${theme}: every screen and dialog has no serious or critical axe violation`, async ({ page, context }) => {
      test.setTimeout(180_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.addInitScript((value) => localStorage.setItem("kimi-workbench.theme", value), theme);
      const phone = size.name === "phone";
      const found: string[] = [];
      const workbench = await openWorkbench(page);
      found.push(...(await seriousViolations(page, "empty workbench")));

      await workbench.selectModel("kimi-k2.6");
      await workbench.send("Explain a mutex with a short example [[sim answer_tokens=120 reasoning_tokens=40]]");
      await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible({ timeout: 30_000 });
      found.push(...(await seriousViolations(page, "conversation with an answer")));

      await page.getByText(/What will be sent/).click();
      found.push(...(await seriousViolations(page, "what will be sent")));
      await page.getByText(/What will be sent/).click();

      /** Opens a header action: in the ⋯ sheet on a phone, in the header on a desktop. */
      const openAction = async (name: string) => {
        if (phone) {
          await page.getByRole("button", { name: "More actions" }).click();
          await page.getByRole("dialog", { name: "Actions" }).getByRole("button", { name, exact: true }).click();
        } else {
          await page.getByRole("banner").getByRole("button", { name, exact: true }).click();
        }
      };

      // Parameters: the column on a desktop, a dialog on a phone; Form, JSON and Presets tabs.
      if (phone) await openAction("Parameters");
      for (const tab of ["Form", "JSON", "Presets"]) {
        await page.getByRole("tab", { name: tab, exact: true }).first().click();
        if (tab === "JSON") await expect(workbench.jsonEditor).toBeVisible();
        found.push(...(await seriousViolations(page, `parameters, ${tab} tab`)));
      }
      await page.getByRole("tab", { name: "Form", exact: true }).first().click();
      if (phone) await closeDialog(page, page.getByRole("dialog", { name: "Parameters" }));

      await page.getByRole("button", { name: "View code" }).click();
      const code = page.getByRole("dialog", { name: /code/i });
      await expect(code).toBeVisible();
      found.push(...(await seriousViolations(page, "view code dialog")));
      await closeDialog(page, code);

      let sharedLink = "";
      for (const [action, dialogName] of [["Files", /files/i], ["Keys", /key/i], ["Share", /share/i]] as const) {
        await openAction(action);
        const dialog = page.getByRole("dialog", { name: dialogName });
        await expect(dialog).toBeVisible();
        found.push(...(await seriousViolations(page, `${action} dialog`)));
        if (action === "Share") {
          await dialog.getByText("Show the snapshot exactly as it will be published (JSON)").click();
          await dialog.getByRole("button", { name: "Publish share" }).click();
          sharedLink = await dialog.getByLabel("Share link").inputValue();
          found.push(...(await seriousViolations(page, "share dialog after publishing")));
        }
        await closeDialog(page, dialog);
      }

      if (phone) {
        await page.getByRole("button", { name: "More actions" }).click();
        found.push(...(await seriousViolations(page, "actions sheet")));
        await closeDialog(page, page.getByRole("dialog", { name: "Actions" }));
        await page.getByRole("button", { name: "Conversations", exact: true }).click();
        await expect(workbench.history).toBeVisible();
        found.push(...(await seriousViolations(page, "conversations drawer")));
        await page.keyboard.press("Escape");
      } else {
        await page.getByRole("button", { name: "System prompt" }).click();
        found.push(...(await seriousViolations(page, "system prompt editor")));
      }

      // The shared page, as a reader opens it.
      const reader = await context.newPage();
      await reader.setViewportSize({ width: size.width, height: size.height });
      await reader.goto(sharedLink);
      await expect(reader.getByText(/Explain a mutex/).first()).toBeVisible();
      found.push(...(await seriousViolations(reader, "shared page")));
      await reader.close();

      await page.goto("/prompts");
      await expect(page.getByRole("button", { name: /New prompt/ })).toBeVisible();
      found.push(...(await seriousViolations(page, "prompts page")));

      expect(found, found.join("\n")).toEqual([]);
    });
  }
}
