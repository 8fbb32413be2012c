import { describe, expect, it } from "vitest";
import type { ChatMessage, ChatRequest } from "@/lib/wire/chat-request";
import { ReasoningMemory, replayScope } from "./reasoning-replay";

const call = { id: "get_weather_0", type: "function", function: { name: "get_weather", arguments: '{"city": "Paris", "unit": "c"}' } };
const prefix: ChatMessage[] = [
  { role: "system", content: "Be brief." },
  { role: "user", content: "Weather in Paris?" },
];
const scope = replayScope({ providerId: "moonshot", apiKey: "sk-alice" });

/** The follow-up a client sends after running the tool, as LangChain does: no reasoning, arguments re-serialized. */
function followUp(overrides: Partial<Extract<ChatMessage, { role: "assistant" }>> = {}): ChatRequest {
  return {
    model: "kimi-k2.7-code",
    messages: [
      { role: "system", content: [{ type: "text", text: "Be brief." }] },
      { role: "user", content: "Weather in Paris?" },
      { role: "assistant", content: null, tool_calls: [{ ...call, function: { ...call.function, arguments: '{"unit":"c","city":"Paris"}' } }], ...overrides },
      { role: "tool", tool_call_id: "get_weather_0", content: "18 °C" },
    ],
  };
}

describe("reasoning replay", () => {
  it("puts the remembered reasoning back on the tool-call turn that came back without it", () => {
    const memory = new ReasoningMemory();
    memory.remember({ scope, request: { model: "kimi-k2.7-code", messages: prefix }, toolCalls: [call], reasoning: "The user wants the weather; call get_weather." });
    const { request, restored } = memory.restore({ scope, request: followUp() });
    expect(restored).toBe(1);
    expect(request.messages[2]).toMatchObject({ role: "assistant", reasoning_content: "The user wants the weather; call get_weather." });
    // Everything else is sent as the client wrote it.
    expect({ ...request, messages: request.messages.filter((_, index) => index !== 2) }).toEqual({ ...followUp(), messages: followUp().messages.filter((_, index) => index !== 2) });
  });

  it("leaves turns that carry their reasoning, and turns it does not know, alone", () => {
    const memory = new ReasoningMemory();
    memory.remember({ scope, request: { model: "kimi-k2.7-code", messages: prefix }, toolCalls: [call], reasoning: "remembered" });
    expect(memory.restore({ scope, request: followUp({ reasoning_content: "the client's own" }) }).restored).toBe(0);
    const otherCall = { ...call, id: "get_weather_1" };
    expect(memory.restore({ scope, request: followUp({ tool_calls: [otherCall] }) }).restored).toBe(0);
    const otherQuestion = followUp();
    otherQuestion.messages[1] = { role: "user", content: "Weather in Rome?" };
    expect(memory.restore({ scope, request: otherQuestion }).restored).toBe(0);
  });

  it("never gives one caller's reasoning to another (the key includes the credential)", () => {
    const memory = new ReasoningMemory();
    memory.remember({ scope, request: { model: "kimi-k2.7-code", messages: prefix }, toolCalls: [call], reasoning: "Alice's reasoning" });
    expect(memory.restore({ scope: replayScope({ providerId: "moonshot", apiKey: "sk-bob" }), request: followUp() }).restored).toBe(0);
    expect(memory.restore({ scope: replayScope({ providerId: "simulator", apiKey: "sk-alice" }), request: followUp() }).restored).toBe(0);
  });

  it("stays within its bounds, forgetting the least recently used first", () => {
    const memory = new ReasoningMemory({ maxEntries: 2, maxCharacters: 1_000 });
    const remember = (question: string, reasoning = "r".repeat(100)) =>
      memory.remember({ scope, request: { model: "m", messages: [{ role: "user", content: question }] }, toolCalls: [call], reasoning });
    const restoreFor = (question: string) =>
      memory.restore({ scope, request: { model: "m", messages: [{ role: "user", content: question }, { role: "assistant", content: "", tool_calls: [call] }] } }).restored;
    remember("one");
    remember("two");
    expect(restoreFor("one")).toBe(1); // "one" is now the most recently used
    remember("three");
    expect(memory.size().entries).toBe(2);
    expect(restoreFor("two")).toBe(0);
    expect(restoreFor("one")).toBe(1);
    remember("long", "x".repeat(950));
    expect(memory.size().characters).toBeLessThanOrEqual(1_000);
    remember("too long for the memory", "y".repeat(1_001));
    expect(restoreFor("too long for the memory")).toBe(0);
  });
});
