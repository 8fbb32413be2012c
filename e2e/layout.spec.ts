import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { openWorkbench } from "./support/workbench-page";

// The page is exactly the window at a desktop and a phone size, in both themes: the header stays in
// view (only the columns scroll), nothing overflows sideways, the phone header is one row with its
// actions behind one button, and the conversations drawer closes the ways a drawer does.

const sizes = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

async function documentSize(page: Page) {
  return page.evaluate(() => ({ scrollHeight: document.scrollingElement!.scrollHeight, scrollWidth: document.scrollingElement!.scrollWidth, innerHeight: window.innerHeight, innerWidth: window.innerWidth }));
}

for (const size of sizes) {
  for (const theme of ["light", "dark"] as const) {
    test(`${size.name} ${size.width}×${size.height}, ${theme}: the page is the window, the header stays in view`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.addInitScript((value) => localStorage.setItem("kimi-workbench.theme", value), theme);
      // kimi-k2.6 in thinking mode: its Parameters column holds the pinned fields whose hidden labels once made the page 1,221 px tall.
      const workbench = await openWorkbench(page);
      await workbench.selectModel("kimi-k2.6");
      await workbench.send("Hello there [[sim answer_tokens=400]]");
      await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible({ timeout: 30_000 });
      const measured = await documentSize(page);
      // The document never scrolls (a header that slides away, a blank band below, a sideways page).
      expect(measured.scrollHeight).toBeLessThanOrEqual(measured.innerHeight);
      expect(measured.scrollWidth).toBeLessThanOrEqual(measured.innerWidth);
      const header = await page.getByRole("banner").boundingBox();
      expect(header!.y).toBe(0);
      if (size.name === "phone") {
        // One row: the drawer button, the two pickers and "More actions".
        expect(header!.height).toBeLessThanOrEqual(56);
        for (const control of [page.getByRole("button", { name: "Conversations", exact: true }), page.locator("#provider-select"), page.locator("#model-select"), page.getByRole("button", { name: "More actions" })]) {
          const box = await control.boundingBox();
          expect(box!.x).toBeGreaterThanOrEqual(0);
          expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
        }
      } else {
        for (const name of ["Share", "Files", "Keys"]) await expect(page.getByRole("banner").getByRole("button", { name, exact: true })).toBeVisible();
        // One way to start over on a wide screen: the history's own button.
        await expect(page.getByRole("button", { name: /New conversation/ })).toHaveCount(1);
      }
    });
  }
}

test("phone: the actions open as one sheet; a dialog opened from it comes first, and the sheet closes with it", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const workbench = await openWorkbench(page);
  await page.getByRole("button", { name: "More actions" }).click();
  const sheet = page.getByRole("dialog", { name: "Actions" });
  await expect(sheet).toBeVisible();
  for (const name of ["Parameters", "New conversation", "As prompt", "Share", "Files", "Keys"]) await expect(sheet.getByRole("button", { name, exact: true })).toBeVisible();
  await expect(sheet.getByRole("link", { name: "Prompts" })).toBeVisible();
  await sheet.getByRole("button", { name: "Keys", exact: true }).click();
  const keys = page.getByRole("dialog", { name: /key/i });
  await expect(keys).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(keys).toBeHidden();
  await expect(sheet).toBeHidden();
  // A tap beside the sheet closes it; so does an action that opens nothing.
  await page.getByRole("button", { name: "More actions" }).click();
  await expect(sheet).toBeVisible();
  await page.mouse.click(20, 600);
  await expect(sheet).toBeHidden();
  await page.getByRole("button", { name: "More actions" }).click();
  await sheet.getByRole("button", { name: /Switch to (dark|light) theme/ }).click();
  await expect(sheet).toBeHidden();
  await expect(workbench.composer).toBeVisible();
});

test("phone: the conversations drawer closes with Escape, a tap beside it and its close button, and gives focus back", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openWorkbench(page);
  const toggle = page.getByRole("button", { name: "Conversations", exact: true });
  const drawer = page.getByRole("navigation", { name: "History" });
  await toggle.click();
  await expect(drawer).toBeVisible();
  await expect(page.getByRole("button", { name: "Close conversations" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(toggle).toBeFocused();
  await toggle.click();
  await expect(drawer).toBeVisible();
  await page.getByTestId("history-backdrop").click({ position: { x: 370, y: 400 } });
  await expect(drawer).toBeHidden();
  await toggle.click();
  await page.getByRole("button", { name: "Close conversations" }).click();
  await expect(drawer).toBeHidden();
});

test("keyboard: the first Tab offers a skip to the message box, and each other conversation in the history is one stop", async ({ page }) => {
  const workbench = await openWorkbench(page);
  for (const question of ["First [[sim answer_tokens=3]]", "Second [[sim answer_tokens=3]]"]) {
    await workbench.send(question);
    await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
    await page.getByRole("button", { name: "+ New conversation" }).click();
  }
  await workbench.send("Third [[sim answer_tokens=3]]");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  // From the top of the document (where a keyboard user starts after a reload).
  await page.evaluate(() => {
    document.body.tabIndex = -1;
    document.body.focus();
  });
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to the message box" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(workbench.composer).toBeFocused();
  // Rename and delete are stops on the open conversation's row only.
  const rows = workbench.history.getByRole("listitem");
  await expect(rows).toHaveCount(3);
  for (const title of ["First", "Second"]) {
    await expect(workbench.history.getByRole("button", { name: new RegExp(`^Rename ${title}`), includeHidden: true })).toHaveAttribute("tabindex", "-1");
    await expect(workbench.history.getByRole("button", { name: new RegExp(`^Delete ${title}`), includeHidden: true })).toHaveAttribute("tabindex", "-1");
  }
  await expect(workbench.history.getByRole("button", { name: /^Rename Third/, includeHidden: true })).toHaveAttribute("tabindex", "0");
});

test("focus goes where the work is: the message box after a new conversation (desktop and phone), the editor when the system prompt opens", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await workbench.send("Hello [[sim answer_tokens=3]]");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  await page.getByRole("button", { name: "+ New conversation" }).click();
  await expect(workbench.composer).toBeFocused();
  await page.getByRole("button", { name: "System prompt" }).click();
  await expect(page.getByRole("textbox", { name: "System prompt" })).toBeFocused();
  await workbench.send("Again [[sim answer_tokens=3]]");
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("dialog", { name: "Actions" }).getByRole("button", { name: "New conversation", exact: true }).click();
  await expect(page.getByRole("dialog", { name: "Actions" })).toBeHidden();
  await expect(workbench.composer).toBeFocused();
});

test("closing a dialog gives focus back to what opened it: the button on a desktop, the ⋯ button on a phone", async ({ page }) => {
  await openWorkbench(page);
  for (const name of ["Keys", "Share", "Files", "View code"]) {
    const opener = page.getByRole("button", { name, exact: true }).first();
    await opener.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog").filter({ has: page.getByRole("button", { name: "Close" }) });
    await expect(dialog).toBeVisible();
    // Focus is in the dialog while it is open.
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest("dialog") !== null)).toBe(true);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
  }
  await page.setViewportSize({ width: 390, height: 844 });
  const more = page.getByRole("button", { name: "More actions" });
  for (const name of ["Keys", "Parameters"]) {
    await more.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("dialog", { name: "Actions" }).getByRole("button", { name, exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest("dialog")?.open === true)).toBe(true);
    await page.keyboard.press("Escape");
    await expect(more).toBeFocused();
  }
});

for (const size of sizes) {
  test(`${size.name} ${size.width}×${size.height}: the first token count does not move the message box or what sits above it`, async ({ page, context }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    // kimi-k2.6: its prices make the line long enough to wrap on a phone.
    const workbench = await openWorkbench(page);
    await workbench.selectModel("kimi-k2.6");
    await workbench.composer.fill("How do I size a thread pool?");
    // Hold the counts back on the next load (the tokenizer's worker and the provider's count), to
    // see the line while it is counting, then let them through.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route(/turbopack-worker|estimate-token-count/, async (route) => {
      await held;
      await route.fallback();
    });
    await page.reload();
    await expect(workbench.modelSelect).toBeEnabled();
    const total = page.getByTestId("token-total");
    await expect(total).toHaveText("Counting tokens…");
    const preview = page.getByRole("button", { name: /^What will be sent/ });
    const positions = async () => ({ messageBox: (await workbench.composer.boundingBox())!.y, whatWillBeSent: (await preview.boundingBox())!.y });
    const whileCounting = await positions();
    release();
    await expect(total).not.toHaveAttribute("data-tokens", "");
    await expect(page.getByTestId("token-cost")).toBeVisible();
    expect(await positions()).toEqual(whileCounting);
  });
}
