import { describe, expect, it } from "vitest";
import { findModelSpec } from "@/lib/catalog/model-catalog";
import type { AssistantTurn, Conversation, Turn } from "@/lib/conversation/conversation-types";
import { buildRequestBody } from "./build-request";
import { expectWordedAsEnglish } from "@/testing/catalog-wording";

const answer = (overrides: Partial<AssistantTurn>): AssistantTurn => ({
  id: "a",
  role: "assistant",
  providerId: "moonshot",
  model: "kimi-k2.6",
  content: "Answer",
  reasoning: "Because.",
  status: "done",
  createdAt: 1,
  ...overrides,
});
const user = (content: string): Turn => ({ id: content, role: "user", content, createdAt: 1 });
const conversation = (overrides: Partial<Conversation>): Conversation => ({
  id: "c",
  providerId: "moonshot",
  model: "kimi-k2.6",
  systemPrompt: "",
  parameters: {},
  draft: "",
  draftAttachments: [],
  turns: [],
  updatedAt: 1,
  ...overrides,
});
const spec = (model: string) => findModelSpec({ providerId: "moonshot", modelId: model })!;

describe("buildRequestBody", () => {
  it("sends system prompt, history, draft and the parameters exactly as set, and says what it added", () => {
    const { body, adjustments } = buildRequestBody({
      conversation: conversation({
        systemPrompt: "Be brief.",
        parameters: { max_tokens: 500, thinking: { type: "disabled" }, custom_field: 1 },
        draft: "three",
        turns: [user("one"), answer({ status: "error", content: "", error: { type: "x", message: "y" } }), user("two"), answer({ content: "Two." })],
      }),
      spec: spec("kimi-k2.6"),
      family: "moonshot",
    });
    expect(body).toEqual({
      model: "kimi-k2.6",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "one" },
        { role: "user", content: "two" },
        { role: "assistant", content: "Two." },
        { role: "user", content: "three" },
      ],
      max_tokens: 500,
      thinking: { type: "disabled" },
      custom_field: 1,
      stream: true,
    });
    expect(adjustments.map((adjustment) => [adjustment.kind, adjustment.field])).toEqual([
      ["dropped", "messages"],
      ["added", "stream"],
    ]);
  });

  it("sends reasoning back where the model keeps it, for tool-call turns, and with preserved thinking", () => {
    const history = [user("q"), answer({})];
    const kept = buildRequestBody({ conversation: conversation({ model: "kimi-k2.7-code", turns: history }), spec: spec("kimi-k2.7-code"), family: "moonshot" });
    expect(kept.body.messages[1]).toEqual({ role: "assistant", content: "Answer", reasoning_content: "Because." });
    expect(kept.adjustments.some((adjustment) => adjustment.field === "messages[].reasoning_content")).toBe(true);
    const dropped = buildRequestBody({ conversation: conversation({ model: "kimi-k2.5", turns: history }), spec: spec("kimi-k2.5"), family: "moonshot" });
    expect(dropped.body.messages[1]).toEqual({ role: "assistant", content: "Answer" });
    const preserved = buildRequestBody({ conversation: conversation({ turns: history, parameters: { thinking: { type: "enabled", keep: "all" } } }), spec: spec("kimi-k2.6"), family: "moonshot" });
    expect(preserved.body.messages[1]).toMatchObject({ reasoning_content: "Because." });
    const toolTurn = answer({ content: "", toolCalls: [{ id: "get_weather_0", type: "function", function: { name: "get_weather", arguments: "{}" } }] });
    const tools = buildRequestBody({
      conversation: conversation({ model: "kimi-k2.5", turns: [user("q"), toolTurn, { id: "t", role: "tool", toolCallId: "get_weather_0", name: "get_weather", content: "sunny", createdAt: 1 }] }),
      spec: spec("kimi-k2.5"),
      family: "moonshot",
    });
    expect(tools.body.messages.slice(1)).toEqual([
      { role: "assistant", content: "", reasoning_content: "Because.", tool_calls: toolTurn.toolCalls },
      { role: "tool", tool_call_id: "get_weather_0", name: "get_weather", content: "sunny" },
    ]);
  });

  it("always streams, saying so when the parameters asked otherwise", () => {
    const { body, adjustments } = buildRequestBody({ conversation: conversation({ parameters: { stream: false } }), spec: spec("kimi-k2.6"), family: "moonshot" });
    expect(body.stream).toBe(true);
    expect(adjustments).toEqual([{ kind: "changed", code: "stream-changed", values: { value: "false" }, field: "stream", reason: "The workbench streams answers, so false becomes true." }]);
  });

  it("ends the request with the partial assistant prefix, and sends an answer that continued one joined to it", () => {
    const { body } = buildRequestBody({
      conversation: conversation({
        draft: "Name a colour",
        assistantPrefix: { content: "My favourite colour is", name: "Kimi" },
        turns: [user("Start a JSON object"), answer({ prefix: { content: "{" }, content: '"a": 1}' })],
      }),
      spec: spec("kimi-k2.6"),
      family: "moonshot",
    });
    expect(body.messages.slice(1)).toEqual([
      { role: "assistant", content: '{"a": 1}', reasoning_content: undefined, ...{} },
      { role: "user", content: "Name a colour" },
      { role: "assistant", content: "My favourite colour is", partial: true, name: "Kimi" },
    ].map((message) => JSON.parse(JSON.stringify(message))));
    const empty = buildRequestBody({ conversation: conversation({ draft: "hi", assistantPrefix: { content: "" } }), spec: spec("kimi-k2.6"), family: "moonshot" });
    expect(empty.body.messages.at(-1)).toEqual({ role: "user", content: "hi" });
  });
});

describe("workbench adjustments in the catalogs", () => {
  it("words what the workbench changes, in English word for word", () => {
    const failed: AssistantTurn = { id: "a0", role: "assistant", providerId: "moonshot", model: "kimi-k2.6", content: "", reasoning: "", status: "error", createdAt: 1 };
    const answered: AssistantTurn = { id: "a1", role: "assistant", providerId: "moonshot", model: "kimi-k2.6", content: "Hello", reasoning: "Thinking", status: "done", createdAt: 2 };
    const turns: Turn[] = [{ id: "u0", role: "user", content: "Hi", createdAt: 0 }, failed, { id: "u1", role: "user", content: "Hi again", createdAt: 1 }, answered, { id: "u2", role: "user", content: "And?", createdAt: 3 }];
    const base = { id: "c", providerId: "moonshot" as const, model: "kimi-k2.6", systemPrompt: "", draft: "", draftAttachments: [], updatedAt: 1 };
    const adjustments = [
      ...buildRequestBody({ conversation: { ...base, turns, parameters: { thinking: { type: "enabled", keep: "all" }, stream: false } }, spec: findModelSpec({ providerId: "moonshot", modelId: "kimi-k2.6" })!, family: "moonshot" }).adjustments,
      ...buildRequestBody({ conversation: { ...base, turns: [], parameters: {} }, spec: findModelSpec({ providerId: "moonshot", modelId: "kimi-k2.6" })!, family: "moonshot" }).adjustments,
    ];
    expect(adjustments.map((adjustment) => adjustment.code)).toEqual(expect.arrayContaining(["history-left-out", "reasoning-kept", "stream-changed", "stream-added"]));
    expectWordedAsEnglish({ namespace: "adjustments", items: adjustments.map((adjustment) => ({ code: adjustment.code, values: adjustment.values, english: adjustment.reason })) });
  });
});
