import type { ProviderId } from "@/lib/catalog/catalog-types";
import { createId } from "@/lib/conversation/create-id";
import type { Conversation, Turn } from "@/lib/conversation/conversation-types";
import { listVariables, renderTemplate, type PromptTemplate, type VariableValue } from "@/lib/prompts/prompt-template";
import type { CellRecord, RunColumn } from "@/lib/runs/run-cell";
import type { ChatMessage, MessageContent } from "@/lib/wire/chat-request";
import { columnLabel, createProject, type PromptProject } from "./prompt-project";

// Between the playground and prompt prototyping: a conversation becomes a prompt (its system prompt,
// turns and parameters), and a prompt or one cell of a run opens as a conversation to continue by
// hand. Media in a conversation live in this browser's media store and are not carried across:
// they are named in `left` so the caller can say so.

function textOf(content: MessageContent | null | undefined): { text: string; media: number } {
  if (content === null || content === undefined) return { text: "", media: 0 };
  if (typeof content === "string") return { text: content, media: 0 };
  let media = 0;
  const text = content
    .map((part) => {
      if (part.type === "text") return part.text;
      media += 1;
      return part.type === "image_url" ? "[image]" : part.type === "video_url" ? "[video]" : `[${part.type}]`;
    })
    .join("");
  return { text, media };
}

/** A conversation as a prompt template: its system prompt and turns as messages, its parameters. */
export function promptFromConversation(conversation: Conversation): { template: PromptTemplate; providerId: ProviderId; left: string[] } {
  const messages: ChatMessage[] = [];
  const left: string[] = [];
  if (conversation.systemPrompt.trim()) messages.push({ role: "system", content: conversation.systemPrompt });
  for (const turn of conversation.turns) {
    if (turn.role === "user") {
      if (turn.attachments && turn.attachments.length > 0) left.push(`${turn.attachments.length} attachment(s) of a user message (add them as media variables)`);
      messages.push({ role: "user", content: turn.content });
    } else if (turn.role === "assistant") {
      messages.push({ role: "assistant", content: turn.content, ...(turn.toolCalls && turn.toolCalls.length > 0 ? { tool_calls: turn.toolCalls } : {}) });
    } else {
      messages.push({ role: "tool", tool_call_id: turn.toolCallId, content: turn.content, ...(turn.name ? { name: turn.name } : {}) });
    }
  }
  if (conversation.draft.trim()) messages.push({ role: "user", content: conversation.draft });
  // The answer to the last question is what the prompt is prototyped for, not part of it.
  while (messages.length > 0 && messages.at(-1)!.role !== "user") {
    messages.pop();
    left.push("the last answer (runs produce it)");
  }
  if (!messages.some((message) => message.role === "user")) messages.push({ role: "user", content: "{{input}}" });
  return { template: { model: conversation.model, messages, parameters: structuredClone(conversation.parameters) }, providerId: conversation.providerId, left };
}

function turnsFromMessages({ messages, providerId, model, now }: { messages: ChatMessage[]; providerId: ProviderId; model: string; now: number }): { systemPrompt: string; turns: Turn[]; media: number } {
  const turns: Turn[] = [];
  const system: string[] = [];
  let media = 0;
  for (const message of messages) {
    const read = textOf(message.content);
    media += read.media;
    if (message.role === "system") system.push(read.text);
    else if (message.role === "user") turns.push({ id: createId(), role: "user", content: read.text, createdAt: now });
    else if (message.role === "assistant") turns.push({ id: createId(), role: "assistant", providerId, model, content: read.text, reasoning: message.reasoning_content ?? "", ...(message.tool_calls ? { toolCalls: message.tool_calls } : {}), status: "done", createdAt: now });
    else turns.push({ id: createId(), role: "tool", toolCallId: message.tool_call_id, content: read.text, ...(message.name ? { name: message.name } : {}), createdAt: now });
  }
  return { systemPrompt: system.join("\n\n"), turns, media };
}

/**
 * One cell of a run as a conversation: the prompt rendered with the row's values, the cell's answer
 * (with its reasoning, tool calls, usage and finish reason), the column's provider, model and
 * parameters — ready to continue by hand.
 */
export function conversationFromCell({ template, values, column, record, title, now }: { template: PromptTemplate; values: Readonly<Record<string, VariableValue>>; column: RunColumn; record?: CellRecord; title: string; now: number }): { ok: true; conversation: Conversation; media: number } | { ok: false; message: string } {
  const rendered = renderTemplate({ template, values });
  if (!rendered.ok) return { ok: false, message: rendered.problems.map((problem) => problem.message).join(" ") };
  const { model: _model, messages, ...parameters } = rendered.request;
  const read = turnsFromMessages({ messages, providerId: column.providerId, model: column.model, now });
  // Without an answer, the last question waits in the composer, ready to send.
  const last = read.turns.at(-1);
  const draft = !record && last?.role === "user" ? (read.turns.pop(), last.content) : "";
  if (record) {
    read.turns.push({
      id: createId(),
      role: "assistant",
      providerId: column.providerId,
      model: column.model,
      content: record.output,
      reasoning: record.reasoning,
      ...(record.toolCalls.length > 0 ? { toolCalls: record.toolCalls } : {}),
      status: record.status === "done" ? "done" : record.status === "cancelled" ? "stopped" : "error",
      finishReason: record.finishReason,
      ...(record.usage ? { usage: record.usage } : {}),
      ...(record.error ? { error: { type: "run_error", message: record.error } } : {}),
      timings: { ...(record.firstTokenMs !== undefined ? { firstTokenMs: record.firstTokenMs } : {}), totalMs: record.durationMs },
      createdAt: now,
    });
  }
  return {
    ok: true,
    media: read.media,
    conversation: {
      id: createId(),
      providerId: column.providerId,
      model: column.model,
      systemPrompt: read.systemPrompt,
      parameters: { ...parameters, ...column.overrides },
      draft,
      draftAttachments: [],
      turns: read.turns,
      updatedAt: now,
      title,
    },
  };
}

/** A new prompt project from a conversation: its prompt as the draft, one column on its provider and model. */
export function projectFromConversation({ conversation, id, name, providerLabel, now }: { conversation: Conversation; id: string; name: string; providerLabel: string; now: number }): { project: PromptProject; left: string[] } {
  const { template, providerId, left } = promptFromConversation(conversation);
  const base = createProject({ id, now, name });
  const variables = listVariables(template);
  return {
    left,
    project: {
      ...base,
      providerId,
      draft: template,
      rows: [{ id: "row-1", values: Object.fromEntries(variables.map((variable) => [variable, { kind: "text", text: "" }])) }],
      columns: [{ id: "column-1", providerId, model: conversation.model, overrides: {}, label: columnLabel({ model: conversation.model, providerLabel, overrides: {} }) }],
    },
  };
}
