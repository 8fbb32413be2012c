import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PromptTemplate } from "@/lib/prompts/prompt-template";
import { readSseFixture, startFixtureUpstream, type FixtureUpstream } from "@/testing/fixture-upstream";
import { runCell, type RunColumn } from "./run-cell";

// Cells run through the gateway's own code: the simulator in-process, Moonshot over real HTTP
// against a fixture upstream replaying a recorded-style stream.
let upstream: FixtureUpstream;

beforeAll(async () => {
  upstream = await startFixtureUpstream();
  Object.assign(process.env, { MOONSHOT_API_KEY: "sk-run-cell-test-0123456789", MOONSHOT_BASE_URL: `${upstream.url}/v1`, SIMULATOR_TOKENS_PER_SECOND: "100000", SIMULATOR_FIRST_TOKEN_MS: "0", GATEWAY_RETRY_BASE_DELAY_MS: "1" });
});
afterAll(() => upstream.close());

const template: PromptTemplate = { model: "kimi-k2.6", messages: [{ role: "system", content: "Answer about {{city}}." }, { role: "user", content: "Tell me about {{city}} [[sim answer_tokens=12 reasoning_tokens=6]]" }], parameters: { max_completion_tokens: 200 } };
const simulator: RunColumn = { id: "sim", label: "kimi-k2.6 · simulator", providerId: "simulator", model: "kimi-k2.6", overrides: {} };

describe("running one cell", () => {
  it("renders the row, streams through the gateway, and records answer, reasoning, usage, cost and timings", async () => {
    const cell = await runCell({ template, values: { city: { kind: "text", text: "Lisbon" } }, column: simulator, signal: new AbortController().signal });
    expect(cell.status).toBe("done");
    expect(cell.error).toBeUndefined();
    expect(cell.output.length).toBeGreaterThan(0);
    expect(cell.reasoning.length).toBeGreaterThan(0);
    expect(cell.finishReason).toBe("stop");
    expect(cell.usage?.completion_tokens).toBe(18);
    expect(cell.reasoningTokens).toBe(6);
    expect(cell.cost?.amount).toBeGreaterThan(0);
    expect(cell.firstTokenMs).toBeGreaterThanOrEqual(0);
    expect(cell.durationMs).toBeGreaterThanOrEqual(cell.firstTokenMs!);
  });

  it("records a row that lacks a variable, and the provider's error, as the cell's error", async () => {
    const missing = await runCell({ template, values: {}, column: simulator, signal: new AbortController().signal });
    expect(missing).toMatchObject({ status: "failed", error: '{{city}} has no value in this row: add a "city" column, or remove the placeholder.' });
    upstream.reply(() => ({ kind: "json", status: 400, body: { error: { message: "Invalid request: temperature out of range", type: "invalid_request_error" } } }));
    const moonshot: RunColumn = { id: "m", label: "Moonshot", providerId: "moonshot", model: "kimi-k2.6", overrides: { temperature: 0.6 } };
    const refused = await runCell({ template, values: { city: { kind: "text", text: "Oslo" } }, column: moonshot, signal: new AbortController().signal });
    expect(refused).toMatchObject({ status: "failed", error: "400 Invalid request: temperature out of range" });
    // The column's overrides and model reached the provider, with the server's key.
    const sent = upstream.requests.at(-1)!;
    expect(sent.json).toMatchObject({ model: "kimi-k2.6", temperature: 0.6, stream: true });
    expect(sent.headers.authorization).toBe("Bearer sk-run-cell-test-0123456789");
  });

  it("streams Moonshot's recorded answer into the record", async () => {
    upstream.reply(() => ({ kind: "sse", events: readSseFixture("moonshot", "thinking-stream.sse") }));
    const moonshot: RunColumn = { id: "m", label: "Moonshot", providerId: "moonshot", model: "kimi-k2.6", overrides: {} };
    const cell = await runCell({ template, values: { city: { kind: "text", text: "Oslo" } }, column: moonshot, signal: new AbortController().signal });
    expect(cell.status).toBe("done");
    expect(cell.output.length).toBeGreaterThan(0);
    expect(cell.usage?.prompt_tokens).toBeGreaterThan(0);
  });

  it("stops within a second when cancelled mid-stream, keeping what arrived", async () => {
    const controller = new AbortController();
    const slow: RunColumn = { ...simulator, overrides: {} };
    const slowTemplate: PromptTemplate = { ...template, messages: [{ role: "user", content: "Go [[sim answer_tokens=400 tokens_per_second=40]]" }] };
    const started = performance.now();
    setTimeout(() => controller.abort(), 300);
    const cell = await runCell({ template: slowTemplate, values: {}, column: slow, signal: controller.signal });
    expect(cell.status).toBe("cancelled");
    expect(performance.now() - started).toBeLessThan(1_300);
  });
});
