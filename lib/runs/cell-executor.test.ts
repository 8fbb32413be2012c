import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "@/testing/wait-for";
import { openSqliteRunStore } from "@/lib/store/run-store";
import { jsonAnswerEvents } from "@/testing/client-gateway";
import { startFixtureUpstream, type FixtureUpstream } from "@/testing/fixture-upstream";
import { createMemoryBudget, type RequestBudget } from "./request-budget";
import type { CellResult, RunDefinition } from "./run-types";
import { createRun, startRunWorker } from "./run-worker";

// Every request a cell sends draws on its provider's budget: its own, the gateway's retries of it,
// and the judge's. Over real HTTP: Moonshot answered by a fixture upstream that logs each request.
let upstream: FixtureUpstream;

beforeAll(async () => {
  upstream = await startFixtureUpstream();
  Object.assign(process.env, { MOONSHOT_API_KEY: "sk-cell-executor-test-0123456789", MOONSHOT_BASE_URL: `${upstream.url}/v1`, GATEWAY_RETRY_BASE_DELAY_MS: "1", GATEWAY_RETRY_MAX_ATTEMPTS: "3", RUN_RPM_MOONSHOT: "1000" });
});
afterAll(() => upstream.close());

describe("the cell executor and the provider's budget", () => {
  it("draws the gateway's retries and the judge's request on the budget, and waits in the cell when the budget says so", async () => {
    const log: Array<{ event: string; at: number }> = [];
    const inner = createMemoryBudget();
    let reservations = 0;
    // The fourth reservation (the judge's) is told to wait 150 ms once.
    const budget: RequestBudget = {
      reserve: async (limits) => {
        reservations += 1;
        if (reservations === 4) {
          log.push({ event: "wait", at: Date.now() });
          return 150;
        }
        const waitMs = await inner.reserve(limits);
        if (waitMs === 0) log.push({ event: `grant ${limits.map((limit) => limit.key).join(",")}`, at: Date.now() });
        return waitMs;
      },
      record: (limits) => inner.record(limits),
    };
    upstream.reply((request, attempt) => {
      log.push({ event: "upstream", at: Date.now() });
      if (attempt <= 2) return { kind: "json", status: 503, body: { error: { message: "The engine is currently overloaded, please try again later", type: "engine_overloaded_error" } } };
      return { kind: "sse", events: jsonAnswerEvents({ json: attempt === 3 ? { capital: "Paris" } : { pass: true, score: 1, reason: "Names Paris." } }) };
    });
    const definition: RunDefinition = {
      versions: [{ number: 1, template: { model: "kimi-k2.6", messages: [{ role: "user", content: "Capital of {{country}}, as JSON?" }], parameters: {} } }],
      rows: [{ id: "r1", values: { country: { kind: "text", text: "France" } } }],
      columns: [{ id: "moonshot", label: "kimi-k2.6 · Moonshot", providerId: "moonshot", model: "kimi-k2.6", overrides: {} }],
      assertions: [{ type: "judge", rubric: "Names Paris.", model: "kimi-k2.6", providerId: "moonshot" }],
      pastedKeyColumns: [],
    };
    const store = openSqliteRunStore({ path: ":memory:" });
    const runId = await createRun({ store, definition, now: Date.now() });
    const worker = startRunWorker({ store, concurrency: 1, pollMs: 20, budget });
    try {
      await waitFor(async () => (await store.getRun(runId))?.status === "finished", 10_000);
    } finally {
      await worker.stop();
    }
    const [cell] = await store.listCells(runId);
    // One attempt of the cell (not handed back), its answer graded by the judge.
    expect(cell).toMatchObject({ status: "done", attempts: 1, completions: 1 });
    const result = JSON.parse(cell!.record!) as CellResult;
    expect(result.checks.results[0]).toMatchObject({ pass: true, judge: { model: "kimi-k2.6", score: 1 } });
    // Every request upstream saw was granted just before it: the cell, its two retries, the judge (after its wait).
    const grant = log.find((entry) => entry.event.startsWith("grant"))!.event;
    expect(grant).toContain("rpm:moonshot");
    expect(log.map((entry) => (entry.event.startsWith("grant") ? "grant" : entry.event))).toEqual(["grant", "upstream", "grant", "upstream", "grant", "upstream", "wait", "grant", "upstream"]);
    const waited = log.find((entry) => entry.event === "wait")!.at;
    expect(log.at(-1)!.at - waited).toBeGreaterThanOrEqual(150);
    await store.close();
  });
});
