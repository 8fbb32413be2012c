import { createId } from "@/lib/conversation/create-id";
import { attachmentsOf } from "@/lib/conversation/read-conversation";
import type { DiscoveredModel, ModelSpec, ProviderId } from "@/lib/catalog/catalog-types";
import { describeModel } from "@/lib/catalog/model-catalog";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import type { ChatRequest, ToolCall } from "@/lib/wire/chat-request";
import type { Usage } from "@/lib/wire/chat-response";
import type { ProviderSummary, ProvidersResponse } from "@/lib/catalog/provider-summary";
import { adaptParameters, type ParameterChange } from "@/lib/request/adapt-parameters";
import { currentFrames } from "@/lib/media/attachment-parts";
import type { Attachment, MediaAttachment, VideoAttachment } from "@/lib/conversation/attachment-types";
import { displayResolver, mediaCache, sendResolver } from "@/lib/media/media-cache";
import { checkMediaAttachment, checkRequestSize, inlineMediaBytes, type MediaFix, type MediaIssue } from "@/lib/media/media-rules";
import { buildRequestBody } from "@/lib/request/build-request";
import { isDeepStrictEqual } from "@/lib/request/deep-equal";
import { readRequestBody, type ReadProblem } from "@/lib/request/read-request";
import { checkRequest, type RuleIssue } from "@/lib/request/request-rules";
import { readPreserveThinking, readThinkingSwitch, writeThinkingFields } from "@/lib/catalog/thinking-fields";
import { allConversations, deleteConversation as deleteStoredConversation, getConversation, putConversation } from "@/lib/history/history-db";
import { hasContent } from "@/lib/conversation/read-conversation";
import { loadConversation, loadProviderKeys, saveConversation } from "./browser-storage";
import type { AssistantTurn, Conversation, PromptEstimate, RequestParameters, Turn, TurnError, TurnTimings } from "@/lib/conversation/conversation-types";
import { LiveStream } from "./live-stream";
import { readChatStream } from "@/lib/wire/chat-stream-events";
import { openChatStream } from "./open-chat-stream";

/** Parameters the workbench changed on its own (a model switch), with a way back. */
export interface ParameterNotice {
  title: string;
  changes: ParameterChange[];
  /** The settings before the change, restored by Undo. */
  previous: Pick<Conversation, "providerId" | "model" | "parameters">;
}

/** What the chat screen renders from. */
export interface WorkbenchState {
  /** False until the saved conversation has been read (the server always renders this state). */
  loaded: boolean;
  conversation: Conversation;
  /** A message for the user about storage (e.g. an unreadable save). */
  notice?: string;
  parameterNotice?: ParameterNotice;
  /** A request held back because it breaks documented rules; "Send anyway" sends it as it is. */
  heldBack?: { issues: RuleIssue[]; turns: Turn[] };
  /** Bumped when documents' texts load (they are part of the request body). */
  mediaVersion: number;
  /** A problem with attaching files (unsupported type, failed upload), shown by the composer. */
  attachNotice?: string;
}

/** Why the message being written cannot be sent yet, if it cannot. */
export interface DraftBlocker {
  reason: string;
}

/** The media module that does the heavy work, loaded on first use. */
function loadMediaWork() {
  return import("@/lib/media/media-work");
}

const serverState: WorkbenchState = {
  loaded: false,
  conversation: { id: "", providerId: "simulator", model: "", systemPrompt: "", parameters: {}, draft: "", draftAttachments: [], turns: [], updatedAt: 0 },
  mediaVersion: 0,
};

function firstUsableModel(provider: ProviderSummary | undefined): string {
  return provider?.models.find((model) => !model.retired)?.id ?? provider?.models[0]?.id ?? "";
}

/**
 * The conversation on screen and everything that changes it. One instance per page; components
 * read it with `useSyncExternalStore`. Streaming text lives in {@link LiveStream}s, not here, so a
 * token does not re-render the conversation.
 */
export class ConversationStore {
  private state: WorkbenchState = serverState;
  private readonly listeners = new Set<() => void>();
  private readonly liveStreams = new Map<string, LiveStream>();
  private readonly controllers = new Map<string, AbortController>();
  private providers: ProviderSummary[] = [];
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  /** The first initialization, which every later call waits for. */
  private initializing: Promise<void> | undefined;
  private discovered = new Map<ProviderId, DiscoveredModel[]>();
  private readonly frameJobs = new Map<string, { controller: AbortController; timer?: ReturnType<typeof setTimeout> }>();
  private readonly uploads = new Set<string>();
  /** The token preview's latest estimate, by the display body it was made for. */
  /** The conversation last written to the history (the list changes when a new one appears). */
  private historied: string | undefined;
  private requestSizeMemo: { conversation: Conversation; mediaVersion: number; problem: string | undefined } | undefined;
  /** The gateway's request-body limit (GATEWAY_MAX_BODY_MB), from the provider list. */
  private gatewayMaxBodyBytes: number | undefined;
  private latestEstimate: { body: string; estimate: PromptEstimate } | undefined;

  readonly getSnapshot = (): WorkbenchState => this.state;
  readonly getServerSnapshot = (): WorkbenchState => serverState;
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Reads the saved conversation (or starts one on the server's default provider). */
  initialize({ providers }: { providers: ProvidersResponse }): Promise<void> {
    this.providers = providers.providers;
    this.gatewayMaxBodyBytes = providers.maxBodyBytes;
    this.initializing ??= this.load(providers);
    return this.initializing;
  }

  private async load(providers: ProvidersResponse): Promise<void> {
    const saved = await loadConversation();
    const defaultProvider = providers.providers.find((provider) => provider.id === providers.defaultProviderId);
    const conversation: Conversation = saved.conversation
      ? {
          ...saved.conversation,
          // An answer that was streaming when the page went away cannot resume.
          turns: saved.conversation.turns.map((turn) => (turn.role === "assistant" && turn.status === "streaming" ? { ...turn, status: "interrupted" as const } : turn)),
        }
      : {
          id: createId(),
          providerId: providers.defaultProviderId,
          model: firstUsableModel(defaultProvider),
          systemPrompt: "",
          parameters: {},
          draft: "",
          draftAttachments: [],
          turns: [],
          updatedAt: Date.now(),
        };
    this.setState({ loaded: true, conversation, notice: saved.notice, mediaVersion: 0 });
    // The open conversation is mirrored in localStorage; make sure the history has it too.
    if (hasContent(conversation)) {
      this.historied = conversation.id;
      void putConversation(conversation).then(() => this.announceHistoryChange(), () => undefined);
    }
    // Typing is saved with a short delay; make sure nothing is lost when the page goes away.
    window.addEventListener("pagehide", () => this.persist());
    // Documents' texts are part of the body on screen: re-derive it when they arrive.
    mediaCache.onTexts(() => this.setState({ ...this.state, mediaVersion: this.state.mediaVersion + 1 }));
    const attachments = attachmentsOf(conversation);
    if (attachments.length > 0) {
      const work = await loadMediaWork();
      const missing = await work.loadDocumentTexts(attachments);
      if (missing.length > 0) this.setState({ ...this.state, notice: `The extracted text of ${missing.join(", ")} is no longer in this browser's storage; remove and attach the document again.` });
      this.reconcileDraftMedia();
    }
  }

  /** Refreshes what the store knows about providers (e.g. after a key was pasted). */
  updateProviders(providers: ProviderSummary[]): void {
    this.providers = providers;
  }

  /** The provider summaries (with models) the store works from. */
  getProviders(): readonly ProviderSummary[] {
    return this.providers;
  }

  /** The live text of a streaming answer. */
  getLiveStream(turnId: string): LiveStream | undefined {
    return this.liveStreams.get(turnId);
  }

  /** Capabilities of the selected (or given) model: the catalog's, else what the provider lists, else defaults. */
  specFor({ providerId, model }: { providerId: ProviderId; model: string }): ModelSpec & { known: boolean } {
    const known = this.providers.find((provider) => provider.id === providerId)?.models.find((candidate) => candidate.id === model);
    if (known) return { ...known, known: true };
    return describeModel({ providerId, modelId: model, discovered: this.discovered.get(providerId)?.find((candidate) => candidate.id === model) });
  }

  /** Records models a provider lists that the catalog does not know (their capabilities come from the list). */
  setDiscoveredModels({ providerId, models }: { providerId: ProviderId; models: DiscoveredModel[] }): void {
    this.discovered.set(providerId, models);
    // Re-derive what depends on the model's capabilities.
    if (this.state.loaded && this.state.conversation.providerId === providerId) this.setState({ ...this.state, conversation: { ...this.state.conversation } });
  }

  /** The body the next Send would post to the gateway, with the workbench's own additions explained. */
  nextRequest(conversation = this.state.conversation): ReturnType<typeof buildRequestBody> {
    return buildRequestBody({
      conversation,
      spec: this.specFor(conversation),
      family: rulesFor(conversation.providerId).family,
      media: { providerId: conversation.providerId, resolver: displayResolver },
    });
  }

  /** What is wrong with each attachment of the message being written, and how it will be sent. */
  checkDraftAttachments(conversation = this.state.conversation): Map<string, ReturnType<typeof checkMediaAttachment>> {
    const spec = this.specFor(conversation);
    const results = new Map<string, ReturnType<typeof checkMediaAttachment>>();
    for (const attachment of conversation.draftAttachments) {
      if (attachment.kind === "document") continue;
      results.set(attachment.id, checkMediaAttachment({ attachment, providerId: conversation.providerId, spec }));
    }
    return results;
  }

  /** Why the message being written cannot be sent now (media problems, uploads or extraction running). */
  draftBlocker(conversation = this.state.conversation): DraftBlocker | undefined {
    if (mediaCache.incoming.some((file) => !file.error)) return { reason: "Attachments are still being read." };
    for (const attachment of conversation.draftAttachments) {
      const task = mediaCache.tasks.get(attachment.id);
      if (task && !task.error) return { reason: `${attachment.name}: ${task.label.toLowerCase()}…` };
      if (attachment.kind === "document") {
        if (attachment.upload.providerId !== conversation.providerId) {
          return { reason: `${attachment.name} was extracted through ${attachment.upload.providerId}; documents go into a system message, so this works on any provider, but its text is not loaded.` };
        }
        continue;
      }
      const checked = checkMediaAttachment({ attachment, providerId: conversation.providerId, spec: this.specFor(conversation) });
      const error = checked.issues.find((issue: MediaIssue) => issue.severity === "error");
      if (error) return { reason: `${attachment.name}: ${error.message}` };
      if (checked.delivery.kind === "needs-upload") return { reason: `${attachment.name} has to be uploaded first.` };
      if (attachment.kind === "video" && attachment.delivery === "frames" && !currentFrames(attachment)) return { reason: `${attachment.name}: frames are not extracted yet.` };
    }
    const tooLarge = this.requestSizeProblem(conversation);
    return tooLarge ? { reason: tooLarge } : undefined;
  }

  /**
   * Whether the next request would exceed the provider's or the gateway's body limit. Remembered per
   * conversation state: the composer asks on every render, and the answer needs the whole body.
   */
  private requestSizeProblem(conversation: Conversation): string | undefined {
    const memo = this.requestSizeMemo;
    if (memo && memo.conversation === conversation && memo.mediaVersion === this.state.mediaVersion) return memo.problem;
    const media = attachmentsOf(conversation).filter((attachment): attachment is MediaAttachment => attachment.kind !== "document");
    let problem: string | undefined;
    if (media.length > 0) {
      // The body on screen holds placeholders; the real one holds the media as base64.
      const requestBytes = JSON.stringify(this.nextRequest(conversation).body).length + inlineMediaBytes({ attachments: media, providerId: conversation.providerId });
      problem = checkRequestSize({ requestBytes, providerId: conversation.providerId, gatewayMaxBytes: this.gatewayMaxBodyBytes });
    }
    this.requestSizeMemo = { conversation, mediaVersion: this.state.mediaVersion, problem };
    return problem;
  }

  isGenerating(): boolean {
    return this.state.conversation.turns.some((turn) => turn.role === "assistant" && turn.status === "streaming");
  }

  selectProvider(providerId: ProviderId): void {
    const provider = this.providers.find((candidate) => candidate.id === providerId);
    const current = this.state.conversation.model;
    const model = provider?.models.some((candidate) => candidate.id === current) || provider?.models.length === 0 ? current : firstUsableModel(provider);
    this.switchTo({ providerId, model, title: `Switched to ${provider?.label ?? providerId}` });
  }

  selectModel(model: string): void {
    this.switchTo({ providerId: this.state.conversation.providerId, model: model.trim(), title: `Switched to ${model.trim()}` });
  }

  /** Changes provider or model and fits the parameters to them, telling the user what changed. */
  private switchTo({ providerId, model, title }: { providerId: ProviderId; model: string; title: string }): void {
    const { conversation } = this.state;
    const adapted = adaptParameters({ parameters: conversation.parameters, from: conversation.providerId, to: providerId, spec: this.specFor({ providerId, model }) });
    const previous = { providerId: conversation.providerId, model: conversation.model, parameters: conversation.parameters };
    this.updateConversation({ providerId, model, parameters: adapted.parameters });
    this.setState({ ...this.state, heldBack: undefined, parameterNotice: adapted.changes.length > 0 ? { title, changes: adapted.changes, previous } : undefined });
  }

  /** Sets the parameters as the form or a preset gives them (no adjustment: they are shown as set). */
  setParameters(parameters: RequestParameters): void {
    this.updateConversation({ parameters });
    this.setState({ ...this.state, heldBack: undefined });
  }

  /** Sets or (with undefined) removes one parameter. */
  setParameter(field: string, value: unknown): void {
    const parameters = { ...this.state.conversation.parameters };
    if (value === undefined) delete parameters[field];
    else parameters[field] = value;
    this.setParameters(parameters);
  }

  /** Switches thinking (undefined: the model's default); settings thinking rules out are fitted and reported. */
  setThinking(thinking: boolean | undefined): void {
    const { conversation } = this.state;
    const family = rulesFor(conversation.providerId).family;
    const parameters = writeThinkingFields({ fields: conversation.parameters, family, thinking, preserve: readPreserveThinking({ fields: conversation.parameters, family }) });
    const adapted = adaptParameters({ parameters, from: conversation.providerId, to: conversation.providerId, spec: this.specFor(conversation) });
    const previous = { providerId: conversation.providerId, model: conversation.model, parameters: conversation.parameters };
    this.updateConversation({ parameters: adapted.parameters });
    this.setState({
      ...this.state,
      heldBack: undefined,
      parameterNotice: adapted.changes.length > 0 ? { title: `Thinking ${thinking === undefined ? "reset to the model's default" : thinking ? "on" : "off"}`, changes: adapted.changes, previous } : this.state.parameterNotice,
    });
  }

  /** Turns preserved thinking on or off (undefined: not sent), keeping the thinking switch as it is. */
  setPreserveThinking(preserve: boolean | undefined): void {
    const { parameters, providerId } = this.state.conversation;
    const family = rulesFor(providerId).family;
    this.setParameters(writeThinkingFields({ fields: parameters, family, thinking: readThinkingSwitch({ fields: parameters, family }), preserve }));
  }

  /** Applies a preset's parameters, fitted to the selected provider and model (changes are reported). */
  applyPreset({ name, providerId, parameters }: { name: string; providerId: ProviderId; parameters: RequestParameters }): void {
    const { conversation } = this.state;
    const adapted = adaptParameters({ parameters, from: providerId, to: conversation.providerId, spec: this.specFor(conversation) });
    const previous = { providerId: conversation.providerId, model: conversation.model, parameters: conversation.parameters };
    this.updateConversation({ parameters: adapted.parameters });
    this.setState({ ...this.state, heldBack: undefined, parameterNotice: { title: `Loaded preset "${name}"`, changes: adapted.changes, previous } });
  }

  /** Puts the settings back as they were before the last automatic change. */
  undoParameterChange(): void {
    const notice = this.state.parameterNotice;
    if (!notice) return;
    this.updateConversation(notice.previous);
    this.setState({ ...this.state, parameterNotice: undefined });
  }

  dismissParameterNotice(): void {
    this.setState({ ...this.state, parameterNotice: undefined });
  }

  /** Applies a request body edited in the JSON view; returns what keeps it from applying. */
  applyRequestBody(body: Record<string, unknown>): ReadProblem[] {
    const { conversation } = this.state;
    const result = readRequestBody({
      body,
      conversation,
      currentMessages: this.nextRequest().body.messages,
      providerId: conversation.providerId,
      createId,
      documentText: (document) => mediaCache.texts.get(document.textKey),
    });
    if (!result.ok) return result.problems;
    // An edit that changes nothing (e.g. whitespace) leaves the state, and a held-back request, alone.
    if (isDeepStrictEqual(result.conversation, conversation)) return [];
    this.updateConversation(result.conversation);
    this.setState({ ...this.state, heldBack: undefined });
    return [];
  }

  setSystemPrompt(systemPrompt: string): void {
    this.updateConversation({ systemPrompt });
  }

  setDraft(draft: string): void {
    this.updateConversation({ draft });
  }

  /** Attaches picked, dropped or pasted files: pictures and videos as media, documents through file-extract. */
  async attachFiles(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    const work = await loadMediaWork();
    const { providerId } = this.state.conversation;
    const problems: string[] = [];
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
        const setIncoming = (changes: Partial<typeof incoming> & { progress?: { done: number; total: number; label: string }; error?: string }) =>
          mediaCache.setIncoming(mediaCache.incoming.map((entry) => (entry.id === id ? { ...entry, ...changes } : entry)));
        try {
          if (work.isDocumentFile(file)) {
            const files = this.providers.find((provider) => provider.id === providerId)?.files;
            if (!files) {
              problems.push(`${file.name} is a document; documents are turned into text by Moonshot's file-extract, which only the Moonshot API and the simulator offer. Switch to one of them to attach it.`);
              return;
            }
            const read = await work.readDocumentFile({ file, id, providerId, apiKey: loadProviderKeys()[providerId], onProgress: (progress) => setIncoming({ progress }) });
            if (!read.ok) {
              problems.push(read.message);
              return;
            }
            attachment = read.attachment;
            return;
          }
          const kind = (await import("@/lib/catalog/media-limits")).mediaKindOf({ mediaType: file.type, name: file.name });
          if (!kind) {
            problems.push(`${file.name || "The pasted file"} is not an image, a video or a document the workbench can attach (type "${file.type || "unknown"}").`);
            return;
          }
          attachment = await work.readMediaFile({ file, id, spec: this.specFor(this.state.conversation) });
        } catch (error) {
          problems.push(`${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          finish(index, attachment);
          mediaCache.setIncoming(mediaCache.incoming.filter((entry) => entry.id !== id));
        }
      }),
    );
    this.setState({ ...this.state, attachNotice: problems.length > 0 ? problems.join(" ") : undefined });
  }

  dismissAttachNotice(): void {
    this.setState({ ...this.state, attachNotice: undefined });
  }

  private addDraftAttachment(attachment: Attachment): void {
    this.updateConversation({ draftAttachments: [...this.state.conversation.draftAttachments, attachment] }, { saveNow: true });
    this.reconcileDraftMedia();
  }

  /** Removes an attachment from the message being written. */
  removeDraftAttachment(attachmentId: string): void {
    this.cancelFrameJob(attachmentId);
    mediaCache.setTask(attachmentId, undefined);
    this.updateConversation({ draftAttachments: this.state.conversation.draftAttachments.filter((attachment) => attachment.id !== attachmentId) }, { saveNow: true });
  }

  /** Changes an attachment of the message being written (a video's fps, max_frames or delivery). */
  updateDraftAttachment(attachmentId: string, changes: Partial<VideoAttachment> | Partial<MediaAttachment>): void {
    this.updateConversation({
      draftAttachments: this.state.conversation.draftAttachments.map((attachment) => (attachment.id === attachmentId ? ({ ...attachment, ...changes } as Attachment) : attachment)),
    });
    this.reconcileDraftMedia();
  }

  /** Applies a one-click fix offered for an attachment problem. */
  async applyMediaFix({ attachmentId, fix }: { attachmentId: string; fix: MediaFix }): Promise<void> {
    const attachment = this.state.conversation.draftAttachments.find((candidate) => candidate.id === attachmentId);
    if (!attachment || attachment.kind === "document") return;
    if (fix.kind === "switch-provider") return this.selectProvider(fix.providerId);
    if (fix.kind === "send-as-frames" || fix.kind === "send-as-file") {
      if (attachment.kind === "video") this.updateDraftAttachment(attachmentId, { delivery: fix.kind === "send-as-frames" ? "frames" : "file" });
      return;
    }
    if (fix.kind === "upload") return this.uploadDraftAttachment(attachmentId);
    if (fix.kind === "downscale" && attachment.kind === "image") {
      const work = await loadMediaWork();
      mediaCache.setTask(attachmentId, { done: 0, total: 1, label: "Downscaling" });
      try {
        const changes = await work.downscaleAttachment({ attachment, width: fix.width, height: fix.height });
        mediaCache.setTask(attachmentId, undefined);
        this.updateDraftAttachment(attachmentId, changes);
      } catch (error) {
        mediaCache.setTask(attachmentId, { done: 0, total: 1, label: "Downscale failed", error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  /** Uploads a picture or video to the selected provider's files API (then it is sent as ms://). */
  async uploadDraftAttachment(attachmentId: string): Promise<void> {
    const attachment = this.state.conversation.draftAttachments.find((candidate) => candidate.id === attachmentId);
    const { providerId } = this.state.conversation;
    if (!attachment || attachment.kind === "document" || this.uploads.has(attachmentId)) return;
    this.uploads.add(attachmentId);
    try {
      const work = await loadMediaWork();
      const uploaded = await work.uploadMedia({ attachment, providerId, apiKey: loadProviderKeys()[providerId] });
      if (uploaded.ok) this.updateDraftAttachment(attachmentId, { upload: uploaded.upload });
    } finally {
      this.uploads.delete(attachmentId);
    }
  }

  /** Clears a failed task so it can run again (a failed upload or frame extraction). */
  retryAttachmentTask(attachmentId: string): void {
    mediaCache.setTask(attachmentId, undefined);
    this.reconcileDraftMedia();
  }

  /**
   * Starts what the message's attachments need: uploads for videos too large to inline (where the
   * provider has a files API) and frame extraction for videos sent as frames (re-run, debounced,
   * when fps or max_frames change).
   */
  private reconcileDraftMedia(): void {
    const { conversation } = this.state;
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
    const key = `${video.fps}|${video.maxFrames}`;
    const existing = this.frameJobs.get(video.id);
    if (existing && (existing.controller.signal as AbortSignal & { settings?: string }).settings === key) return;
    this.cancelFrameJob(video.id);
    const controller = new AbortController();
    (controller.signal as AbortSignal & { settings?: string }).settings = key;
    const job: { controller: AbortController; timer?: ReturnType<typeof setTimeout> } = { controller };
    // Typing "10" in the fps field passes through "1": wait for the value to settle.
    job.timer = setTimeout(async () => {
      const work = await loadMediaWork();
      const extracted = await work.extractVideoFrames({ attachment: video, signal: controller.signal });
      if (this.frameJobs.get(video.id) === job) this.frameJobs.delete(video.id);
      if (!extracted.ok || controller.signal.aborted) return;
      const current = this.state.conversation.draftAttachments.find((candidate) => candidate.id === video.id);
      if (current?.kind === "video" && current.fps === video.fps && current.maxFrames === video.maxFrames) {
        this.updateConversation({ draftAttachments: this.state.conversation.draftAttachments.map((candidate) => (candidate.id === video.id ? { ...current, frames: extracted.frames } : candidate)) }, { saveNow: true });
      }
    }, 400);
    this.frameJobs.set(video.id, job);
  }

  private cancelFrameJob(attachmentId: string): void {
    const job = this.frameJobs.get(attachmentId);
    if (!job) return;
    clearTimeout(job.timer);
    job.controller.abort();
    this.frameJobs.delete(attachmentId);
    if (mediaCache.tasks.get(attachmentId)?.label === "Extracting frames") mediaCache.setTask(attachmentId, undefined);
  }

  /**
   * The next request exactly as it would be sent (media bytes read from browser storage), for the
   * provider's exact token count; undefined while something is missing or the draft cannot be sent.
   */
  async sendableNextRequest(): Promise<ChatRequest | undefined> {
    const { conversation } = this.state;
    if (this.draftBlocker(conversation)) return undefined;
    const attachments = attachmentsOf(conversation);
    if (attachments.length > 0) {
      const work = await loadMediaWork();
      if ((await work.prepareForSend({ attachments, providerId: conversation.providerId })).length > 0) return undefined;
    }
    const built = buildRequestBody({
      conversation,
      spec: this.specFor(conversation),
      family: rulesFor(conversation.providerId).family,
      media: { providerId: conversation.providerId, resolver: sendResolver },
    });
    return built.pending.length > 0 ? undefined : built.body;
  }

  /** Records the token preview's estimate for a display body (compared with the usage after sending). */
  recordEstimate({ body, estimate }: { body: string; estimate: PromptEstimate }): void {
    // The provider's exact count of a body outranks a local estimate of the same body.
    if (this.latestEstimate?.body === body && this.latestEstimate.estimate.exact && !estimate.exact) return;
    this.latestEstimate = { body, estimate };
  }

  /** Starts a new conversation (the current one stays in the history), keeping provider, model, system prompt and parameters. */
  startNewConversation(): void {
    this.stop();
    this.persist();
    const { title: _title, forkedFrom: _forkedFrom, ...settings } = this.state.conversation;
    this.replaceConversation({ ...settings, id: createId(), turns: [], draft: "", draftAttachments: [], updatedAt: Date.now() });
  }

  /** Opens a conversation from the history (the current one is saved first). */
  async openConversation(id: string): Promise<void> {
    if (id === this.state.conversation.id) return;
    const stored = await getConversation(id);
    if (!stored) {
      this.setState({ ...this.state, notice: "That conversation is no longer in this browser's history." });
      return;
    }
    this.stop();
    this.persist();
    const { readSavedConversation } = await import("@/lib/conversation/saved-conversation");
    const conversation = readSavedConversation(stored);
    if (!conversation) {
      this.setState({ ...this.state, notice: "That conversation could not be read; it is left in the history as it is." });
      return;
    }
    this.replaceConversation(conversation);
    const attachments = attachmentsOf(conversation);
    if (attachments.length > 0) void loadMediaWork().then((work) => work.loadDocumentTexts(attachments));
  }

  /** Adds a conversation (a fork of a share, an import) to the history and opens it. */
  async addConversation(conversation: Conversation): Promise<void> {
    this.stop();
    this.persist();
    await putConversation(conversation);
    this.replaceConversation(conversation);
    const attachments = attachmentsOf(conversation);
    if (attachments.length > 0) void loadMediaWork().then((work) => work.loadDocumentTexts(attachments));
  }

  /** Opens a shared conversation as a new conversation of this browser ("Open in workbench" on a share). */
  async forkShare(shareId: string): Promise<void> {
    this.setState({ ...this.state, notice: "Opening the shared conversation…" });
    try {
      const { forkShare } = await import("@/lib/share/fork-share");
      const conversation = await forkShare({ shareId });
      await this.addConversation(conversation);
      this.setState({ ...this.state, notice: undefined });
    } catch (error) {
      this.setState({ ...this.state, notice: `The shared conversation could not be opened: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  /** Names a conversation of the history (an empty name goes back to its first message). */
  async renameConversation({ id, title }: { id: string; title: string }): Promise<void> {
    if (id === this.state.conversation.id) {
      this.updateConversation({ title: title.trim() || undefined }, { saveNow: true });
    } else {
      const stored = await getConversation(id);
      if (stored) await putConversation({ ...stored, title: title.trim() || undefined });
    }
    this.announceHistoryChange();
  }

  /** Deletes a conversation from the history (and media only it used); the open one is replaced by a new chat. */
  async deleteConversation(id: string): Promise<void> {
    if (id === this.state.conversation.id) {
      // Leave it first, so no pending save writes it back after the delete.
      this.stop();
      clearTimeout(this.persistTimer);
      const { title: _title, forkedFrom: _forkedFrom, ...settings } = this.state.conversation;
      this.replaceConversation({ ...settings, id: createId(), turns: [], draft: "", draftAttachments: [], updatedAt: Date.now() });
    }
    await deleteStoredConversation(id);
    this.announceHistoryChange();
    void this.collectMediaGarbage();
  }

  /** Bumped whenever the history's list changes (the sidebar re-reads it). */
  historyVersion = 0;

  private announceHistoryChange(): void {
    this.historyVersion += 1;
    this.setState({ ...this.state });
  }

  private replaceConversation(conversation: Conversation): void {
    this.liveStreams.clear();
    this.setState({ ...this.state, conversation, heldBack: undefined, parameterNotice: undefined, attachNotice: undefined });
    this.persist();
    this.announceHistoryChange();
  }

  /** Deletes stored media no conversation of the history refers to any more. */
  private async collectMediaGarbage(): Promise<void> {
    const conversations = [this.state.conversation, ...(await allConversations())];
    const work = await loadMediaWork();
    await work.collectGarbage(conversations.flatMap(attachmentsOf));
  }

  dismissNotice(): void {
    this.setState({ ...this.state, notice: undefined });
  }

  /** Sends the message being written (or `text`) and streams the answer; held back if it breaks a rule. */
  send(text?: string): void {
    const content = text ?? this.state.conversation.draft;
    const attachments = text === undefined ? this.state.conversation.draftAttachments : [];
    if ((!content.trim() && attachments.length === 0) || this.isGenerating()) return;
    if (text === undefined && this.draftBlocker()) return;
    const userTurn: Turn = { id: createId(), role: "user", content, ...(attachments.length > 0 ? { attachments } : {}), createdAt: Date.now() };
    this.updateConversation(text === undefined ? { draft: "", draftAttachments: [] } : {});
    this.startAnswer({ turns: [...this.state.conversation.turns, userTurn] });
  }

  /** Sends a held-back request as it is, to see what the service says. */
  sendAnyway(): void {
    const heldBack = this.state.heldBack;
    if (!heldBack) return;
    this.startAnswer({ turns: heldBack.turns, force: true });
  }

  /** Drops a held-back request, putting its message back in the composer. */
  cancelHeldBack(): void {
    const heldBack = this.state.heldBack;
    if (!heldBack) return;
    const last = heldBack.turns[heldBack.turns.length - 1];
    const restoreDraft = last?.role === "user" && !this.state.conversation.turns.includes(last);
    this.setState({ ...this.state, heldBack: undefined });
    if (restoreDraft) this.updateConversation({ draft: last.content, draftAttachments: last.attachments ?? [] });
  }

  /** Answers the last assistant message's tool calls and asks the model to continue. */
  submitToolResults(results: Array<{ toolCallId: string; name?: string; content: string }>): void {
    if (this.isGenerating() || results.length === 0) return;
    const toolTurns: Turn[] = results.map((result) => ({ id: createId(), role: "tool", toolCallId: result.toolCallId, content: result.content, ...(result.name ? { name: result.name } : {}), createdAt: Date.now() }));
    this.startAnswer({ turns: [...this.state.conversation.turns, ...toolTurns] });
  }

  /** Stops the answer being generated (the gateway cancels the upstream request). */
  stop(): void {
    for (const controller of this.controllers.values()) controller.abort();
  }

  /** Answers the message before `assistantTurnId` again, replacing that answer. */
  regenerate(assistantTurnId: string): void {
    if (this.isGenerating()) return;
    const turns = this.state.conversation.turns;
    const index = turns.findIndex((turn) => turn.id === assistantTurnId);
    if (index <= 0) return;
    this.startAnswer({ turns: turns.slice(0, index) });
  }

  /** Replaces a user message, drops everything after it, and asks again. */
  editAndResend({ userTurnId, text }: { userTurnId: string; text: string }): void {
    if (!text.trim() || this.isGenerating()) return;
    const turns = this.state.conversation.turns;
    const index = turns.findIndex((turn) => turn.id === userTurnId);
    const turn = turns[index];
    if (!turn || turn.role !== "user") return;
    this.startAnswer({ turns: [...turns.slice(0, index), { ...turn, content: text }] });
  }

  private startAnswer({ turns, force = false }: { turns: Turn[]; force?: boolean }): void {
    const { conversation } = this.state;
    const spec = this.specFor(conversation);
    const family = rulesFor(conversation.providerId).family;
    const build = (resolver: typeof displayResolver) =>
      buildRequestBody({ conversation: { ...conversation, turns }, includeDraft: false, spec, family, media: { providerId: conversation.providerId, resolver } });
    const display = build(displayResolver);
    const issues = force ? [] : checkRequest({ request: display.body, spec, providerId: conversation.providerId });
    if (issues.length > 0) {
      this.setState({ ...this.state, heldBack: { issues, turns } });
      return;
    }
    const displayKey = JSON.stringify(display.body);
    const promptEstimate = this.latestEstimate?.body === displayKey ? this.latestEstimate.estimate : undefined;
    const answer: AssistantTurn = {
      id: createId(),
      role: "assistant",
      providerId: conversation.providerId,
      model: conversation.model,
      content: "",
      reasoning: "",
      status: "streaming",
      ...(promptEstimate ? { promptEstimate } : {}),
      createdAt: Date.now(),
    };
    this.liveStreams.set(answer.id, new LiveStream());
    this.setState({ ...this.state, heldBack: undefined });
    this.updateConversation({ turns: [...turns, answer] }, { saveNow: true });
    const attachments = attachmentsOf({ turns, draftAttachments: [] });
    void this.streamAnswer({
      answer,
      // Media bytes are read from browser storage only now, when the request is really sent.
      prepareBody: async () => {
        if (attachments.length === 0) return { ok: true, body: display.body };
        const work = await loadMediaWork();
        const missing = await work.prepareForSend({ attachments, providerId: conversation.providerId });
        const real = build(sendResolver);
        if (missing.length > 0 || real.pending.length > 0) {
          return { ok: false, error: { type: "media_missing", message: `The bytes of ${[...new Set([...missing, ...real.pending])].join(", ")} are not in this browser's storage any more. Edit the message, remove the attachment and attach it again.` } };
        }
        return { ok: true, body: real.body };
      },
    });
  }

  private async streamAnswer({ answer, prepareBody }: { answer: AssistantTurn; prepareBody: () => Promise<{ ok: true; body: ChatRequest } | { ok: false; error: TurnError }> }): Promise<void> {
    const live = this.liveStreams.get(answer.id)!;
    const controller = new AbortController();
    this.controllers.set(answer.id, controller);
    const toolCalls: ToolCall[] = [];
    const otherChoices: NonNullable<AssistantTurn["otherChoices"]> = [];
    let usage: Usage | undefined;
    let finishReason: string | null = null;
    let error: TurnError | undefined;
    let attempts: number | undefined;
    let completed = false;
    const saveProgress = setInterval(() => this.persist(), 2000);
    try {
      const prepared = await prepareBody();
      const opened = prepared.ok
        ? await openChatStream({ providerId: answer.providerId, body: prepared.body, apiKey: loadProviderKeys()[answer.providerId], signal: controller.signal })
        : ({ ok: false, error: prepared.error } as const);
      if (!opened.ok) {
        error = opened.error;
      } else {
        attempts = opened.attempts;
        for await (const event of readChatStream(opened.response)) {
          if ("choice" in event && event.choice > 0) {
            // Further choices (n > 1) are kept beside the first, which streams on screen (their
            // tool calls are not: only the first choice's calls can be answered).
            const other = (otherChoices[event.choice - 1] ??= { content: "", reasoning: "", finishReason: null });
            if (event.type === "reasoning") other.reasoning += event.text;
            else if (event.type === "content") other.content += event.text;
            else if (event.type === "finish") other.finishReason = event.reason;
            continue;
          }
          if (event.type === "reasoning") live.append({ reasoning: event.text });
          else if (event.type === "content") live.append({ content: event.text });
          else if (event.type === "tool-call") {
            const call = (toolCalls[event.delta.index] ??= { id: "", type: "function", function: { name: "", arguments: "" } });
            if (event.delta.id) call.id = event.delta.id;
            if (event.delta.type) call.type = event.delta.type;
            call.function.name += event.delta.function?.name ?? "";
            call.function.arguments += event.delta.function?.arguments ?? "";
          } else if (event.type === "finish") finishReason = event.reason;
          else if (event.type === "usage") usage = event.usage;
          else if (event.type === "error") error = event.error;
          else if (event.type === "done") completed = true;
        }
      }
    } catch (caught) {
      if (!controller.signal.aborted) error = { type: "client_error", message: caught instanceof Error ? caught.message : String(caught) };
    } finally {
      clearInterval(saveProgress);
      this.controllers.delete(answer.id);
    }
    const endedAt = performance.now();
    const status: AssistantTurn["status"] = controller.signal.aborted ? "stopped" : error ? "error" : completed ? "done" : "error";
    this.replaceTurn({
      ...answer,
      content: live.content,
      reasoning: live.reasoning,
      status,
      finishReason,
      ...(toolCalls.length > 0 ? { toolCalls } : {}),
      ...(otherChoices.length > 0 ? { otherChoices } : {}),
      ...(usage ? { usage } : {}),
      ...(error ? { error } : {}),
      ...(attempts !== undefined ? { attempts } : {}),
      timings: measureTimings({ live, endedAt, usage }),
    });
    this.liveStreams.delete(answer.id);
    live.flush();
  }

  private replaceTurn(turn: AssistantTurn): void {
    this.updateConversation({ turns: this.state.conversation.turns.map((candidate) => (candidate.id === turn.id ? turn : candidate)) }, { saveNow: true });
  }

  /** Applies changes; messages and answers are saved at once, edits to settings shortly after. */
  private updateConversation(changes: Partial<Conversation>, { saveNow = false }: { saveNow?: boolean } = {}): void {
    this.setState({ ...this.state, conversation: { ...this.state.conversation, ...changes, updatedAt: Date.now() } });
    if (saveNow) {
      clearTimeout(this.persistTimer);
      this.persist();
    } else this.schedulePersist();
  }

  private setState(state: WorkbenchState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  private schedulePersist(): void {
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => this.persist(), 250);
  }

  /** Saves the conversation, with the text streamed so far for answers still in progress. */
  private persist(): void {
    if (!this.state.loaded) return;
    const { conversation } = this.state;
    const turns = conversation.turns.map((turn) => {
      const live = turn.role === "assistant" ? this.liveStreams.get(turn.id) : undefined;
      return live && turn.role === "assistant" ? { ...turn, content: live.content, reasoning: live.reasoning } : turn;
    });
    const saved = { ...conversation, turns };
    const failure = saveConversation(saved);
    if (failure && failure !== this.state.notice) this.setState({ ...this.state, notice: failure });
    if (hasContent(saved)) {
      const isNew = this.historied !== saved.id;
      this.historied = saved.id;
      void putConversation(saved).then(() => {
        if (isNew) this.announceHistoryChange();
      }, (error: unknown) => this.setState({ ...this.state, notice: `The conversation could not be saved to this browser's history (${error instanceof Error ? error.message : "storage error"}).` }));
    }
  }
}

/** Timings of a finished stream, measured in the browser. */
export function measureTimings({ live, endedAt, usage }: { live: LiveStream; endedAt: number; usage: Usage | undefined }): TurnTimings {
  const firstTokenAt = Math.min(live.reasoningStartedAt ?? Infinity, live.answerStartedAt ?? Infinity);
  const timings: TurnTimings = { totalMs: endedAt - live.startedAt };
  if (Number.isFinite(firstTokenAt)) {
    timings.firstTokenMs = firstTokenAt - live.startedAt;
    const generationSeconds = (endedAt - firstTokenAt) / 1000;
    if (usage && generationSeconds > 0) timings.tokensPerSecond = usage.completion_tokens / generationSeconds;
  }
  if (live.reasoningStartedAt !== undefined) timings.thinkingMs = (live.answerStartedAt ?? endedAt) - live.reasoningStartedAt;
  return timings;
}

/** The page's store. */
export const conversationStore = new ConversationStore();
