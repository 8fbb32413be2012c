import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { openWorkbench } from "./support/workbench-page";
import { readFileSync } from "node:fs";
import type { Locale } from "../lib/i18n/locales";

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

/** The catalog's words for a key, as a pattern when the message has arguments ({provider} matches anything). */
function wordsFor(locale: Locale) {
  // Read as a file: the e2e runner loads TypeScript as ES modules, which import JSON only with an attribute.
  const catalog: unknown = JSON.parse(readFileSync(new URL(`../lib/i18n/messages/${locale}.json`, import.meta.url), "utf8"));
  const text = (key: string) => {
    const value = key.split(".").reduce<unknown>((node, name) => (node as Record<string, unknown> | undefined)?.[name], catalog);
    if (typeof value !== "string") throw new Error(`no message ${key} in ${locale}`);
    return value;
  };
  const escape = (value: string) => value.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
  return {
    text,
    pattern: (key: string) => new RegExp(text(key).split(/\{[^}]*\}/).map(escape).join(".*")),
  };
}

async function closeDialog(page: Page, dialog: Locator): Promise<void> {
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
}

// English at both sizes in both themes; Chinese (longer labels in places, other glyphs) at both sizes, one theme each.
const runs = [
  ...sizes.flatMap((size) => (["light", "dark"] as const).map((theme) => ({ size, theme, locale: "en" as Locale }))),
  { size: sizes[0], theme: "dark" as const, locale: "zh-CN" as Locale },
  { size: sizes[1], theme: "light" as const, locale: "zh-CN" as Locale },
];

for (const { size, theme, locale } of runs) {
  test.describe(`${locale}`, () => {
    test.use({ locale });
    test(`${size.name}, ${theme}, ${locale}: every screen and dialog has no serious or critical axe violation`, async ({ page, context }) => {
      test.setTimeout(180_000);
      const say = wordsFor(locale);
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.addInitScript((value) => localStorage.setItem("kimi-workbench.theme", value), theme);
      const phone = size.name === "phone";
      const found: string[] = [];
      const workbench = await openWorkbench(page);
      found.push(...(await seriousViolations(page, "empty workbench")));

      await workbench.selectModel("kimi-k2.6");
      const composer = page.getByRole("textbox", { name: say.text("composer.message"), exact: true });
      await composer.fill("Explain a mutex with a short example [[sim answer_tokens=120 reasoning_tokens=40]]");
      await composer.press("Enter");
      await expect(page.getByRole("button", { name: say.text("chat.regenerate") })).toBeVisible({ timeout: 30_000 });
      found.push(...(await seriousViolations(page, "conversation with an answer")));

      await page.getByText(say.text("request.toggle")).first().click();
      found.push(...(await seriousViolations(page, "what will be sent")));
      await page.getByText(say.text("request.toggle")).first().click();

      /** Opens a header action: in the ⋯ sheet on a phone, in the header on a desktop. */
      const openAction = async (name: string) => {
        if (phone) {
          await page.getByRole("button", { name: say.text("header.moreActions") }).click();
          await page.getByRole("dialog", { name: say.text("header.actions") }).getByRole("button", { name, exact: true }).click();
        } else {
          await page.getByRole("banner").getByRole("button", { name, exact: true }).click();
        }
      };

      // Parameters: the column on a desktop, a dialog on a phone; Form, JSON and Presets tabs.
      if (phone) await openAction(say.text("parameters.button"));
      for (const tab of ["parameters.tabForm", "parameters.tabJson", "parameters.tabPresets"]) {
        await page.getByRole("tab", { name: say.text(tab), exact: true }).first().click();
        if (tab === "parameters.tabJson") await expect(workbench.jsonEditor).toBeVisible();
        found.push(...(await seriousViolations(page, `parameters, ${tab} tab`)));
      }
      await page.getByRole("tab", { name: say.text("parameters.tabForm"), exact: true }).first().click();
      if (phone) await closeDialog(page, page.getByRole("dialog", { name: say.text("parameters.dialog") }));

      await page.getByRole("button", { name: say.text("request.viewCode") }).click();
      const code = page.getByRole("dialog", { name: say.text("code.title") });
      await expect(code).toBeVisible();
      found.push(...(await seriousViolations(page, "view code dialog")));
      await closeDialog(page, code);

      let sharedLink = "";
      for (const [action, dialogName] of [["files.button", say.pattern("files.title")], ["keys.button", say.text("keys.title")], ["share.button", say.text("share.title")]] as const) {
        await openAction(say.text(action));
        const dialog = page.getByRole("dialog", { name: dialogName });
        await expect(dialog).toBeVisible();
        found.push(...(await seriousViolations(page, `${action} dialog`)));
        if (action === "share.button") {
          await dialog.getByText(say.text("share.showSnapshot")).click();
          await dialog.getByRole("button", { name: say.text("share.publish") }).click();
          sharedLink = await dialog.getByLabel(say.text("share.link")).inputValue();
          found.push(...(await seriousViolations(page, "share dialog after publishing")));
        }
        await closeDialog(page, dialog);
      }

      if (phone) {
        await page.getByRole("button", { name: say.text("header.moreActions") }).click();
        found.push(...(await seriousViolations(page, "actions sheet")));
        await closeDialog(page, page.getByRole("dialog", { name: say.text("header.actions") }));
        await page.getByRole("button", { name: say.text("header.conversations"), exact: true }).click();
        await expect(page.getByRole("navigation", { name: say.text("history.navigation") })).toBeVisible();
        found.push(...(await seriousViolations(page, "conversations drawer")));
        await page.keyboard.press("Escape");
      } else {
        await page.getByRole("button", { name: say.text("systemPrompt.title") }).click();
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
      await expect(page.getByRole("button", { name: say.text("prompts.new") })).toBeVisible();
      found.push(...(await seriousViolations(page, "prompts page")));
      for (const tab of ["test-set", "runs"] as const) {
        await page.getByRole("tab", { name: new RegExp(`^${say.text(`prompts.tabs.${tab}`)}`) }).click();
        found.push(...(await seriousViolations(page, `prompts page, ${tab} tab`)));
      }

      expect(found, found.join("\n")).toEqual([]);
    });
  });
}
