import type { ModelSpec, ProviderId } from "@/lib/catalog/catalog-types";
import { describeModel, resolveThinkingEnabled } from "@/lib/catalog/model-catalog";
import type { ToolCall, Usage } from "@/lib/gateway/chat-wire";
import type { ProviderSummary, ProvidersResponse } from "@/lib/providers/provider-summary";
import { loadConversation, loadProviderKeys, saveConversation } from "./browser-storage";
import { buildChatRequest } from "./build-chat-request";
import type { AssistantTurn, Conversation, ThinkingChoice, Turn, TurnError, TurnTimings } from "./conversation-types";
import { LiveStream } from "./live-stream";
import { openChatStream, readChatStream } from "./read-chat-stream";

/** What the chat screen renders from. */
export interface WorkbenchState {
  /** False until the saved conversation has been read (the server always renders this state). */
  loaded: boolean;
  conversation: Conversation;
  /** A message for the user about storage (e.g. an unreadable save). */
  notice?: string;
}

/** A random id; `crypto.randomUUID` is missing on plain-http LAN origins, so build one from random bytes. */
export function createId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

const serverState: WorkbenchState = {
  loaded: false,
  conversation: { id: "", providerId: "simulator", model: "", systemPrompt: "", thinking: "default", turns: [], updatedAt: 0 },
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

  readonly getSnapshot = (): WorkbenchState => this.state;
  readonly getServerSnapshot = (): WorkbenchState => serverState;
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Reads the saved conversation (or starts one on the server's default provider). */
  initialize({ providers }: { providers: ProvidersResponse }): void {
    this.providers = providers.providers;
    if (this.state.loaded) return;
    const saved = loadConversation();
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
          thinking: "default",
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

  /** The live text of a streaming answer. */
  getLiveStream(turnId: string): LiveStream | undefined {
    return this.liveStreams.get(turnId);
  }

  /** Capabilities of the selected (or given) model, whether or not the catalog knows it. */
  specFor({ providerId, model }: { providerId: ProviderId; model: string }): ModelSpec & { known: boolean } {
    const known = this.providers.find((provider) => provider.id === providerId)?.models.find((candidate) => candidate.id === model);
    return known ? { ...known, known: true } : describeModel({ providerId, modelId: model });
  }

  isGenerating(): boolean {
    return this.state.conversation.turns.some((turn) => turn.role === "assistant" && turn.status === "streaming");
  }

  selectProvider(providerId: ProviderId): void {
    const provider = this.providers.find((candidate) => candidate.id === providerId);
    const current = this.state.conversation.model;
    const model = provider?.models.some((candidate) => candidate.id === current) ? current : firstUsableModel(provider);
    this.updateConversation({ providerId, model });
  }

  selectModel(model: string): void {
    this.updateConversation({ model: model.trim() });
  }

  setSystemPrompt(systemPrompt: string): void {
    this.updateConversation({ systemPrompt });
  }

  setThinking(thinking: ThinkingChoice): void {
    this.updateConversation({ thinking });
  }

  /** Clears the conversation, keeping provider, model, system prompt and thinking choice. */
  startNewConversation(): void {
    this.stop();
    this.updateConversation({ id: createId(), turns: [] });
  }

  dismissNotice(): void {
    this.setState({ ...this.state, notice: undefined });
  }

  /** Sends a new user message and streams the answer. */
  send(text: string): void {
    if (!text.trim() || this.isGenerating()) return;
    const userTurn: Turn = { id: createId(), role: "user", content: text, createdAt: Date.now() };
    this.startAnswer([...this.state.conversation.turns, userTurn]);
  }

  /** Stops the answer being generated (the gateway cancels the upstream request). */
  stop(): void {
    for (const controller of this.controllers.values()) controller.abort();
  }

  /** Answers the user message before `assistantTurnId` again, replacing that answer. */
  regenerate(assistantTurnId: string): void {
    if (this.isGenerating()) return;
    const turns = this.state.conversation.turns;
    const index = turns.findIndex((turn) => turn.id === assistantTurnId);
    if (index <= 0) return;
    this.startAnswer(turns.slice(0, index));
  }

  /** Replaces a user message, drops everything after it, and asks again. */
  editAndResend({ userTurnId, text }: { userTurnId: string; text: string }): void {
    if (!text.trim() || this.isGenerating()) return;
    const turns = this.state.conversation.turns;
    const index = turns.findIndex((turn) => turn.id === userTurnId);
    const turn = turns[index];
    if (!turn || turn.role !== "user") return;
    this.startAnswer([...turns.slice(0, index), { ...turn, content: text }]);
  }

  private startAnswer(turns: Turn[]): void {
    const { conversation } = this.state;
    const spec = this.specFor(conversation);
    const thinkingEnabled = resolveThinkingEnabled({
      spec,
      requested: conversation.thinking === "default" ? undefined : conversation.thinking === "on",
    });
    const body = buildChatRequest({ conversation, turns, spec, thinkingEnabled });
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
    this.updateConversation({ turns: [...turns, answer] }, { saveNow: true });
    void this.streamAnswer({ answer, body });
  }

  private async streamAnswer({ answer, body }: { answer: AssistantTurn; body: ReturnType<typeof buildChatRequest> }): Promise<void> {
    const live = this.liveStreams.get(answer.id)!;
    const controller = new AbortController();
    this.controllers.set(answer.id, controller);
    const toolCalls: ToolCall[] = [];
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
