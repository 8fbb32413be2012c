import { expect, type Locator, type Page } from "@playwright/test";

/** A file to attach, as Playwright's `setInputFiles` takes it. */
export interface AttachedFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * The workbench page as a user works it: pick a provider and model, write and send, read the
 * answers, attach files, edit the request in the JSON view. Every e2e spec drives the page through
 * this one object.
 */
export class WorkbenchPage {
  constructor(readonly page: Page) {}

  /** The message being written. */
  get composer(): Locator {
    return this.page.getByRole("textbox", { name: "Message", exact: true });
  }

  get providerSelect(): Locator {
    return this.page.locator("#provider-select");
  }

  get modelSelect(): Locator {
    return this.page.locator("#model-select");
  }

  /** The parameter editor's form. */
  get parameters(): Locator {
    return this.page.getByRole("form", { name: "Parameters" });
  }

  /** The Monaco editor of the JSON view. */
  get jsonEditor(): Locator {
    return this.page.getByTestId("json-editor");
  }

  /** Every answer on screen, in order. */
  get answers(): Locator {
    return this.page.getByRole("article", { name: "Assistant message" });
  }

  /** Every message the user sent, in order. */
  get userMessages(): Locator {
    return this.page.getByRole("article", { name: "User message" });
  }

  /** The history of conversations (the sidebar, or the overlay on narrow screens). */
  get history(): Locator {
    return this.page.getByRole("navigation", { name: "History" });
  }

  /** The newest answer. */
  lastAnswer(): Locator {
    return this.answers.last();
  }

  /** The card of an attachment of the message being written. */
  attachmentCard(name: string): Locator {
    return this.page.getByRole("listitem", { name: `Attachment ${name}` });
  }

  /** Loads the page and waits until the saved conversation is read and the page has settled. */
  async open(): Promise<this> {
    await this.page.goto("/");
    await this.settled();
    return this;
  }

  /** Reloads the page and waits until the saved conversation is read again and the page has settled. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.settled();
  }

  /**
   * The model picker is enabled once the saved conversation is read; the first token count comes
   * later (the tokenizer loads in a worker) and its line, wrapping, pushes what is above the
   * composer up by a line. A click aimed before that lands beside its button.
   */
  private async settled(): Promise<void> {
    await expect(this.modelSelect).toBeEnabled();
    await expect(this.page.getByTestId("token-total")).not.toHaveAttribute("data-tokens", "");
  }

  async selectProvider(providerId: string): Promise<void> {
    await this.providerSelect.selectOption(providerId);
  }

  async selectModel(model: string): Promise<void> {
    await this.modelSelect.selectOption(model);
  }

  /** Writes a message and sends it with Enter. */
  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press("Enter");
  }

  /** Attaches files with the paperclip. */
  async attach(files: AttachedFile[]): Promise<void> {
    await this.page.getByLabel("Attach files").setInputFiles(files);
  }

  /** The prompt's token count the preview shows. */
  async tokenTotal(): Promise<number> {
    return Number(await this.page.getByTestId("token-total").getAttribute("data-tokens"));
  }

  /** Replaces the whole JSON view text by pasting it (typing would trigger Monaco's bracket auto-closing). */
  async replaceJson(text: string): Promise<void> {
    await this.page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await this.page.evaluate((value) => navigator.clipboard.writeText(value), text);
    await this.jsonEditor.locator(".view-lines").click();
    await this.page.keyboard.press("Control+A");
    await this.page.keyboard.press("Control+V");
  }

  /** A PNG drawn by the browser itself (no binary fixture needed): a background with a centred block. */
  async drawPng({ width = 320, height = 200, background = "#2a9d8f", block = "#e9c46a" }: { width?: number; height?: number; background?: string; block?: string } = {}): Promise<Buffer> {
    const bytes = await this.page.evaluate(
      async ({ width, height, background, block }) => {
        const canvas = document.createElement("canvas");
        canvas.width = width;
        canvas.height = height;
        const context = canvas.getContext("2d")!;
        context.fillStyle = background;
        context.fillRect(0, 0, width, height);
        context.fillStyle = block;
        context.fillRect(width / 4, height / 4, width / 2, height / 2);
        const blob: Blob = await new Promise((resolve) => canvas.toBlob((result) => resolve(result!), "image/png"));
        return Array.from(new Uint8Array(await blob.arrayBuffer()));
      },
      { width, height, background, block },
    );
    return Buffer.from(bytes);
  }
}

/** Opens the workbench in `page`, optionally on a model, and returns its page object. */
export async function openWorkbench(page: Page, { model }: { model?: string } = {}): Promise<WorkbenchPage> {
  const workbench = await new WorkbenchPage(page).open();
  if (model) {
    await workbench.selectModel(model);
    await expect(workbench.parameters).toBeVisible();
  }
  return workbench;
}
