import type { CodedMessage } from "@/lib/wire/coded-message";
import type { ModelSpec, ProviderId } from "@/lib/catalog/catalog-types";
import { mediaKindOf } from "@/lib/catalog/media-limits";
import type { Attachment, MediaAttachment, VideoAttachment } from "@/lib/conversation/attachment-types";
import type { Conversation } from "@/lib/conversation/conversation-types";
import { createId } from "@/lib/conversation/create-id";
import { attachmentsOf } from "@/lib/conversation/read-conversation";
import { otherVersionAttachments } from "@/lib/conversation/turn-versions";
import { currentFrames } from "./attachment-parts";
import { mediaCache, mediaStepLabels, type TaskProgress } from "./media-cache";
import { checkMediaAttachment, checkRequestSize, inlineMediaBytes, type MediaFix, type MediaIssue } from "./media-rules";
import { workbenchMessageOf } from "@/lib/wire/coded-message";

/** The media module that does the heavy work (IndexedDB, decoding, uploads), loaded on first use. */
function loadMediaWork() {
  return import("./media-work");
}

/** What the media controller needs from whoever holds the conversation (the store, or a run). */
export interface MediaHost {
  /** The conversation whose message is being written. */
  conversation(): Conversation;
  /** The selected model's facts (the catalog's, or what the provider lists). */
  specFor(conversation: Pick<Conversation, "providerId" | "model">): ModelSpec;
  /** Whether the provider has a files API (documents go through file-extract). */
  hasFilesApi(providerId: ProviderId): boolean;
  /** The key the user pasted for the provider, if any. */
  apiKey(providerId: ProviderId): string | undefined;
  /** Changes the message's attachments; `saveNow` for changes that must survive a reload at once. */
  updateDraftAttachments(update: (attachments: Attachment[]) => Attachment[], options?: { saveNow?: boolean }): void;
  /** A problem with attaching files, shown by the composer (undefined clears it). */
  setAttachNotice(notice: CodedMessage[] | undefined): void;
  /** Switches provider (a one-click fix for a format the provider does not take). */
  selectProvider(providerId: ProviderId): void;
  /** Length of the next request's body as shown (media as placeholders), for the size check. */
  displayBodyLength(conversation: Conversation): number;
  /** The gateway's body limit (GATEWAY_MAX_BODY_MB). */
  gatewayMaxBodyBytes(): number | undefined;
}

/** Why the message being written cannot be sent yet, if it cannot. */
export interface DraftBlocker {
  /** Every reason, in English, in one sentence. */
  reason: string;
  /** Each problem on its own (every bad attachment, every problem it has). */
  reasons: BlockerReason[];
}

/** One reason a message cannot be sent: English, and a catalog code (`blockers.<code>`) with its values for the page. */
export interface BlockerReason extends CodedMessage {
  code: "reading" | "task" | "document-provider" | "media-issue" | "needs-upload" | "frames-pending" | "request-size";
  /** For `media-issue`: the attachment's problem, worded by its own code. */
  issue?: MediaIssue;
}

function blockedBy(reasons: BlockerReason[]): DraftBlocker {
  return { reason: reasons.map((reason) => reason.message).join(" "), reasons };
}

interface FrameJob {
  controller: AbortController;
  /** The fps and max_frames the frames are being cut for. */
  settings: string;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * The attachment jobs of one conversation's message: reading picked, dropped and pasted files,
 * uploads, frame extraction (debounced, re-run when fps or max_frames change), downscaling,
 * documents' texts, and what keeps the message from being sent.
 */
export class MediaController {
  private readonly frameJobs = new Map<string, FrameJob>();
  private readonly uploads = new Set<string>();
  private sizeMemo: { conversation: Conversation; textsVersion: number; problem: ReturnType<typeof checkRequestSize> } | undefined;

  constructor(private readonly host: MediaHost) {}

  /** What is wrong with each attachment of the message being written, and how it will be sent. */
  checkDraftAttachments(conversation = this.host.conversation()): Map<string, ReturnType<typeof checkMediaAttachment>> {
    const spec = this.host.specFor(conversation);
    const results = new Map<string, ReturnType<typeof checkMediaAttachment>>();
    for (const attachment of conversation.draftAttachments) {
      if (attachment.kind === "document") continue;
      results.set(attachment.id, checkMediaAttachment({ attachment, providerId: conversation.providerId, spec }));
    }
    return results;
  }

  /** Why the message being written cannot be sent now (media problems, uploads or extraction running, size). */
  draftBlocker(conversation = this.host.conversation()): DraftBlocker | undefined {
    if (mediaCache.incoming.some((file) => !file.error)) return blockedBy([{ message: "Attachments are still being read.", code: "reading", values: {} }]);
    const checks = this.checkDraftAttachments(conversation);
    const problems: BlockerReason[] = [];
    for (const attachment of conversation.draftAttachments) {
      const task = mediaCache.tasks.get(attachment.id);
      if (task && !task.error) return blockedBy([{ message: `${attachment.name}: ${mediaStepLabels[task.step].toLowerCase()}…`, code: "task", values: { name: attachment.name, task: task.step } }]);
      if (attachment.kind === "document") {
        if (attachment.upload.providerId !== conversation.providerId) {
          return blockedBy([
            {
              message: `${attachment.name} was extracted through ${attachment.upload.providerId}; documents go into a system message, so this works on any provider, but its text is not loaded.`,
              code: "document-provider",
              values: { name: attachment.name, provider: attachment.upload.providerId },
            },
          ]);
        }
        continue;
      }
      const checked = checks.get(attachment.id)!;
      // Every problem of every attachment, not only the first one found.
      const errors = checked.issues.filter((issue: MediaIssue) => issue.severity === "error");
      if (errors.length > 0) {
        problems.push(...errors.map((issue) => ({ message: `${attachment.name}: ${issue.message}`, code: "media-issue" as const, values: { name: attachment.name }, issue })));
        continue;
      }
      if (checked.delivery.kind === "needs-upload") problems.push({ message: `${attachment.name} has to be uploaded first.`, code: "needs-upload", values: { name: attachment.name } });
      else if (attachment.kind === "video" && attachment.delivery === "frames" && !currentFrames(attachment)) problems.push({ message: `${attachment.name}: frames are not extracted yet.`, code: "frames-pending", values: { name: attachment.name } });
    }
    if (problems.length > 0) return blockedBy(problems);
    const tooLarge = this.requestSizeProblem(conversation);
    return tooLarge ? blockedBy([{ message: tooLarge.message, code: "request-size", values: tooLarge.values }]) : undefined;
  }

  /**
   * Whether the next request would exceed the provider's or the gateway's body limit. Remembered per
   * conversation state: the composer asks on every render, and the answer needs the whole body.
   */
  private requestSizeProblem(conversation: Conversation): ReturnType<typeof checkRequestSize> {
    const memo = this.sizeMemo;
    if (memo && memo.conversation === conversation && memo.textsVersion === mediaCache.textsVersion) return memo.problem;
    const media = attachmentsOf(conversation).filter((attachment): attachment is MediaAttachment => attachment.kind !== "document");
    let problem: ReturnType<typeof checkRequestSize>;
    if (media.length > 0) {
      // The body on screen holds placeholders; the real one holds the media as base64.
      const requestBytes = this.host.displayBodyLength(conversation) + inlineMediaBytes({ attachments: media, providerId: conversation.providerId });
      problem = checkRequestSize({ requestBytes, providerId: conversation.providerId, gatewayMaxBytes: this.host.gatewayMaxBodyBytes() });
    }
    this.sizeMemo = { conversation, textsVersion: mediaCache.textsVersion, problem };
    return problem;
  }

  /** Attaches picked, dropped or pasted files: pictures and videos as media, documents through file-extract. */
  async attachFiles(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    const work = await loadMediaWork();
    const { providerId } = this.host.conversation();
    const problems: CodedMessage[] = [];
    // Files are read at the same time but join the message in the order they were given.
    const done: Array<{ attachment?: Attachment } | undefined> = files.map(() => undefined);
    let flushed = 0;
    const finish = (index: number, attachment?: Attachment) => {
      done[index] = { attachment };
      while (flushed < done.length && done[flushed]) {
        const ready = done[flushed]!.attachment;
        if (ready) this.addDraftAttachment(ready);
        flushed += 1;
      }
    };
    await Promise.all(
      files.map(async (file, index) => {
        let attachment: Attachment | undefined;
        const id = createId();
        const incoming = { id, name: file.name || "pasted file" };
        mediaCache.setIncoming([...mediaCache.incoming, incoming]);
        const setIncoming = (changes: Partial<typeof incoming> & { progress?: TaskProgress; error?: string }) =>
          mediaCache.setIncoming(mediaCache.incoming.map((entry) => (entry.id === id ? { ...entry, ...changes } : entry)));
        try {
          if (work.isDocumentFile(file)) {
            if (!this.host.hasFilesApi(providerId)) {
              problems.push({ message: `${file.name} is a document; documents are turned into text by Moonshot's file-extract, which only the Moonshot API and the simulator offer. Switch to one of them to attach it.`, code: "document-no-extract", values: { name: file.name } });
              return;
            }
            const read = await work.readDocumentFile({ file, id, providerId, apiKey: this.host.apiKey(providerId), onProgress: (progress) => setIncoming({ progress }) });
            if (!read.ok) {
              problems.push({ message: read.message, code: read.code, values: read.values, ...(read.problem ? { problem: read.problem } : {}) });
              return;
            }
            attachment = read.attachment;
            return;
          }
          if (!mediaKindOf({ mediaType: file.type, name: file.name })) {
            problems.push({ message: `${file.name || "The pasted file"} is not an image, a video or a document the workbench can attach (type "${file.type || "unknown"}").`, code: "not-attachable", values: { name: file.name, type: file.type || "unknown" } });
            return;
          }
          attachment = await work.readMediaFile({ file, id, spec: this.host.specFor(this.host.conversation()) });
        } catch (error) {
          const problem = error instanceof Error ? error.message : String(error);
          problems.push({ message: `${file.name} could not be read: ${problem}`, code: "unreadable", values: { name: file.name, problem } });
        } finally {
          finish(index, attachment);
          mediaCache.setIncoming(mediaCache.incoming.filter((entry) => entry.id !== id));
        }
      }),
    );
    this.host.setAttachNotice(problems.length > 0 ? problems : undefined);
  }

  private addDraftAttachment(attachment: Attachment): void {
    this.host.updateDraftAttachments((attachments) => [...attachments, attachment], { saveNow: true });
    this.reconcile();
  }

  /** Removes an attachment from the message being written. */
  removeDraftAttachment(attachmentId: string): void {
    this.cancelFrameJob(attachmentId);
    mediaCache.setTask(attachmentId, undefined);
    this.host.updateDraftAttachments((attachments) => attachments.filter((attachment) => attachment.id !== attachmentId), { saveNow: true });
  }

  /** Changes an attachment of the message being written (a video's fps, max_frames or delivery). */
  updateDraftAttachment(attachmentId: string, changes: Partial<VideoAttachment> | Partial<MediaAttachment>): void {
    this.host.updateDraftAttachments((attachments) => attachments.map((attachment) => (attachment.id === attachmentId ? ({ ...attachment, ...changes } as Attachment) : attachment)));
    this.reconcile();
  }

  /** Applies a one-click fix offered for an attachment problem. */
  async applyMediaFix({ attachmentId, fix }: { attachmentId: string; fix: MediaFix }): Promise<void> {
    const attachment = this.host.conversation().draftAttachments.find((candidate) => candidate.id === attachmentId);
    if (!attachment || attachment.kind === "document") return;
    if (fix.kind === "switch-provider") return this.host.selectProvider(fix.providerId);
    if (fix.kind === "send-as-frames" || fix.kind === "send-as-file") {
      if (attachment.kind === "video") this.updateDraftAttachment(attachmentId, { delivery: fix.kind === "send-as-frames" ? "frames" : "file" });
      return;
    }
    if (fix.kind === "upload") return this.uploadDraftAttachment(attachmentId);
    if (fix.kind === "downscale" && attachment.kind === "image") {
      const work = await loadMediaWork();
      mediaCache.setTask(attachmentId, { done: 0, total: 1, step: "downscaling" });
      try {
        const changes = await work.downscaleAttachment({ attachment, width: fix.width, height: fix.height });
        mediaCache.setTask(attachmentId, undefined);
        this.updateDraftAttachment(attachmentId, changes);
      } catch (error) {
        mediaCache.setTask(attachmentId, { done: 0, total: 1, step: "downscaleFailed", error: workbenchMessageOf(error) });
      }
    }
  }

  /** Uploads a picture or video to the selected provider's files API (then it is sent as ms://). */
  async uploadDraftAttachment(attachmentId: string): Promise<void> {
    const { draftAttachments, providerId } = this.host.conversation();
    const attachment = draftAttachments.find((candidate) => candidate.id === attachmentId);
    if (!attachment || attachment.kind === "document" || this.uploads.has(attachmentId)) return;
    this.uploads.add(attachmentId);
    try {
      const work = await loadMediaWork();
      const uploaded = await work.uploadMedia({ attachment, providerId, apiKey: this.host.apiKey(providerId) });
      if (uploaded.ok) this.updateDraftAttachment(attachmentId, { upload: uploaded.upload });
    } finally {
      this.uploads.delete(attachmentId);
    }
  }

  /** Clears a failed task so it can run again (a failed upload or frame extraction). */
  retryAttachmentTask(attachmentId: string): void {
    mediaCache.setTask(attachmentId, undefined);
    this.reconcile();
  }

  /**
   * Starts what the message's attachments need: uploads for videos too large to inline (where the
   * provider has a files API) and frame extraction for videos sent as frames (re-run, debounced,
   * when fps or max_frames change).
   */
  reconcile(): void {
    const conversation = this.host.conversation();
    const checks = this.checkDraftAttachments(conversation);
    for (const attachment of conversation.draftAttachments) {
      if (attachment.kind === "document" || mediaCache.tasks.get(attachment.id)?.error) continue;
      if (checks.get(attachment.id)?.delivery.kind === "needs-upload") void this.uploadDraftAttachment(attachment.id);
      if (attachment.kind !== "video") continue;
      const wantsFrames = attachment.delivery === "frames" && attachment.decodable && !currentFrames(attachment);
      if (wantsFrames) this.scheduleFrameJob(attachment);
      else this.cancelFrameJob(attachment.id);
    }
  }

  private scheduleFrameJob(video: VideoAttachment): void {
    const settings = `${video.fps}|${video.maxFrames}`;
    if (this.frameJobs.get(video.id)?.settings === settings) return;
    this.cancelFrameJob(video.id);
    const job: FrameJob = { controller: new AbortController(), settings };
    // Typing "10" in the fps field passes through "1": wait for the value to settle.
    job.timer = setTimeout(async () => {
      const work = await loadMediaWork();
      const extracted = await work.extractVideoFrames({ attachment: video, signal: job.controller.signal });
      if (this.frameJobs.get(video.id) === job) this.frameJobs.delete(video.id);
      if (!extracted.ok || job.controller.signal.aborted) return;
      this.host.updateDraftAttachments(
        (attachments) =>
          attachments.map((candidate) =>
            candidate.id === video.id && candidate.kind === "video" && candidate.fps === video.fps && candidate.maxFrames === video.maxFrames ? { ...candidate, frames: extracted.frames } : candidate,
          ),
        { saveNow: true },
      );
    }, 400);
    this.frameJobs.set(video.id, job);
  }

  private cancelFrameJob(attachmentId: string): void {
    const job = this.frameJobs.get(attachmentId);
    if (!job) return;
    clearTimeout(job.timer);
    job.controller.abort();
    this.frameJobs.delete(attachmentId);
    if (mediaCache.tasks.get(attachmentId)?.step === "extractingFrames") mediaCache.setTask(attachmentId, undefined);
  }

  /** Reads attachments' bytes for sending (data URLs); returns the names of those whose bytes are gone. */
  async loadForSend({ attachments, providerId }: { attachments: readonly Attachment[]; providerId: ProviderId }): Promise<string[]> {
    if (attachments.length === 0) return [];
    const work = await loadMediaWork();
    return work.prepareForSend({ attachments, providerId });
  }

  /** Loads documents' texts (part of every body on screen); returns the names of those no longer stored. */
  async loadDocumentTexts(attachments: readonly Attachment[]): Promise<string[]> {
    if (!attachments.some((attachment) => attachment.kind === "document")) return [];
    const work = await loadMediaWork();
    return work.loadDocumentTexts(attachments);
  }

  /** Deletes stored media no attachment of these conversations refers to. */
  async collectGarbage(conversations: ReadonlyArray<Pick<Conversation, "turns" | "draftAttachments">>): Promise<void> {
    const work = await loadMediaWork();
    // Versions not shown (Regenerate, Edit) keep their media too.
    await work.collectGarbage(conversations.flatMap((conversation) => [...attachmentsOf(conversation), ...otherVersionAttachments(conversation.turns)]));
  }
}
