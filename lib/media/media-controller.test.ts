import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "@/lib/i18n/messages";
import { findModelSpec } from "@/lib/catalog/model-catalog";
import type { Attachment, ImageAttachment, VideoAttachment } from "@/lib/conversation/attachment-types";
import type { Conversation } from "@/lib/conversation/conversation-types";
import { mediaCache, mediaStepLabels } from "./media-cache";
import { MediaController, type MediaHost } from "./media-controller";

const image: ImageAttachment = { id: "img", kind: "image", name: "chart.png", mediaType: "image/png", bytes: 2_000, blobKey: "k-img", width: 640, height: 480 };
const video: VideoAttachment = { id: "vid", kind: "video", name: "clip.mp4", mediaType: "video/mp4", bytes: 50_000, blobKey: "k-vid", width: 320, height: 240, durationSeconds: 3, decodable: true, fps: 2, maxFrames: 2000, delivery: "file" };

/** A controller over a conversation held in a variable, as the store holds it. */
function controllerFor(draftAttachments: Attachment[], options: { providerId?: Conversation["providerId"]; model?: string; bodyLength?: number; gatewayMax?: number } = {}) {
  let conversation: Conversation = { id: "c", providerId: options.providerId ?? "moonshot", model: options.model ?? "kimi-k2.6", systemPrompt: "", parameters: {}, draft: "What is this?", draftAttachments, turns: [], updatedAt: 1 };
  const host: MediaHost = {
    conversation: () => conversation,
    specFor: ({ providerId, model }) => findModelSpec({ providerId, modelId: model })!,
    hasFilesApi: (providerId) => providerId === "moonshot",
    apiKey: () => undefined,
    updateDraftAttachments: (update) => (conversation = { ...conversation, draftAttachments: update(conversation.draftAttachments) }),
    setAttachNotice: () => undefined,
    selectProvider: () => undefined,
    displayBodyLength: () => options.bodyLength ?? 500,
    gatewayMaxBodyBytes: () => options.gatewayMax,
  };
  return { controller: new MediaController(host), current: () => conversation };
}

describe("MediaController", () => {
  it("lets a message with good attachments go", () => {
    const { controller } = controllerFor([image, video]);
    expect(controller.draftBlocker()).toBeUndefined();
    expect(controller.checkDraftAttachments().get("vid")?.delivery).toEqual({ kind: "inline" });
  });

  it("names the attachment and its problem, with the limit", () => {
    const { controller } = controllerFor([image, { ...image, id: "tiny", name: "tiny.png", width: 8, height: 300 }]);
    expect(controller.draftBlocker()?.reason).toBe("tiny.png: The image is 8×300 px; each side must be larger than 10 px. Use a larger image.");
  });

  it("waits for frames before a video sent as frames can go", () => {
    const { controller } = controllerFor([{ ...video, delivery: "frames" }]);
    expect(controller.draftBlocker()?.reason).toBe("clip.mp4: frames are not extracted yet.");
  });

  it("waits while a task on an attachment runs, and not once it failed", () => {
    const { controller } = controllerFor([image]);
    mediaCache.setTask("img", { done: 1, total: 4, step: "uploading" });
    expect(controller.draftBlocker()?.reason).toBe("chart.png: uploading…");
    mediaCache.setTask("img", { done: 1, total: 4, step: "uploadFailed", error: { message: "HTTP 500" } });
    expect(controller.draftBlocker()).toBeUndefined();
    mediaCache.setTask("img", undefined);
  });

  it("refuses a request over the gateway's body limit, naming the limit and the ways out", () => {
    const { controller } = controllerFor([{ ...image, bytes: 3 * 1024 * 1024 }], { gatewayMax: 1024 * 1024 });
    expect(controller.draftBlocker()?.reason).toMatch(/^The request would be about 4\.0 MB; this server takes request bodies up to 1\.0 MB \(GATEWAY_MAX_BODY_MB\)\. Upload large files/);
  });

  it("gives each reason a catalog code whose English is the reason's own", () => {
    const english = createTranslator({ locale: "en", messages: messagesFor("en") }) as unknown as (key: string, values: Record<string, string>) => string;
    const blockers = [
      controllerFor([{ ...video, delivery: "frames" }]).controller.draftBlocker()!,
      controllerFor([{ ...image, bytes: 3 * 1024 * 1024 }], { gatewayMax: 1024 * 1024 }).controller.draftBlocker()!,
      controllerFor([{ ...image, id: "tiny", name: "tiny.png", width: 8, height: 300 }]).controller.draftBlocker()!,
    ];
    expect(blockers.map((blocker) => blocker.reasons.map((reason) => reason.code))).toEqual([["frames-pending"], ["request-size"], ["media-issue"]]);
    for (const reason of blockers.flatMap((blocker) => blocker.reasons)) {
      const worded = reason.issue ? `${reason.values.name}: ${english(`mediaIssues.${reason.issue.code}`, reason.issue.values)}` : english(`blockers.${reason.code}`, reason.values);
      expect(worded).toBe(reason.message);
    }
  });

  it("names each step of the work as the catalog's English does", () => {
    const english = createTranslator({ locale: "en", messages: messagesFor("en") }) as unknown as (key: string) => string;
    for (const [step, label] of Object.entries(mediaStepLabels)) expect(english(`mediaTask.${step}`)).toBe(label);
    expect(Object.keys(mediaStepLabels).sort()).toEqual(Object.keys(messagesFor("en").mediaTask).sort());
  });

  it("changes an attachment in the conversation it belongs to", () => {
    const { controller, current } = controllerFor([video]);
    controller.updateDraftAttachment("vid", { fps: 0.5 });
    expect(current().draftAttachments).toEqual([{ ...video, fps: 0.5 }]);
    controller.removeDraftAttachment("vid");
    expect(current().draftAttachments).toEqual([]);
  });
});
