import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import { openWorkbench } from "./support/workbench-page";

const videoFixture = readFileSync("lib/media/__fixtures__/clip-3s-320x240.mp4");

test("images and a video: fps and max_frames move the frame strip and the estimate; the simulator bills what was estimated", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await workbench.selectModel("kimi-k2.6");
  const composer = workbench.composer;
  await composer.fill("Describe the picture and the clip.");
  const textOnly = page.getByTestId("token-total");
  await expect(textOnly).toHaveAttribute("data-tokens", /^\d+$/);
  const before = await workbench.tokenTotal();

  const png = await workbench.drawPng({ width: 1920, height: 1080 });
  await workbench.attach([
    { name: "poster.png", mimeType: "image/png", buffer: png },
    { name: "clip.mp4", mimeType: "video/mp4", buffer: videoFixture },
  ]);
  const image = workbench.attachmentCard("poster.png");
  const video = workbench.attachmentCard("clip.mp4");
  await expect(image.getByTestId("attachment-facts")).toContainText("1920×1080");
  await expect(image.getByTestId("attachment-facts")).toContainText("≈2,695 tokens");
  await expect(video.getByTestId("attachment-facts")).toContainText("320×240");
  await expect(video.getByTestId("attachment-facts")).toContainText("0:03.0");

  // 3 s at the default 2 fps: 6 frames, thumbnails captured in this browser.
  const strip = video.getByTestId("frame-strip");
  await expect(strip).toHaveAttribute("data-frame-count", "6");
  await expect(video.getByTestId("frame-summary")).toContainText("6 frames, one every 0.5 s");
  await expect(strip.getByRole("img", { name: /^Frame 1 at 0:00\.0$/ })).toBeVisible();
  await expect.poll(() => workbench.tokenTotal()).toBeGreaterThan(before + 2695);
  const withSixFrames = await workbench.tokenTotal();

  // fps 4 → 12 frames (3 chunks of 4) and a larger estimate.
  await video.getByLabel("fps").fill("4");
  await expect(strip).toHaveAttribute("data-frame-count", "12");
  await expect.poll(() => workbench.tokenTotal()).toBeGreaterThan(withSixFrames);
  const withTwelveFrames = await workbench.tokenTotal();

  // As a file, this provider ignores max_frames, and says so; as frames, the workbench enforces it.
  await video.getByLabel("max_frames").fill("5");
  await expect(video.getByTestId("frame-summary")).toContainText("ignores max_frames for a video file");
  await expect(strip).toHaveAttribute("data-frame-count", "12");
  await video.getByLabel("Send as frames").check();
  await expect(strip).toHaveAttribute("data-frame-count", "5");
  await expect(video.getByTestId("frame-summary")).toContainText("5 frames spread evenly over 0:03.0");
  await expect(video.getByTestId("attachment-facts")).toContainText("sent as 5 frames");
  await expect(video.getByTestId("attachment-facts")).not.toContainText("extracting");
  await expect.poll(() => workbench.tokenTotal()).toBeLessThan(withTwelveFrames);

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
  const estimate = await workbench.tokenTotal();
  // The local count (BPE text, MoonViT media) agrees with the provider's count on the simulator.
  await expect(breakdown).toContainText(`≈${estimate.toLocaleString("en-US")}`);
  await composer.press("Enter");
  const usage = workbench.lastAnswer().getByLabel("Usage and timings");
  await expect(usage).toContainText(`Prompt${estimate.toLocaleString("en-US")}`, { timeout: 30_000 });
  await expect(usage).toContainText("(=)");
  // The attachments belong to the sent message and are replayed with the history.
  const sent = workbench.userMessages.last();
  await expect(sent.getByRole("img", { name: /poster\.png/ })).toBeVisible();
  await composer.fill("And now?");
  await expect.poll(() => workbench.tokenTotal()).toBeGreaterThan(estimate);
});

test("validation names the limit and the way out, and an oversized image is downscaled in one click", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await workbench.selectModel("kimi-k2.6");
  const tiny = await workbench.drawPng({ width: 8, height: 40 });
  const wide = await workbench.drawPng({ width: 4200, height: 20 });
  const huge = await workbench.drawPng({ width: 5000, height: 3000 });
  await workbench.attach([
    { name: "tiny.png", mimeType: "image/png", buffer: tiny },
    { name: "wide.png", mimeType: "image/png", buffer: wide },
    { name: "huge.png", mimeType: "image/png", buffer: huge },
    { name: "short.webm", mimeType: "video/webm", buffer: readFileSync("lib/media/__fixtures__/clip-2.5s-176x144.webm") },
  ]);
  await expect(workbench.attachmentCard("short.webm").getByTestId("attachment-facts")).toContainText("176×144");
  await expect(workbench.attachmentCard("short.webm").getByTestId("attachment-facts")).toContainText("0:02.5");
  await expect(workbench.attachmentCard("tiny.png")).toContainText(/larger than 10 px/);
  await expect(workbench.attachmentCard("wide.png")).toContainText(/200:1/);
  const hugeCard = workbench.attachmentCard("huge.png");
  await expect(hugeCard).toContainText(/4K|3840|4096/);
  const send = page.getByRole("button", { name: "Send" });
  await workbench.composer.fill("Look");
  await expect(send).toBeDisabled();
  // Both bad images are named, not only the first.
  await expect(page.getByText(/Not sendable yet, \d+ problems:/)).toBeVisible();
  await expect(page.getByRole("list", { name: "Why it cannot be sent" })).toContainText("tiny.png");
  await expect(page.getByRole("list", { name: "Why it cannot be sent" })).toContainText("wide.png");

  await workbench.attachmentCard("tiny.png").getByRole("button", { name: "Remove tiny.png" }).click();
  await workbench.attachmentCard("wide.png").getByRole("button", { name: "Remove wide.png" }).click();
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
  const workbench = await openWorkbench(page);
  await workbench.selectProvider("moonshot");
  await workbench.selectModel("kimi-k2.6");
  // Slow uploads down so the progress bar is seen moving (loopback is otherwise instant).
  const devtools = await context.newCDPSession(page);
  await devtools.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 4 * 1024 * 1024 });
  await workbench.attach([{ name: "long-take.mp4", mimeType: "video/mp4", buffer: paddedVideo(9 * 1024 * 1024) }]);
  const card = workbench.attachmentCard("long-take.mp4");
  const progress = card.getByRole("progressbar", { name: "Uploading" });
  await expect(progress).toHaveAttribute("aria-valuenow", /^([1-9]|[1-9]\d)$/);
  await expect(page.getByText(/Not sendable yet: long-take\.mp4: uploading/)).toBeVisible();
  await expect(card.getByTestId("attachment-facts")).toContainText(/sent as ms:\/\/file-/, { timeout: 30_000 });
  await devtools.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  const composer = workbench.composer;
  await composer.fill("What happens in this clip?");
  await expect(page.getByTestId("token-total")).toHaveAttribute("data-exact", "true");
  const estimate = await workbench.tokenTotal();
  await composer.press("Enter");
  await expect(workbench.lastAnswer().getByLabel("Usage and timings")).toContainText(`Prompt${estimate.toLocaleString("en-US")}`, { timeout: 30_000 });

  // The Files panel lists the upload and deletes it.
  await page.getByRole("button", { name: "Files", exact: true }).click();
  const panel = page.getByRole("dialog", { name: /Files/ });
  const row = panel.getByRole("row", { name: /long-take\.mp4/ });
  await expect(row).toContainText("video");
  await row.getByRole("button", { name: /Delete/ }).click();
  await expect(panel.getByRole("row", { name: /long-take\.mp4/ })).toHaveCount(0);
});

test("a document becomes context through file-extract: its text goes into a system message", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await workbench.selectProvider("moonshot");
  await workbench.selectModel("kimi-k2.6");
  const notes = "# Release notes\n\nThe launch moves to Friday, 14:00 CET. Owner: Mei.";
  await workbench.attach([{ name: "notes.md", mimeType: "text/markdown", buffer: Buffer.from(notes) }]);
  const card = workbench.attachmentCard("notes.md");
  await expect(card).toContainText(/characters extracted \(file file-/);
  await workbench.composer.fill("When is the launch?");
  await page.getByRole("button", { name: /^What will be sent/ }).click();
  const preview = page.getByRole("region", { name: "What will be sent" });
  await expect(preview).toContainText('"role": "system"');
  await expect(preview).toContainText("The launch moves to Friday");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible({ timeout: 30_000 });
  await expect(workbench.userMessages.last()).toContainText("notes.md");
});

test("files attach by drag and drop and by paste, and can be removed", async ({ page }) => {
  const workbench = await openWorkbench(page);
  await workbench.selectModel("kimi-k2.6");
  const png = [...(await workbench.drawPng({ width: 300, height: 200 }))];
  await page.evaluate((bytes) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], "dropped.png", { type: "image/png" }));
    const form = document.querySelector('form[aria-label="Compose a message"]')!;
    form.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    form.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, png);
  await expect(workbench.attachmentCard("dropped.png").getByTestId("attachment-facts")).toContainText("300×200");
  await page.evaluate((bytes) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], "pasted.png", { type: "image/png" }));
    document.querySelector('textarea[aria-label="Message"]')!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, png);
  await expect(workbench.attachmentCard("pasted.png").getByTestId("attachment-facts")).toContainText("300×200");
  await workbench.attachmentCard("dropped.png").getByRole("button", { name: "Remove dropped.png" }).click();
  await expect(workbench.attachmentCard("dropped.png")).toHaveCount(0);
  await expect(workbench.attachmentCard("pasted.png")).toHaveCount(1);
  // Attachments of the message being written survive a reload (bytes in IndexedDB).
  await page.reload();
  await expect(workbench.attachmentCard("pasted.png").getByRole("img", { name: "pasted.png" })).toBeVisible();
});

test("every problem of every attachment is listed, an image too thin and too narrow says both, and an fps out of range is flagged instead of computed", async ({ page }) => {
  const workbench = await openWorkbench(page, { model: "kimi-k2.6" });
  await workbench.attach([
    { name: "strip.png", mimeType: "image/png", buffer: await workbench.drawPng({ width: 4000, height: 10 }) },
    { name: "dot.png", mimeType: "image/png", buffer: await workbench.drawPng({ width: 8, height: 8 }) },
    { name: "clip.mp4", mimeType: "video/mp4", buffer: videoFixture },
  ]);
  await expect(workbench.attachmentCard("clip.mp4").getByTestId("attachment-facts")).toContainText("320×240");
  await workbench.composer.fill("What are these?");
  const problems = page.getByRole("list", { name: "Why it cannot be sent" }).getByRole("listitem");
  await expect(problems).toHaveText([
    "strip.png: The image is 4000×10 px; each side must be larger than 10 px. Use a larger image.",
    "strip.png: The image's aspect ratio is 400:1; the limit is 200:1. Crop it closer to square.",
    "dot.png: The image is 8×8 px; each side must be larger than 10 px. Use a larger image.",
  ]);
  const video = workbench.attachmentCard("clip.mp4");
  await video.getByLabel("fps").fill("20");
  await expect(video.getByTestId("frame-summary")).toHaveText(/^fps 20 is outside 0\.1 – 10\. No frames or tokens are worked out from a value the provider refuses\.$/);
  await expect(video.getByTestId("frame-strip")).toHaveCount(0);
  await expect(problems).toHaveCount(4);
  await expect(problems.nth(3)).toContainText("clip.mp4: fps is 20; it must be from");
});
