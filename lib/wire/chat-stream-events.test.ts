import { describe, expect, it } from "vitest";
import { expectWordedAsEnglish } from "@/testing/catalog-wording";
import { readChatStream, type ChatStreamEvent } from "./chat-stream-events";

// The page reads the gateway's SSE body; these bodies are what the gateway sends.
function body(text: string, pieceSize = 7): Response {
  const bytes = new TextEncoder().encode(text);
  return new Response(
    new ReadableStream({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += pieceSize) controller.enqueue(bytes.slice(offset, offset + pieceSize));
        controller.close();
      },
    }),
  );
}

async function collect(response: Response): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of readChatStream(response)) events.push(event);
  return events;
}

const chunk = (delta: object, finish: string | null = null) => `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

describe("readChatStream", () => {
  it("turns chunks into reasoning, content, tool-call, finish, usage and done events", async () => {
    const usage = { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 };
    const text =
      chunk({ role: "assistant", content: "" }) +
      chunk({ reasoning_content: "Think" }) +
      chunk({ content: "Hi" }) +
      chunk({ tool_calls: [{ index: 0, id: "t", function: { name: "f", arguments: "{}" } }] }) +
      chunk({}, "stop") +
      `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [], usage })}\n\ndata: [DONE]\n\n`;
    expect(await collect(body(text))).toEqual([
      { type: "reasoning", text: "Think", choice: 0 },
      { type: "content", text: "Hi", choice: 0 },
      { type: "tool-call", delta: { index: 0, id: "t", function: { name: "f", arguments: "{}" } }, choice: 0 },
      { type: "finish", reason: "stop", choice: 0 },
      { type: "usage", usage },
      { type: "done" },
    ]);
  });

  it("reports the gateway's final error event", async () => {
    const text = chunk({ content: "Part" }) + `data: ${JSON.stringify({ error: { type: "upstream_connection_error", message: "dropped", provider: "moonshot" } })}\n\n`;
    expect((await collect(body(text))).pop()).toEqual({ type: "error", error: { status: 502, type: "upstream_connection_error", message: "dropped" } });
  });

  it("reports a body that ends without [DONE]", async () => {
    expect((await collect(body(chunk({ content: "Part" })))).pop()).toEqual({
      type: "error",
      error: { type: "connection_closed", message: "The connection closed before the answer finished.", code: "closed", values: {} },
    });
  });
});

describe("stream errors the workbench writes, in the catalogs", () => {
  it("words them in English word for word", async () => {
    const events = [];
    for await (const event of readChatStream(new Response("data: {\"choices\":[]}\n\n"))) events.push(event);
    for await (const event of readChatStream(new Response(null))) events.push(event);
    const errors = events.flatMap((event) => (event.type === "error" ? [event.error] : []));
    expect(errors.map((error) => error.code)).toEqual(["closed", "no-body"]);
    expectWordedAsEnglish({ namespace: "answerErrors", items: errors.map((error) => ({ code: error.code, values: error.values, english: error.message })) });
  });
});
