import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const videoFixture = readFileSync("lib/media/__fixtures__/clip-3s-320x240.mp4");

async function openWorkbench(page: Page) {
  await page.goto("/");
  await expect(page.locator("#model-select")).toBeEnabled();
}

/** A PNG drawn by the browser itself (no binary fixture needed). */
async function drawPng(page: Page, { width, height }: { width: number; height: number }): Promise<Buffer> {
  const bytes = await page.evaluate(
    async ({ width, height }) => {
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext("2d")!;
      context.fillStyle = "#2a9d8f";
      context.fillRect(0, 0, width, height);
      context.fillStyle = "#e9c46a";
      context.fillRect(width / 4, height / 4, width / 2, height / 2);
      const blob: Blob = await new Promise((resolve) => canvas.toBlob((result) => resolve(result!), "image/png"));
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    },
    { width, height },
  );
  return Buffer.from(bytes);
}

const tokenTotal = async (page: Page) => Number(await page.getByTestId("token-total").getAttribute("data-tokens"));
const attachmentCard = (page: Page, name: string) => page.getByRole("listitem", { name: `Attachment ${name}` });
const lastAnswer = (page: Page) => page.getByRole("article", { name: "Assistant message" }).last();

test("images and a video: fps and max_frames move the frame strip and the estimate; the simulator bills what was estimated", async ({ page }) => {
  await openWorkbench(page);
  await page.locator("#model-select").selectOption("kimi-k2.6");
  const composer = page.getByRole("textbox", { name: "Message", exact: true });
  await composer.fill("Describe the picture and the clip.");
  const textOnly = page.getByTestId("token-total");
  await expect(textOnly).toHaveAttribute("data-tokens", /^\d+$/);
  const before = await tokenTotal(page);

  const png = await drawPng(page, { width: 1920, height: 1080 });
  await page.getByLabel("Attach files").setInputFiles([
    { name: "poster.png", mimeType: "image/png", buffer: png },
    { name: "clip.mp4", mimeType: "video/mp4", buffer: videoFixture },
  ]);
  const image = attachmentCard(page, "poster.png");
  const video = attachmentCard(page, "clip.mp4");
  await expect(image.getByTestId("attachment-facts")).toContainText("1920×1080");
  await expect(image.getByTestId("attachment-facts")).toContainText("≈2,695 tokens");
  await expect(video.getByTestId("attachment-facts")).toContainText("320×240");
  await expect(video.getByTestId("attachment-facts")).toContainText("0:03.0");

  // 3 s at the default 2 fps: 6 frames, thumbnails captured in this browser.
  const strip = video.getByTestId("frame-strip");
  await expect(strip).toHaveAttribute("data-frame-count", "6");
  await expect(video.getByTestId("frame-summary")).toContainText("6 frames, one every 0.5 s");
  await expect(strip.getByRole("img", { name: /^Frame 1 at 0:00\.0$/ })).toBeVisible();
  await expect.poll(() => tokenTotal(page)).toBeGreaterThan(before + 2695);
  const withSixFrames = await tokenTotal(page);

  // fps 4 → 12 frames (3 chunks of 4) and a larger estimate.
  await video.getByLabel("fps").fill("4");
  await expect(strip).toHaveAttribute("data-frame-count", "12");
  await expect.poll(() => tokenTotal(page)).toBeGreaterThan(withSixFrames);
  const withTwelveFrames = await tokenTotal(page);

  // As a file, this provider ignores max_frames, and says so; as frames, the workbench enforces it.
  await video.getByLabel("max_frames").fill("5");
  await expect(video.getByTestId("frame-summary")).toContainText("ignores max_frames for a video file");
  await expect(strip).toHaveAttribute("data-frame-count", "12");
  await video.getByLabel("Send as frames").check();
  await expect(strip).toHaveAttribute("data-frame-count", "5");
  await expect(video.getByTestId("frame-summary")).toContainText("5 frames spread evenly over 0:03.0");
  await expect(video.getByTestId("attachment-facts")).toContainText("sent as 5 frames");
  await expect(video.getByTestId("attachment-facts")).not.toContainText("extracting");
  await expect.poll(() => tokenTotal(page)).toBeLessThan(withTwelveFrames);

  // The breakdown names each picture and video.
  await page.getByRole("button", { name: "Token breakdown" }).click();
  const breakdown = page.getByRole("table", { name: "Prompt tokens by source" });
  await expect(breakdown).toContainText("Image poster.png");
  await expect(breakdown).toContainText("Video clip.mp4");

  // View code reads the files from disk instead of sending the placeholders.
  await page.getByRole("button", { name: "View code" }).click();
  await expect(page.getByTestId("code-media-note")).toContainText("reads poster.png, clip.mp4 from the current directory");
  await expect(page.getByRole("tabpanel", { name: "curl code" })).toContainText("file_data_url 'poster.png' 'image/png'");
  await page.keyboard.press("Escape");

  // Send: the estimate recorded before sending equals what the simulator bills.
  await expect(page.getByRole("button", { name: "Send" })).toBeEnabled();
  await expect(page.getByTestId("token-total")).toHaveAttribute("data-exact", "true");
  const estimate = await tokenTotal(page);
  // The local count (BPE text, MoonViT media) agrees with the provider's count on the simulator.
  await expect(breakdown).toContainText(`≈${estimate.toLocaleString("en-US")}`);
  await composer.press("Enter");
  const usage = lastAnswer(page).getByLabel("Usage and timings");
  await expect(usage).toContainText(`Prompt${estimate.toLocaleString("en-US")}`, { timeout: 30_000 });
  await expect(usage).toContainText("(=)");
  // The attachments belong to the sent message and are replayed with the history.
  const sent = page.getByRole("article", { name: "User message" }).last();
  await expect(sent.getByRole("img", { name: /poster\.png/ })).toBeVisible();
  await composer.fill("And now?");
  await expect.poll(() => tokenTotal(page)).toBeGreaterThan(estimate);
});

test("validation names the limit and the way out, and an oversized image is downscaled in one click", async ({ page }) => {
  await openWorkbench(page);
  await page.locator("#model-select").selectOption("kimi-k2.6");
  const tiny = await drawPng(page, { width: 8, height: 40 });
  const wide = await drawPng(page, { width: 4200, height: 20 });
  const huge = await drawPng(page, { width: 5000, height: 3000 });
  await page.getByLabel("Attach files").setInputFiles([
    { name: "tiny.png", mimeType: "image/png", buffer: tiny },
    { name: "wide.png", mimeType: "image/png", buffer: wide },
    { name: "huge.png", mimeType: "image/png", buffer: huge },
    { name: "short.webm", mimeType: "video/webm", buffer: readFileSync("lib/media/__fixtures__/clip-2.5s-176x144.webm") },
  ]);
  await expect(attachmentCard(page, "short.webm").getByTestId("attachment-facts")).toContainText("176×144");
  await expect(attachmentCard(page, "short.webm").getByTestId("attachment-facts")).toContainText("0:02.5");
  await expect(attachmentCard(page, "tiny.png")).toContainText(/larger than 10 px/);
  await expect(attachmentCard(page, "wide.png")).toContainText(/200:1/);
  const hugeCard = attachmentCard(page, "huge.png");
  await expect(hugeCard).toContainText(/4K|3840|4096/);
  const send = page.getByRole("button", { name: "Send" });
  await page.getByRole("textbox", { name: "Message", exact: true }).fill("Look");
  await expect(send).toBeDisabled();
  await expect(page.getByText(/Not sendable yet: (tiny|wide)\.png/)).toBeVisible();

  await attachmentCard(page, "tiny.png").getByRole("button", { name: "Remove tiny.png" }).click();
  await attachmentCard(page, "wide.png").getByRole("button", { name: "Remove wide.png" }).click();
  await hugeCard.getByRole("button", { name: /Downscale/ }).click();
  // The downscaled copy replaces the original, named for its new size.
  const downscaled = page.getByRole("listitem", { name: "Attachment huge-3600x2160.png" });
  await expect(downscaled.getByTestId("attachment-facts")).toContainText(/^3600×2160 · /);
  await expect(downscaled.getByRole("button", { name: /Downscale/ })).toHaveCount(0);
  await expect(send).toBeEnabled();
});

/** The MP4 fixture padded with a `free` box to `bytes` (players and the simulator skip it). */
function paddedVideo(bytes: number): Buffer {
  const padding = Buffer.alloc(bytes - videoFixture.length);
  padding.writeUInt32BE(padding.length, 0);
  padding.write("free", 4, "latin1");
  return Buffer.concat([videoFixture, padding]);
}

test("a video too large for base64 is uploaded to Moonshot's files API with progress, sent as ms://, and billed as estimated", async ({ page, context }) => {
  await openWorkbench(page);
  await page.locator("#provider-select").selectOption("moonshot");
  await page.locator("#model-select").selectOption("kimi-k2.6");
  // Slow uploads down so the progress bar is seen moving (loopback is otherwise instant).
  const devtools = await context.newCDPSession(page);
  await devtools.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 4 * 1024 * 1024 });
  await page.getByLabel("Attach files").setInputFiles([{ name: "long-take.mp4", mimeType: "video/mp4", buffer: paddedVideo(9 * 1024 * 1024) }]);
  const card = attachmentCard(page, "long-take.mp4");
  const progress = card.getByRole("progressbar", { name: "Uploading" });
  await expect(progress).toHaveAttribute("aria-valuenow", /^([1-9]|[1-9]\d)$/);
  await expect(page.getByText(/Not sendable yet: long-take\.mp4: uploading/)).toBeVisible();
  await expect(card.getByTestId("attachment-facts")).toContainText(/sent as ms:\/\/file-/, { timeout: 30_000 });
  await devtools.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  const composer = page.getByRole("textbox", { name: "Message", exact: true });
  await composer.fill("What happens in this clip?");
  await expect(page.getByTestId("token-total")).toHaveAttribute("data-exact", "true");
  const estimate = await tokenTotal(page);
  await composer.press("Enter");
  await expect(lastAnswer(page).getByLabel("Usage and timings")).toContainText(`Prompt${estimate.toLocaleString("en-US")}`, { timeout: 30_000 });

  // The Files panel lists the upload and deletes it.
  await page.getByRole("button", { name: "Files", exact: true }).click();
  const panel = page.getByRole("dialog", { name: /Files/ });
  const row = panel.getByRole("row", { name: /long-take\.mp4/ });
  await expect(row).toContainText("video");
  await row.getByRole("button", { name: /Delete/ }).click();
  await expect(panel.getByRole("row", { name: /long-take\.mp4/ })).toHaveCount(0);
});

test("a document becomes context through file-extract: its text goes into a system message", async ({ page }) => {
  await openWorkbench(page);
  await page.locator("#provider-select").selectOption("moonshot");
  await page.locator("#model-select").selectOption("kimi-k2.6");
  const notes = "# Release notes\n\nThe launch moves to Friday, 14:00 CET. Owner: Mei.";
  await page.getByLabel("Attach files").setInputFiles([{ name: "notes.md", mimeType: "text/markdown", buffer: Buffer.from(notes) }]);
  const card = attachmentCard(page, "notes.md");
  await expect(card).toContainText(/characters extracted \(file file-/);
  await page.getByRole("textbox", { name: "Message", exact: true }).fill("When is the launch?");
  await page.getByRole("button", { name: /^What will be sent/ }).click();
  const preview = page.getByRole("region", { name: "What will be sent" });
  await expect(preview).toContainText('"role": "system"');
  await expect(preview).toContainText("The launch moves to Friday");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("article", { name: "User message" }).last()).toContainText("notes.md");
});

test("files attach by drag and drop and by paste, and can be removed", async ({ page }) => {
  await openWorkbench(page);
  await page.locator("#model-select").selectOption("kimi-k2.6");
  const png = [...(await drawPng(page, { width: 300, height: 200 }))];
  await page.evaluate((bytes) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], "dropped.png", { type: "image/png" }));
    const form = document.querySelector('form[aria-label="Compose a message"]')!;
    form.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    form.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, png);
  await expect(attachmentCard(page, "dropped.png").getByTestId("attachment-facts")).toContainText("300×200");
  await page.evaluate((bytes) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], "pasted.png", { type: "image/png" }));
    document.querySelector('textarea[aria-label="Message"]')!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, png);
  await expect(attachmentCard(page, "pasted.png").getByTestId("attachment-facts")).toContainText("300×200");
  await attachmentCard(page, "dropped.png").getByRole("button", { name: "Remove dropped.png" }).click();
  await expect(attachmentCard(page, "dropped.png")).toHaveCount(0);
  await expect(attachmentCard(page, "pasted.png")).toHaveCount(1);
  // Attachments of the message being written survive a reload (bytes in IndexedDB).
  await page.reload();
  await expect(attachmentCard(page, "pasted.png").getByRole("img", { name: "pasted.png" })).toBeVisible();
});
