import "@/lib/wire/zod-browser";
import type { DiscoveredModel, ModelSpec, ProviderId } from "@/lib/catalog/catalog-types";
import { describeModel } from "@/lib/catalog/model-catalog";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import { firstUsableModel, type ProviderSummary, type ProvidersResponse } from "@/lib/catalog/provider-summary";
import type { AssistantPrefix, AssistantTurn, Conversation, PromptEstimate, RequestParameters, Turn, TurnVersions } from "@/lib/conversation/conversation-types";
import { createId } from "@/lib/conversation/create-id";
import { attachmentsOf, withInterruptedAnswers } from "@/lib/conversation/read-conversation";
import { showVersion, versionsForNew } from "@/lib/conversation/turn-versions";
import type { MediaResolver } from "@/lib/media/attachment-parts";
import { displayResolver, mediaCache, sendResolver } from "@/lib/media/media-cache";
import { MediaController, type DraftBlocker } from "@/lib/media/media-controller";
import type { CodedMessage } from "@/lib/wire/coded-message";
import { buildRequestBody } from "@/lib/request/build-request";
import { isDeepStrictEqual } from "@/lib/request/deep-equal";
import { loadPreset, switchModel, switchPreservedThinking, switchThinking, withParameter, type ConversationSettings, type NoticeTitle, type ParameterNotice } from "@/lib/request/parameter-changes";
import { readRequestBody, type ReadProblem } from "@/lib/request/read-request";
import { requestThinks } from "@/lib/catalog/thinking-fields";
import { checkRequest, type RuleIssue } from "@/lib/request/request-rules";
import { checkToolLoop, type ToolLoopFinding, type ToolLoopFix } from "@/lib/request/tool-loop-check";
import { allConversations } from "@/lib/history/history-db";
import { applyConversationFix, withRestoredReasoning } from "@/lib/tools/tool-loop-fixes";
import type { ChatRequest } from "@/lib/wire/chat-request";
import { loadConversation, loadProviderKeys } from "./browser-storage";
import { ConversationHistory } from "./conversation-history";
import { ConversationPersistence } from "./conversation-persistence";
import { LiveAnswers, type PrepareBody } from "./live-answers";
import { openSharedConversation } from "./open-shared-conversation";
import type { LiveStream } from "./live-stream";
import { ToolRunner, type ToolResult, type ToolRunStatus } from "./tool-runner";
import { fetchOfficialTools } from "@/lib/tools/official-tools";
import { withAutoRun, withOfficialTool, withoutOfficialTool, withWebSearch } from "@/lib/tools/tool-settings";
import type { WorkbenchMessage } from "@/lib/wire/coded-message";

/** What the chat screen renders from. */
export interface WorkbenchState {
  /** False until the saved conversation has been read (the server always renders this state). */
  loaded: boolean;
  conversation: Conversation;
  /** Notes for the user, shown together (e.g. an unreadable save, what an opened prompt left out). */
  notice?: readonly WorkbenchMessage[];
  parameterNotice?: ParameterNotice;
  /** A request held back because it breaks documented rules; "Send anyway" sends it as it is. */
  /** A request held back by the rules; `fromDraft`: its new message is still in the composer. */
  heldBack?: { issues: RuleIssue[]; turns: Turn[]; prefix?: AssistantPrefix; toolLoop: ToolLoopFinding[]; fromDraft?: boolean; answerVersions?: TurnVersions };
  /** Bumped when documents' texts load (they are part of the request body). */
  mediaVersion: number;
  /** A problem with attaching files (unsupported type, failed upload), shown by the composer. */
  attachNotice?: CodedMessage[];
  /** Bumped whenever the history's list changes (the sidebar re-reads it). */
  historyVersion: number;
  /** The automatic tool loop, while it answers an answer's calls (or paused at its limit). */
  toolRun?: ToolRunStatus;
}

const serverState: WorkbenchState = {
  loaded: false,
  conversation: { id: "", providerId: "simulator", model: "", systemPrompt: "", parameters: {}, draft: "", draftAttachments: [], turns: [], updatedAt: 0 },
  mediaVersion: 0,
  historyVersion: 0,
};

/**
 * The conversation on screen: its state and the commands that change it. Components read it with
 * `useSyncExternalStore`. The work behind the commands lives beside it: answers stream in
 * {@link LiveAnswers} (outside React state, several at once), attachment jobs in the
 * {@link MediaController}, saving in {@link ConversationPersistence}, the history in
 * {@link ConversationHistory}; parameter edits and request rules are pure functions.
 */
export class ConversationStore {
  private state: WorkbenchState = serverState;
  private readonly listeners = new Set<() => void>();
  private providers: ProviderSummary[] = [];
  /** The gateway's request-body limit (GATEWAY_MAX_BODY_MB), from the provider list. */
  private gatewayMaxBodyBytes: number | undefined;
  private readonly discovered = new Map<ProviderId, DiscoveredModel[]>();
  /** The first initialization, which every later call waits for. */
  private initializing: Promise<void> | undefined;
  /** The token preview's latest estimate, by the display body it was made for. */
  private latestEstimate: { body: string; estimate: PromptEstimate } | undefined;
  /** Conversations deleted while an answer of theirs was still finishing. */
  private readonly deleted = new Set<string>();

  readonly answers = new LiveAnswers();
  readonly media = new MediaController({
    conversation: () => this.state.conversation,
    specFor: (conversation) => this.specFor(conversation),
    hasFilesApi: (providerId) => this.providers.some((provider) => provider.id === providerId && provider.files),
    apiKey: (providerId) => loadProviderKeys()[providerId],
    updateDraftAttachments: (update, options) => this.updateConversation({ draftAttachments: update(this.state.conversation.draftAttachments) }, options),
    setAttachNotice: (attachNotice) => this.setState({ ...this.state, attachNotice }),
    selectProvider: (providerId) => this.selectProvider(providerId),
    displayBodyLength: (conversation) => JSON.stringify(this.nextRequest(conversation).body).length,
    gatewayMaxBodyBytes: () => this.gatewayMaxBodyBytes,
  });
  private readonly persistence = new ConversationPersistence({
    conversation: () => (this.state.loaded ? this.state.conversation : undefined),
    liveText: (turnId) => this.answers.get(turnId),
    notice: (notice) => {
      if (notice.message !== this.state.notice?.[0]?.message) this.setState({ ...this.state, notice: [notice] });
    },
    historyChanged: () => this.announceHistoryChange(),
  });
  readonly history = new ConversationHistory({
    current: () => this.state.conversation,
    stopAnswers: () => this.stop(),
    leaveCurrent: () => {
      this.stop();
      this.persistence.saveNow();
    },
    show: (conversation) => {
      this.setState({ ...this.state, conversation, heldBack: undefined, parameterNotice: undefined, attachNotice: undefined });
      this.persistence.saveNow();
      this.announceHistoryChange();
    },
    renameCurrent: (title) => this.updateConversation({ title }, { saveNow: true }),
    cancelPendingSave: () => this.persistence.cancel(),
    discardAnswers: (conversationId) => this.deleted.add(conversationId),
    notice: (notice) => this.setState({ ...this.state, notice: notice ? [notice] : undefined }),
    historyChanged: () => this.announceHistoryChange(),
    media: this.media,
  });

  readonly tools = new ToolRunner({
    conversation: () => this.state.conversation,
    apiKey: (providerId) => loadProviderKeys()[providerId],
    submit: (results) => this.submitToolResults(results),
    setStatus: (toolRun) => this.setState({ ...this.state, toolRun }),
  });

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
      ? withInterruptedAnswers(saved.conversation)
      : { id: createId(), providerId: providers.defaultProviderId, model: firstUsableModel(defaultProvider), systemPrompt: "", parameters: {}, draft: "", draftAttachments: [], turns: [], updatedAt: Date.now() };
    this.setState({ ...this.state, loaded: true, conversation, notice: saved.notice ? [saved.notice] : undefined, mediaVersion: 0 });
    // The open conversation is mirrored in localStorage; make sure the history has it too.
    this.persistence.mirrorToHistory(conversation);
    this.persistence.watchPageHide();
    // Documents' texts are part of the body on screen: re-derive it when they arrive.
    mediaCache.onTexts(() => this.setState({ ...this.state, mediaVersion: this.state.mediaVersion + 1 }));
    const attachments = attachmentsOf(conversation);
    if (attachments.length === 0) return;
    const missing = await this.media.loadDocumentTexts(attachments);
    if (missing.length > 0) this.setState({ ...this.state, notice: [{ message: `The extracted text of ${missing.join(", ")} is no longer in this browser's storage; remove and attach the document again.`, code: "documentTextGone", values: { names: missing.join(", ") } }] });
    this.media.reconcile();
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
    return this.answers.get(turnId);
  }

  /** Capabilities of a model: the catalog's, else what the provider lists, else defaults. */
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

  /** The body the next Send would post (media as placeholders), with the workbench's own additions explained. */
  nextRequest(conversation = this.state.conversation): ReturnType<typeof buildRequestBody> {
    return this.buildBody({ conversation, resolver: displayResolver });
  }

  private buildBody({ conversation, turns, resolver, prefix }: { conversation: Conversation; turns?: Turn[]; resolver: MediaResolver; prefix?: AssistantPrefix }): ReturnType<typeof buildRequestBody> {
    return buildRequestBody({
      conversation: turns ? { ...conversation, turns } : conversation,
      includeDraft: turns === undefined,
      prefix: turns === undefined ? conversation.assistantPrefix : prefix,
      spec: this.specFor(conversation),
      family: rulesFor(conversation.providerId).family,
      media: { providerId: conversation.providerId, resolver },
    });
  }

  /** Why the message being written cannot be sent now. */
  draftBlocker(conversation = this.state.conversation): DraftBlocker | undefined {
    return this.media.draftBlocker(conversation);
  }

  /** Whether the open conversation has an answer streaming. */
  isGenerating(): boolean {
    return this.answers.isStreaming(this.state.conversation.id);
  }

  selectProvider(providerId: ProviderId): void {
    const provider = this.providers.find((candidate) => candidate.id === providerId);
    const current = this.state.conversation.model;
    const model = provider?.models.some((candidate) => candidate.id === current) || provider?.models.length === 0 ? current : firstUsableModel(provider);
    this.switchTo({ providerId, model, title: { text: `Switched to ${provider?.label ?? providerId}`, code: "switched", values: { name: provider?.label ?? providerId } } });
  }

  selectModel(model: string): void {
    this.switchTo({ providerId: this.state.conversation.providerId, model: model.trim(), title: { text: `Switched to ${model.trim()}`, code: "switched", values: { name: model.trim() } } });
  }

  private settings(): ConversationSettings {
    const { providerId, model, parameters } = this.state.conversation;
    return { providerId, model, parameters };
  }

  /** Changes provider or model and fits the parameters to them, telling the user what changed. */
  private switchTo({ providerId, model, title }: { providerId: ProviderId; model: string; title: NoticeTitle }): void {
    const switched = switchModel({ settings: this.settings(), providerId, model, spec: this.specFor({ providerId, model }), title });
    this.updateConversation(switched.settings);
    this.setState({ ...this.state, heldBack: undefined, parameterNotice: switched.notice });
  }

  /** Sets the parameters as the form or a preset gives them (no adjustment: they are shown as set). */
  setParameters(parameters: RequestParameters): void {
    this.updateConversation({ parameters });
    this.setState({ ...this.state, heldBack: undefined });
  }

  /** Sets or (with undefined) removes one parameter. */
  setParameter(field: string, value: unknown): void {
    this.setParameters(withParameter({ parameters: this.state.conversation.parameters, field, value }));
  }

  /** Switches thinking (undefined: the model's default); settings thinking rules out are fitted and reported. */
  setThinking(thinking: boolean | undefined): void {
    const switched = switchThinking({ settings: this.settings(), spec: this.specFor(this.state.conversation), thinking });
    this.updateConversation({ parameters: switched.parameters });
    this.setState({ ...this.state, heldBack: undefined, parameterNotice: switched.notice ?? this.state.parameterNotice });
  }

  /** Turns preserved thinking on or off (undefined: not sent), keeping the thinking switch as it is. */
  setPreserveThinking(preserve: boolean | undefined): void {
    this.setParameters(switchPreservedThinking({ settings: this.settings(), preserve }));
  }

  /** Applies a preset's parameters, fitted to the selected provider and model (changes are reported). */
  applyPreset(preset: { name: string; providerId: ProviderId; parameters: RequestParameters }): void {
    const loaded = loadPreset({ settings: this.settings(), spec: this.specFor(this.state.conversation), preset });
    this.updateConversation({ parameters: loaded.parameters });
    this.setState({ ...this.state, heldBack: undefined, parameterNotice: loaded.notice });
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

  /** Sets the answer's prefix for the next request (partial mode); undefined turns partial mode off. */
  setAssistantPrefix(prefix: AssistantPrefix | undefined): void {
    this.updateConversation({ assistantPrefix: prefix });
    this.setState({ ...this.state, heldBack: undefined });
  }

  dismissAttachNotice(): void {
    this.setState({ ...this.state, attachNotice: undefined });
  }

  /** Shows a notice above the conversation (until dismissed). */
  showNotice(notice: readonly WorkbenchMessage[]): void {
    this.setState({ ...this.state, notice });
  }

  dismissNotice(): void {
    this.setState({ ...this.state, notice: undefined });
  }

  /** Opens a shared conversation as a new conversation of this browser ("Open in workbench" on a share). */
  openShared(shareId: string): Promise<void> {
    return openSharedConversation({ shareId, history: this.history, notice: (notice) => this.setState({ ...this.state, notice: notice ? [notice] : undefined }) });
  }

  /**
   * The next request exactly as it would be sent (media bytes read from browser storage), for the
   * provider's exact token count; undefined while something is missing or the draft cannot be sent.
   */
  async sendableNextRequest(): Promise<ChatRequest | undefined> {
    const { conversation } = this.state;
    if (this.draftBlocker(conversation)) return undefined;
    const missing = await this.media.loadForSend({ attachments: attachmentsOf(conversation), providerId: conversation.providerId });
    if (missing.length > 0) return undefined;
    const built = this.buildBody({ conversation, resolver: sendResolver });
    return built.pending.length > 0 ? undefined : built.body;
  }

  /**
   * The messages the open conversation sends, media included as they go (data URLs or `ms://` ids,
   * frame lists, documents' texts as system messages), for turning it into a prompt; `missing` names
   * attachments no longer in browser storage (their parts are left empty).
   */
  async messagesWithMedia(): Promise<{ messages: ChatRequest["messages"]; missing: string[] }> {
    const { conversation } = this.state;
    const missing = await this.media.loadForSend({ attachments: attachmentsOf(conversation), providerId: conversation.providerId });
    const built = this.buildBody({ conversation, resolver: sendResolver });
    return { messages: built.body.messages, missing: [...new Set([...missing, ...built.pending])] };
  }

  /** Records the token preview's estimate for a display body (compared with the usage after sending). */
  recordEstimate({ body, estimate }: { body: string; estimate: PromptEstimate }): void {
    // The provider's exact count of a body outranks a local estimate of the same body.
    if (this.latestEstimate?.body === body && this.latestEstimate.estimate.exact && !estimate.exact) return;
    this.latestEstimate = { body, estimate };
  }

  /** Sends the message being written (or `text`) and streams the answer; held back if it breaks a rule. */
  send(text?: string, { force = false }: { force?: boolean } = {}): void {
    const content = text ?? this.state.conversation.draft;
    const attachments = text === undefined ? this.state.conversation.draftAttachments : [];
    if ((!content.trim() && attachments.length === 0) || this.isGenerating()) return;
    if (text === undefined && this.draftBlocker()) return;
    const userTurn: Turn = { id: createId(), role: "user", content, ...(attachments.length > 0 ? { attachments } : {}), createdAt: Date.now() };
    // The prefix goes with the message it was written for, like the draft.
    const prefix = text === undefined && this.state.conversation.assistantPrefix?.content ? this.state.conversation.assistantPrefix : undefined;
    // A held-back message stays in the composer (it used to vanish until Cancel put it back).
    const started = this.startAnswer({ turns: [...this.state.conversation.turns, userTurn], prefix, force, fromDraft: text === undefined });
    if (started && text === undefined) this.updateConversation({ draft: "", draftAttachments: [], assistantPrefix: undefined });
  }

  /** Sends a held-back request as it is, to see what the service says. */
  sendAnyway(): void {
    const heldBack = this.state.heldBack;
    if (!heldBack) return;
    // The message still in the composer goes as it reads now (it may have been edited meanwhile).
    if (heldBack.fromDraft) this.send(undefined, { force: true });
    else this.startAnswer({ turns: heldBack.turns, prefix: heldBack.prefix, answerVersions: heldBack.answerVersions, force: true });
  }

  /** Drops a held-back request, putting its message back in the composer (where a new message already is). */
  cancelHeldBack(): void {
    const heldBack = this.state.heldBack;
    if (!heldBack) return;
    if (heldBack.fromDraft) {
      this.setState({ ...this.state, heldBack: undefined });
      return;
    }
    const last = heldBack.turns[heldBack.turns.length - 1];
    const restoreDraft = last?.role === "user" && !this.state.conversation.turns.includes(last);
    this.setState({ ...this.state, heldBack: undefined });
    if (restoreDraft) this.updateConversation({ draft: last.content, draftAttachments: last.attachments ?? [], ...(heldBack.prefix ? { assistantPrefix: heldBack.prefix } : {}) });
  }

  /** Answers the last assistant message's tool calls and asks the model to continue. */
  submitToolResults(results: ToolResult[]): void {
    if (this.isGenerating() || results.length === 0) return;
    const toolTurns: Turn[] = results.map((result) => ({
      id: createId(),
      role: "tool",
      toolCallId: result.toolCallId,
      content: result.content,
      ...(result.name ? { name: result.name } : {}),
      ...(result.source ? { source: result.source } : {}),
      ...(result.detail ? { detail: result.detail } : {}),
      createdAt: Date.now(),
    }));
    this.setState({ ...this.state, toolRun: undefined });
    this.startAnswer({ turns: [...this.state.conversation.turns, ...toolTurns] });
  }

  /** Stops the open conversation's answer (the gateway cancels the upstream request) and any tools running for it. */
  stop(): void {
    this.tools.stop();
    this.answers.stop(this.state.conversation.id);
  }

  /**
   * Turns Kimi's built-in web search on or off. Moonshot requires thinking off with it, so turning
   * it on switches thinking off where the model allows (reported like any automatic change).
   */
  setWebSearch(on: boolean): void {
    const spec = this.specFor(this.state.conversation);
    const settings = this.settings();
    const family = rulesFor(settings.providerId).family;
    if (on && spec.thinking.mode === "optional" && requestThinks({ fields: settings.parameters, family, spec })) {
      const switched = switchThinking({ settings, spec, thinking: false });
      this.updateConversation({ parameters: withWebSearch({ parameters: switched.parameters, on }) });
      const changes = [{ field: "thinking", description: "thinking turned off: Moonshot requires it off when $web_search is used", code: "web-search-thinking-off", values: {} }, ...(switched.notice?.changes ?? [])];
      this.setState({ ...this.state, heldBack: undefined, parameterNotice: { title: { text: "Web search on", code: "web-search", values: {} }, changes, previous: settings } });
      return;
    }
    this.setParameters(withWebSearch({ parameters: this.state.conversation.parameters, on }));
  }

  /** Fetches an official tool's definitions through the gateway and adds them to `tools`; returns why it could not. */
  async addOfficialTool(uri: string): Promise<{ message: string; code?: string; values?: Record<string, string> } | undefined> {
    const { providerId } = this.state.conversation;
    const fetched = await fetchOfficialTools({ providerId, uri: uri.trim(), apiKey: loadProviderKeys()[providerId] });
    if (!fetched.ok) return fetched;
    const added = withOfficialTool({ conversation: this.state.conversation, uri: uri.trim(), tools: fetched.tools });
    if (!added.ok) return added;
    this.updateConversation({ parameters: added.parameters, officialTools: added.officialTools });
    this.setState({ ...this.state, heldBack: undefined });
    return undefined;
  }

  /** Removes an official tool and its functions from `tools`. */
  removeOfficialTool(uri: string): void {
    this.updateConversation(withoutOfficialTool({ conversation: this.state.conversation, uri }));
    this.setState({ ...this.state, heldBack: undefined });
  }

  /** Lets one function of an official tool run without asking, or not. */
  setOfficialToolAutoRun({ uri, name, on }: { uri: string; name: string; on: boolean }): void {
    this.updateConversation({ officialTools: withAutoRun({ officialTools: this.state.conversation.officialTools ?? [], uri, name, on }) });
  }

  /** The tool-loop checker's findings for the open conversation's next request. */
  toolLoopFindings(): ToolLoopFinding[] {
    const conversation = this.state.conversation;
    return checkToolLoop({ request: this.nextRequest(conversation).body, spec: this.specFor(conversation), providerId: conversation.providerId });
  }

  /**
   * Applies a fix of the tool-loop checker to the conversation (a held-back request is cancelled
   * first, its message back in the composer); returns why it could not, as a catalog code (`toolLoopFixProblems.<code>`).
   */
  async applyToolLoopFix(fix: ToolLoopFix): Promise<"answer-streaming" | "no-saved-reasoning" | undefined> {
    if (this.isGenerating()) return "answer-streaming";
    if (this.state.heldBack) this.cancelHeldBack();
    if (fix.kind === "thinking-off") {
      this.setThinking(false);
      return undefined;
    }
    const conversation = this.state.conversation;
    if (fix.kind === "restore-reasoning") {
      const saved = (await allConversations().catch(() => [])).filter((candidate) => candidate.id !== conversation.id);
      const restored = withRestoredReasoning({ conversation, toolCallIds: fix.toolCallIds, saved });
      if (!restored) return "no-saved-reasoning";
      this.updateConversation({ turns: restored.turns }, { saveNow: true });
      return undefined;
    }
    const fixed = applyConversationFix({ conversation, fix });
    this.updateConversation({ turns: fixed.turns, parameters: fixed.parameters }, { saveNow: true });
    return undefined;
  }

  /** Sets (or with undefined removes) the mock a tool's calls are answered with. */
  setToolMock({ name, template }: { name: string; template: string | undefined }): void {
    const { [name]: _previous, ...others } = this.state.conversation.toolMocks ?? {};
    this.updateConversation({ toolMocks: template === undefined ? others : { ...others, [name]: template } });
  }

  /** Answers the message before `assistantTurnId` again; the answer it replaces (and what followed it) stays as an earlier version. */
  regenerate(assistantTurnId: string): void {
    if (this.isGenerating()) return;
    const turns = this.state.conversation.turns;
    const index = turns.findIndex((turn) => turn.id === assistantTurnId);
    const answer = turns[index];
    if (index > 0) this.startAnswer({ turns: turns.slice(0, index), prefix: answer?.role === "assistant" ? answer.prefix : undefined, answerVersions: versionsForNew({ turns, index }) });
  }

  /** Replaces a user message and asks again; the message as it was (and everything after it) stays as an earlier version. */
  editAndResend({ userTurnId, text }: { userTurnId: string; text: string }): void {
    if (!text.trim() || this.isGenerating()) return;
    const turns = this.state.conversation.turns;
    const index = turns.findIndex((turn) => turn.id === userTurnId);
    const turn = turns[index];
    if (turn?.role !== "user") return;
    const versions = versionsForNew({ turns, index });
    const { versions: _shown, ...edited } = turn;
    this.startAnswer({ turns: [...turns.slice(0, index), { ...edited, id: createId(), content: text, ...(versions ? { versions } : {}) }] });
  }

  /** Shows the previous (-1) or next (1) version of the conversation from a regenerated answer or an edited message on. */
  showVersion({ turnId, step }: { turnId: string; step: -1 | 1 }): void {
    if (this.isGenerating()) return;
    if (this.state.heldBack) this.cancelHeldBack();
    this.updateConversation({ turns: showVersion({ turns: this.state.conversation.turns, turnId, step }) }, { saveNow: true });
  }

  /**
   * Checks the request for `turns` against the rules, then streams its answer into a new turn.
   * Returns false when it was held back (`fromDraft`: its new message is still in the composer).
   */
  private startAnswer({ turns, prefix, answerVersions, force = false, fromDraft = false }: { turns: Turn[]; prefix?: AssistantPrefix; answerVersions?: TurnVersions; force?: boolean; fromDraft?: boolean }): boolean {
    const { conversation } = this.state;
    const display = this.buildBody({ conversation, turns, resolver: displayResolver, prefix });
    const issues = force ? [] : checkRequest({ request: display.body, spec: this.specFor(conversation), providerId: conversation.providerId });
    if (issues.length > 0) {
      const toolLoop = checkToolLoop({ request: display.body, spec: this.specFor(conversation), providerId: conversation.providerId, issues });
      this.setState({ ...this.state, heldBack: { issues, turns, toolLoop, ...(prefix ? { prefix } : {}), ...(fromDraft ? { fromDraft } : {}), ...(answerVersions ? { answerVersions } : {}) } });
      return false;
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
      ...(prefix ? { prefix } : {}),
      ...(promptEstimate ? { promptEstimate } : {}),
      ...(answerVersions ? { versions: answerVersions } : {}),
      createdAt: Date.now(),
    };
    this.answers.begin({ conversationId: conversation.id, turnId: answer.id });
    this.setState({ ...this.state, heldBack: undefined });
    this.updateConversation({ turns: [...turns, answer] }, { saveNow: true });
    const attachments = attachmentsOf({ turns, draftAttachments: [] });
    // Media bytes are read from browser storage only now, when the request is really sent.
    const prepareBody: PrepareBody = async () => {
      if (attachments.length === 0) return { ok: true, body: display.body };
      const missing = await this.media.loadForSend({ attachments, providerId: conversation.providerId });
      const real = this.buildBody({ conversation, turns, resolver: sendResolver, prefix });
      if (missing.length > 0 || real.pending.length > 0) {
        return { ok: false, error: { type: "media_missing", message: `The bytes of ${[...new Set([...missing, ...real.pending])].join(", ")} are not in this browser's storage any more. Edit the message, remove the attachment and attach it again.`, code: "media-missing", values: { names: [...new Set([...missing, ...real.pending])].join(", ") } } };
      }
      return { ok: true, body: real.body };
    };
    void this.streamAnswer({ conversationId: conversation.id, answer, prepareBody });
    return true;
  }

  private async streamAnswer({ conversationId, answer, prepareBody }: { conversationId: string; answer: AssistantTurn; prepareBody: PrepareBody }): Promise<void> {
    // What streamed so far survives a crash or a closed tab.
    const saveProgress = setInterval(() => {
      if (this.state.conversation.id === conversationId) this.persistence.saveNow();
    }, 2000);
    let turn: AssistantTurn;
    try {
      const { finished, attempts } = await this.answers.run({ turnId: answer.id, providerId: answer.providerId, prepareBody, apiKey: loadProviderKeys()[answer.providerId] });
      turn = { ...answer, ...finished, ...(attempts !== undefined ? { attempts } : {}) };
      await this.recordAnswer({ conversationId, turn });
    } finally {
      clearInterval(saveProgress);
      this.answers.end(answer.id);
    }
    // Web search, allowed official tools and mocks answer by themselves; the loop goes on.
    await this.tools.continueAfter({ conversationId, turn });
  }

  /** Puts a finished answer into its conversation: on screen, or in the history when another is open. */
  private async recordAnswer({ conversationId, turn }: { conversationId: string; turn: AssistantTurn }): Promise<void> {
    const replace = (turns: Turn[]) => turns.map((candidate) => (candidate.id === turn.id ? turn : candidate));
    if (conversationId === this.state.conversation.id) {
      this.updateConversation({ turns: replace(this.state.conversation.turns) }, { saveNow: true });
      return;
    }
    if (!this.deleted.has(conversationId)) await this.history.updateStored({ id: conversationId, update: (stored) => ({ ...stored, turns: replace(stored.turns) }) });
  }

  /** Applies changes; messages and answers are saved at once, edits to settings shortly after. */
  private updateConversation(changes: Partial<Conversation>, { saveNow = false }: { saveNow?: boolean } = {}): void {
    this.setState({ ...this.state, conversation: { ...this.state.conversation, ...changes, updatedAt: Date.now() } });
    if (saveNow) this.persistence.saveNow();
    else this.persistence.schedule();
  }

  private announceHistoryChange(): void {
    this.setState({ ...this.state, historyVersion: this.state.historyVersion + 1 });
  }

  private setState(state: WorkbenchState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

/** The page's store. */
export const conversationStore = new ConversationStore();
