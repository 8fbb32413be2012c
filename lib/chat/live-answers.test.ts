import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "@/lib/http/serve-web-handler";
import { startRouteServer } from "@/testing/route-server";
import type { ChatRequest } from "@/lib/wire/chat-request";
import { LiveAnswers } from "./live-answers";

// Answers stream through the real gateway routes (the simulator behind them), as the page's do.
let gateway: RunningServer;

beforeAll(async () => {
  Object.assign(process.env, { SIMULATOR_TOKENS_PER_SECOND: "400", SIMULATOR_FIRST_TOKEN_MS: "0" });
  gateway = await startRouteServer();
});
afterAll(() => gateway.close());

const request = (text: string): ChatRequest => ({ model: "kimi-k2.6", messages: [{ role: "user", content: text }], stream: true, stream_options: { include_usage: true } });
const ready = (body: ChatRequest) => async () => ({ ok: true as const, body });

describe("LiveAnswers", () => {
  it("streams answers of two conversations at once; stopping one leaves the other streaming", async () => {
    const answers = new LiveAnswers({ gatewayOrigin: gateway.url });
    answers.begin({ conversationId: "a", turnId: "a1" });
    answers.begin({ conversationId: "b", turnId: "b1" });
    expect(answers.isStreaming("a") && answers.isStreaming("b")).toBe(true);
    const first = answers.run({ turnId: "a1", providerId: "simulator", prepareBody: ready(request("Long essay [[sim reasoning_tokens=5 answer_tokens=2000]]")), apiKey: undefined });
    const second = answers.run({ turnId: "b1", providerId: "simulator", prepareBody: ready(request("Short [[sim reasoning_tokens=4 answer_tokens=30]]")), apiKey: undefined });
    // Wait until the long answer has text on screen, then stop only its conversation.
    await expect.poll(() => answers.get("a1")?.content.length ?? 0).toBeGreaterThan(0);
    answers.stop("a");
    const [stopped, done] = await Promise.all([first, second]);
    expect(stopped.finished.status).toBe("stopped");
    expect(stopped.finished.content.length).toBeGreaterThan(0);
    expect(done.finished).toMatchObject({ status: "done", finishReason: "stop", usage: { completion_tokens: 34, completion_tokens_details: { reasoning_tokens: 4 } } });
    expect(done.attempts).toBe(1);
    answers.end("a1");
    answers.end("b1");
    expect(answers.isStreaming("a") || answers.isStreaming("b")).toBe(false);
  });

  it("reports the gateway's refusal in place of an answer", async () => {
    const answers = new LiveAnswers({ gatewayOrigin: gateway.url });
    answers.begin({ conversationId: "c", turnId: "c1" });
    const { finished } = await answers.run({ turnId: "c1", providerId: "simulator", prepareBody: ready({ ...request("Hi"), model: "no-such-model" }), apiKey: undefined });
    expect(finished.status).toBe("error");
    expect(finished.error).toMatchObject({ status: 404 });
  });

  it("reports an answer whose body cannot be prepared without contacting the gateway", async () => {
    const answers = new LiveAnswers({ gatewayOrigin: "http://127.0.0.1:1" });
    answers.begin({ conversationId: "d", turnId: "d1" });
    const error = { type: "media_missing", message: "The bytes of chart.png are not in this browser's storage any more." };
    const { finished } = await answers.run({ turnId: "d1", providerId: "simulator", prepareBody: async () => ({ ok: false, error }), apiKey: undefined });
    expect(finished).toMatchObject({ status: "error", error });
  });
});
