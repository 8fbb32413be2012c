import type { DiscoveredModel, ModelSpec, ProviderId } from "@/lib/catalog/catalog-types";
import { describeModel } from "@/lib/catalog/model-catalog";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import type { ChatRequest, ToolCall, Usage } from "@/lib/gateway/chat-wire";
import type { ProviderSummary, ProvidersResponse } from "@/lib/providers/provider-summary";
import { adaptParameters, type ParameterChange } from "@/lib/request/adapt-parameters";
import { buildRequestBody } from "@/lib/request/build-request";
import { isDeepStrictEqual } from "@/lib/request/deep-equal";
import { readRequestBody, type ReadProblem } from "@/lib/request/read-request";
import { checkRequest, type RuleIssue } from "@/lib/request/request-rules";
import { readPreserveThinking, readThinkingSwitch, writeThinkingFields } from "@/lib/request/thinking-fields";
import { loadConversation, loadProviderKeys, saveConversation } from "./browser-storage";
import type { AssistantTurn, Conversation, RequestParameters, Turn, TurnError, TurnTimings } from "./conversation-types";
import { LiveStream } from "./live-stream";
import { openChatStream, readChatStream } from "./read-chat-stream";

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
}

/** A random id; `crypto.randomUUID` is missing on plain-http LAN origins, so build one from random bytes. */
export function createId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

const serverState: WorkbenchState = {
  loaded: false,
  conversation: { id: "", providerId: "simulator", model: "", systemPrompt: "", parameters: {}, draft: "", turns: [], updatedAt: 0 },
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
  private initializing = false;
  private discovered = new Map<ProviderId, DiscoveredModel[]>();

  readonly getSnapshot = (): WorkbenchState => this.state;
  readonly getServerSnapshot = (): WorkbenchState => serverState;
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Reads the saved conversation (or starts one on the server's default provider). */
  async initialize({ providers }: { providers: ProvidersResponse }): Promise<void> {
    this.providers = providers.providers;
    if (this.state.loaded || this.initializing) return;
    this.initializing = true;
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
          turns: [],
          updatedAt: Date.now(),
        };
    this.setState({ loaded: true, conversation, notice: saved.notice });
    // Typing is saved with a short delay; make sure nothing is lost when the page goes away.
    window.addEventListener("pagehide", () => this.persist());
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
    return buildRequestBody({ conversation, spec: this.specFor(conversation), family: rulesFor(conversation.providerId).family });
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
    const result = readRequestBody({ body, conversation, currentMessages: this.nextRequest().body.messages, providerId: conversation.providerId, createId });
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

  /** Clears the conversation, keeping provider, model, system prompt and parameters. */
  startNewConversation(): void {
    this.stop();
    this.updateConversation({ id: createId(), turns: [] }, { saveNow: true });
    this.setState({ ...this.state, heldBack: undefined });
  }

  dismissNotice(): void {
    this.setState({ ...this.state, notice: undefined });
  }

  /** Sends the message being written (or `text`) and streams the answer; held back if it breaks a rule. */
  send(text?: string): void {
    const content = text ?? this.state.conversation.draft;
    if (!content.trim() || this.isGenerating()) return;
    const userTurn: Turn = { id: createId(), role: "user", content, createdAt: Date.now() };
    this.updateConversation({ draft: text === undefined ? "" : this.state.conversation.draft });
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
    if (restoreDraft) this.updateConversation({ draft: last.content });
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
    const { body } = buildRequestBody({ conversation: { ...conversation, turns }, includeDraft: false, spec, family: rulesFor(conversation.providerId).family });
    const issues = force ? [] : checkRequest({ request: body, spec, providerId: conversation.providerId });
    if (issues.length > 0) {
      this.setState({ ...this.state, heldBack: { issues, turns } });
      return;
    }
    const answer: AssistantTurn = {
      id: createId(),
      role: "assistant",
      providerId: conversation.providerId,
      model: conversation.model,
      content: "",
      reasoning: "",
      status: "streaming",
      createdAt: Date.now(),
    };
    this.liveStreams.set(answer.id, new LiveStream());
    this.setState({ ...this.state, heldBack: undefined });
    this.updateConversation({ turns: [...turns, answer] }, { saveNow: true });
    void this.streamAnswer({ answer, body });
  }

  private async streamAnswer({ answer, body }: { answer: AssistantTurn; body: ChatRequest }): Promise<void> {
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
      const opened = await openChatStream({ providerId: answer.providerId, body, apiKey: loadProviderKeys()[answer.providerId], signal: controller.signal });
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
    const failure = saveConversation({ ...conversation, turns });
    if (failure && failure !== this.state.notice) this.setState({ ...this.state, notice: failure });
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
