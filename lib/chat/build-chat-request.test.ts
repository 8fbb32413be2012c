import { describe, expect, it } from "vitest";
import { findModelSpec } from "@/lib/catalog/model-catalog";
import { buildChatRequest } from "./build-chat-request";
import type { AssistantTurn, Turn } from "./conversation-types";

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
const spec = (model: string) => findModelSpec({ providerId: "moonshot", modelId: model })!;

describe("buildChatRequest", () => {
  it("sends the system prompt and the history, dropping failed and empty answers", () => {
    const request = buildChatRequest({
      conversation: { model: "kimi-k2.6", systemPrompt: "Be brief.", thinking: "default" },
      turns: [user("one"), answer({ status: "error", content: "", error: { type: "x", message: "y" } }), user("two"), answer({ content: "Two." }), user("three")],
      spec: spec("kimi-k2.6"),
      thinkingEnabled: true,
    });
    expect(request).toEqual({
      model: "kimi-k2.6",
      stream: true,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "one" },
        { role: "user", content: "two" },
        { role: "assistant", content: "Two." },
        { role: "user", content: "three" },
      ],
    });
  });

  it("sends reasoning back for models that keep it, and for tool-call turns", () => {
    const kept = buildChatRequest({ conversation: { model: "kimi-k2.7-code", systemPrompt: "", thinking: "default" }, turns: [user("q"), answer({}), user("q2")], spec: spec("kimi-k2.7-code"), thinkingEnabled: true });
    expect(kept.messages[1]).toEqual({ role: "assistant", content: "Answer", reasoning_content: "Because." });
    const toolTurn = answer({ content: "", toolCalls: [{ id: "get_weather_0", type: "function", function: { name: "get_weather", arguments: "{}" } }] });
    const withTools = buildChatRequest({ conversation: { model: "kimi-k2.5", systemPrompt: "", thinking: "default" }, turns: [user("q"), toolTurn], spec: spec("kimi-k2.5"), thinkingEnabled: true });
    expect(withTools.messages[1]).toMatchObject({ reasoning_content: "Because.", tool_calls: toolTurn.toolCalls });
    const dropped = buildChatRequest({ conversation: { model: "kimi-k2.5", systemPrompt: "", thinking: "default" }, turns: [user("q"), answer({}), user("q2")], spec: spec("kimi-k2.5"), thinkingEnabled: true });
    expect(dropped.messages[1]).toEqual({ role: "assistant", content: "Answer" });
  });

  it("sends the thinking switch only when the user chose and the model allows a choice", () => {
    const build = (model: string, thinking: "default" | "on" | "off") =>
      buildChatRequest({ conversation: { model, systemPrompt: "", thinking }, turns: [user("q")], spec: spec(model), thinkingEnabled: thinking !== "off" }).thinking;
    expect(build("kimi-k2.6", "default")).toBeUndefined();
    expect(build("kimi-k2.6", "off")).toEqual({ type: "disabled" });
    expect(build("kimi-k2.6", "on")).toEqual({ type: "enabled" });
    expect(build("kimi-k2.7-code", "off")).toBeUndefined();
    expect(build("moonshot-v1-8k", "on")).toBeUndefined();
  });
});
