import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { AssistantTurn, Conversation, ToolResultSource } from "@/lib/conversation/conversation-types";
import { fiberContent, runOfficialTool } from "@/lib/tools/official-tools";
import { fillMockTemplate, isAutomatic, maxAutomaticToolRounds, planToolAnswers, sourceOf, toolRoundsSinceUser, type ToolAnswerPlan } from "@/lib/tools/tool-answers";
import type { ToolCall } from "@/lib/wire/chat-request";

/** A tool result ready to send back, with who produced it. */
export interface ToolResult {
  toolCallId: string;
  name?: string;
  content: string;
  source?: ToolResultSource;
  detail?: string;
}

/** What the automatic tool loop is doing for an answer's calls, shown beside them. */
export interface ToolRunStatus {
  turnId: string;
  state: "running" | "paused";
  /** In English; the page words it from `steps` and `rounds`. */
  message: string;
  /** What is being done for the calls, each once. */
  steps: ToolRunStep[];
  /** How many automatic rounds in a row it allows before pausing. */
  rounds: number;
}

/** One thing the automatic loop does for a call. */
export interface ToolRunStep {
  kind: "web-search" | "mock" | "run";
  name: string;
}

/**
 * Answers tool calls the workbench can answer by itself (Kimi's $web_search, official tools the user
 * allowed, mocks) and continues the conversation with them; stops after a number of rounds in a row,
 * and leaves calls it cannot answer to the user's form.
 */
export class ToolRunner {
  private controller: AbortController | undefined;

  constructor(
    private readonly dependencies: {
      conversation: () => Conversation;
      apiKey: (providerId: ProviderId) => string | undefined;
      submit: (results: ToolResult[]) => void;
      setStatus: (status: ToolRunStatus | undefined) => void;
    },
  ) {}

  /** After an answer finished: when it called tools and every call can be answered automatically, answers them and continues. */
  async continueAfter({ conversationId, turn }: { conversationId: string; turn: AssistantTurn }): Promise<void> {
    const conversation = this.dependencies.conversation();
    const calls = turn.toolCalls ?? [];
    if (conversation.id !== conversationId || turn.status !== "done" || turn.finishReason !== "tool_calls" || calls.length === 0) return;
    if (conversation.turns[conversation.turns.length - 1]?.id !== turn.id) return;
    const plans = planToolAnswers({ toolCalls: calls, conversation });
    if (!plans.every(isAutomatic)) return;
    if (toolRoundsSinceUser(conversation.turns) > maxAutomaticToolRounds) {
      this.dependencies.setStatus({ turnId: turn.id, state: "paused", message: `Paused after ${maxAutomaticToolRounds} automatic tool rounds in a row: check the results below and send them to continue.`, steps: [], rounds: maxAutomaticToolRounds });
      return;
    }
    this.dependencies.setStatus({ turnId: turn.id, state: "running", ...describeRun(calls, plans), rounds: maxAutomaticToolRounds });
    const controller = new AbortController();
    this.controller = controller;
    try {
      const results = await Promise.all(calls.map((call, index) => this.answer({ call, plan: plans[index]!, providerId: turn.providerId, signal: controller.signal })));
      if (controller.signal.aborted) return;
      const now = this.dependencies.conversation();
      // The user moved on (another conversation, an edit): the results are not for this state any more.
      if (now.id !== conversationId || now.turns[now.turns.length - 1]?.id !== turn.id) return;
      this.dependencies.setStatus(undefined);
      this.dependencies.submit(results);
    } finally {
      if (this.controller === controller) this.controller = undefined;
      if (controller.signal.aborted) this.dependencies.setStatus(undefined);
    }
  }

  /** Stops running tools (the answers stay unanswered, with the form). */
  stop(): void {
    this.controller?.abort();
  }

  /** One call's result by its plan (the form's "Run" uses it for official tools the user runs by hand). */
  async answer({ call, plan, providerId, signal }: { call: ToolCall; plan: ToolAnswerPlan; providerId: ProviderId; signal?: AbortSignal }): Promise<ToolResult> {
    const base = { toolCallId: call.id, name: call.function.name, source: sourceOf(plan) };
    if (plan.kind === "web-search") return { ...base, content: call.function.arguments };
    if (plan.kind === "mock") return { ...base, content: fillMockTemplate({ template: plan.template, argumentsText: call.function.arguments }) };
    if (plan.kind === "official-tool" || plan.kind === "official-tool-manual") {
      const ran = await runOfficialTool({ providerId, uri: plan.uri, name: call.function.name, argumentsText: call.function.arguments, apiKey: this.dependencies.apiKey(providerId), signal });
      if (!ran.ok) return { ...base, content: `Error: ${ran.message}`, detail: `${plan.uri} · the run failed: ${ran.message}` };
      const detail = [plan.uri, ran.fiber.id, ran.fiber.encrypted ? "encrypted output (read by the model only)" : undefined, ran.fiber.status !== "succeeded" ? `status ${ran.fiber.status}` : undefined].filter(Boolean).join(" · ");
      return { ...base, content: fiberContent(ran.fiber), detail };
    }
    return { ...base, content: "" };
  }
}

function describeRun(calls: readonly ToolCall[], plans: readonly ToolAnswerPlan[]): Pick<ToolRunStatus, "message" | "steps"> {
  const steps = calls.map((call, index): ToolRunStep => {
    const plan = plans[index]!;
    return { kind: plan.kind === "web-search" ? "web-search" : plan.kind === "mock" ? "mock" : "run", name: call.function.name };
  });
  // Each thing done once: every web search is one step, a mock or a run is one per function.
  const unique = [...new Map(steps.map((step) => [step.kind === "web-search" ? step.kind : `${step.kind}:${step.name}`, step])).values()];
  const parts = unique.map((step) => (step.kind === "web-search" ? "sending the web search back" : step.kind === "mock" ? `mocking ${step.name}` : `running ${step.name}`));
  return { message: `Answering automatically: ${parts.join(", ")}…`, steps: unique };
}
