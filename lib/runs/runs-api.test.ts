import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "@/lib/http/serve-web-handler";
import { startRouteServer } from "@/testing/route-server";

// The runs API over real HTTP: start, watch, cancel, retry, and who may.
let app: RunningServer;
const remote = { "x-forwarded-for": "203.0.113.8" };

beforeAll(async () => {
  Object.assign(process.env, { DATA_DIR: mkdtempSync(join(tmpdir(), "kimi-runs-api-")), SIMULATOR_TOKENS_PER_SECOND: "100000", SIMULATOR_FIRST_TOKEN_MS: "0", WORKBENCH_ACCESS_TOKEN: "runs-api-access-token-0123456789" });
  app = await startRouteServer();
});
afterAll(() => app.close());

const run = (overrides: Record<string, unknown> = {}) => ({
  versions: [{ number: 1, template: { model: "kimi-k2.6", messages: [{ role: "user", content: "Capital of {{country}}? [[sim answer_tokens=6 reasoning_tokens=2]]" }], parameters: {} } }],
  rows: [{ id: "fr", values: { country: { kind: "text", text: "France" } }, expected: "Paris" }, { id: "no", values: { country: { kind: "text", text: "Norway" } } }],
  columns: [{ id: "sim", label: "kimi-k2.6 (simulator)", providerId: "simulator", model: "kimi-k2.6", overrides: {} }],
  assertions: [{ type: "finish-reason", value: "stop" }],
  ...overrides,
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

async function untilFinished(id: string): Promise<{ status: string; counts: Record<string, number>; cells: Array<{ id: string; status: string; result?: { checks?: { passed: number } } }> }> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const state = (await (await fetch(`${app.url}/api/runs/${id}`)).json()) as { status: string; counts: Record<string, number>; cells: Array<{ id: string; status: string }> };
    if (state.status !== "running") return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the run did not finish");
}

describe("runs API", () => {
  it("starts a run (201), works it on the server, and reports every cell with its checks", async () => {
    const created = await post("/api/runs", run());
    expect(created.status).toBe(201);
    const { id, cells } = (await created.json()) as { id: string; cells: number };
    expect(cells).toBe(2);
    const state = await untilFinished(id);
    expect(state.status).toBe("finished");
    expect(state.counts).toEqual({ done: 2 });
    expect(state.cells.map((cell) => cell.id)).toEqual(["1:fr:sim", "1:no:sim"]);
    expect(state.cells[0]!.result?.checks?.passed).toBe(1);
  });

  it("grades judge checks in the run with the chosen model, keeping the judge's reasoning", async () => {
    const { id } = (await (await post("/api/runs", run({ assertions: [{ type: "judge", rubric: "Names the capital.", model: "kimi-k2.6", providerId: "simulator" }] }))).json()) as { id: string };
    const state = (await untilFinished(id)) as unknown as { cells: Array<{ result: { checks: { pending: number; results: Array<{ pass: boolean | string; judge?: { model: string; reasoning: string } }> } } }> };
    for (const cell of state.cells) {
      expect(cell.result.checks.pending).toBe(0);
      const [verdict] = cell.result.checks.results;
      expect(typeof verdict!.pass).toBe("boolean");
      expect(verdict!.judge?.model).toBe("kimi-k2.6");
      expect(verdict!.judge?.reasoning.length).toBeGreaterThan(0);
    }
  });

  it("grades a row's own checks after the set's, and refuses a malformed one naming it", async () => {
    const rows = [{ id: "fr", values: { country: { kind: "text", text: "France" } }, assert: [{ type: "contains", value: "zzz-not-there" }] }, { id: "no", values: { country: { kind: "text", text: "Norway" } } }];
    const { id } = (await (await post("/api/runs", run({ rows }))).json()) as { id: string };
    const state = (await untilFinished(id)) as unknown as { cells: Array<{ id: string; result: { checks: { passed: number; failed: number; results: Array<{ pass: boolean; reason?: string }> } } }> };
    const [france, norway] = state.cells;
    expect(france!.result.checks).toMatchObject({ passed: 1, failed: 1 });
    expect(france!.result.checks.results[1]).toMatchObject({ pass: false, reason: expect.stringContaining('"zzz-not-there"') });
    expect(norway!.result.checks.results).toHaveLength(1);
    const bad = await post("/api/runs", run({ rows: [{ id: "fr", values: {}, assert: [{ type: "contains" }] }] }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^Invalid run: rows\[0\]\.assert\[0\]\.value/);
  });

  it("answers ?since={cursor} with the cells changed since, without the definition", async () => {
    const { id } = (await (await post("/api/runs", run())).json()) as { id: string };
    await untilFinished(id);
    const full = (await (await fetch(`${app.url}/api/runs/${id}`)).json()) as { cursor: number; definition?: unknown; cells: unknown[] };
    expect(full.definition).toBeDefined();
    expect(full.cells).toHaveLength(2);
    // The cursor trails the clock, so a poll right away sees the recent cells again (merged by id).
    const recent = (await (await fetch(`${app.url}/api/runs/${id}?since=${full.cursor}`)).json()) as { definition?: unknown; cells: Array<{ id: string }>; counts: Record<string, number> };
    expect(recent.definition).toBeUndefined();
    expect(recent.counts).toEqual({ done: 2 });
    expect(recent.cells.map((cell) => cell.id)).toEqual(["1:fr:sim", "1:no:sim"]);
    const later = (await (await fetch(`${app.url}/api/runs/${id}?since=${Date.now() + 1000}`)).json()) as { cells: unknown[]; counts: Record<string, number> };
    expect(later.cells).toEqual([]);
    expect(later.counts).toEqual({ done: 2 });
    const retried = (await (await post(`/api/runs/${id}/retry`, { cellIds: ["1:no:sim"], onlyFailed: false })).json()) as { queued: number };
    expect(retried.queued).toBe(1);
    const afterRetry = (await (await fetch(`${app.url}/api/runs/${id}?since=${full.cursor + 4_000}`)).json()) as { cells: Array<{ id: string }> };
    expect(afterRetry.cells.map((cell) => cell.id)).toContain("1:no:sim");
    const bad = await fetch(`${app.url}/api/runs/${id}?since=yesterday`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('not "yesterday"');
  });

  it("estimates a run's tokens and cost per column before it starts, naming cells that cannot be sent", async () => {
    const body = run({
      columns: [
        { id: "sim", label: "simulator", providerId: "simulator", model: "kimi-k2.6", overrides: { max_completion_tokens: 100 } },
        { id: "k3", label: "K3", providerId: "moonshot", model: "kimi-k3", overrides: { max_completion_tokens: 100 } },
      ],
      rows: [{ id: "fr", values: { country: { kind: "text", text: "France" } } }, { id: "gap", values: {} }],
    });
    const response = await post("/api/runs/estimate", body);
    expect(response.status).toBe(200);
    const estimate = (await response.json()) as { cells: number; exact: boolean; columns: Array<{ columnId: string; cells: number; promptTokens: number; cost?: { prompts: number; answersAtMost: number } }>; problems: Array<{ cellId: string; message: string }> };
    expect(estimate.cells).toBe(4);
    expect(estimate.exact).toBe(false);
    expect(estimate.columns.map((column) => column.columnId)).toEqual(["sim", "k3"]);
    expect(estimate.columns[0]!.promptTokens).toBeGreaterThan(5);
    const priced = estimate.columns.find((column) => column.cost);
    expect(priced?.cost?.answersAtMost).toBeGreaterThan(0);
    expect(estimate.problems).toMatchObject([
      { cellId: "1:gap:sim", message: '{{country}} has no value in this row: add a "country" column, or remove the placeholder.', parts: [{ code: "missing-value", values: { name: "country" } }] },
      { cellId: "1:gap:k3", message: '{{country}} has no value in this row: add a "country" column, or remove the placeholder.' },
    ]);
  });

  it("estimates the judge's calls: one per answered cell and judge check, its prompt counted, plus at most the answers it grades", async () => {
    const judge = { type: "judge", rubric: "Names the capital of the country in one sentence, without hedging.", model: "kimi-k2.6", providerId: "moonshot" };
    const body = run({
      columns: [
        { id: "sim", label: "simulator", providerId: "simulator", model: "kimi-k2.6", overrides: { max_completion_tokens: 100 } },
        { id: "k26", label: "kimi-k2.6", providerId: "simulator", model: "kimi-k2.6", overrides: { max_completion_tokens: 50 } },
      ],
      rows: [
        { id: "fr", values: { country: { kind: "text", text: "France" } } },
        // A row's own judge check adds its calls too.
        { id: "no", values: { country: { kind: "text", text: "Norway" } }, assert: [{ ...judge, rubric: "Says Oslo." }] },
      ],
      assertions: [judge],
    });
    const response = await post("/api/runs/estimate", body);
    expect(response.status).toBe(200);
    const estimate = (await response.json()) as { judges: Array<{ providerId: string; model: string; calls: number; promptTokens: number; gradedAnswersAtMost: number; cost?: { prompts: number; answersAtMost: number } }> };
    expect(estimate.judges).toHaveLength(1);
    const [counted] = estimate.judges;
    // 4 cells with the set's judge, 2 more from the Norway row's own.
    expect(counted).toMatchObject({ providerId: "moonshot", model: "kimi-k2.6", calls: 6, gradedAnswersAtMost: 3 * 100 + 3 * 50 });
    // The grading instructions and rubric alone are dozens of tokens per call.
    expect(counted!.promptTokens).toBeGreaterThan(6 * 40);
    expect(counted!.cost?.prompts).toBeGreaterThan(0);
    expect(counted!.cost?.answersAtMost).toBeGreaterThan(0);
  });

  it("refuses clients without access, and explains malformed runs", async () => {
    expect((await post("/api/runs", run(), remote)).status).toBe(401);
    expect((await fetch(`${app.url}/api/runs/anything`, { headers: remote })).status).toBe(401);
    const duplicate = await post("/api/runs", run({ rows: [{ id: "a", values: {} }, { id: "a", values: {} }] }));
    expect(duplicate.status).toBe(400);
    expect(((await duplicate.json()) as { error: { message: string } }).error.message).toBe('Invalid run: two rows have the id "a"; give each its own.');
    const stray = await post("/api/runs", run({ keys: { nope: "sk-xxxxxxxxxxxx" } }));
    expect(((await stray.json()) as { error: { message: string } }).error.message).toBe('Invalid run: a key was given for column "nope", which the run does not have.');
    expect((await fetch(`${app.url}/api/runs/missing-run`)).status).toBe(404);
  });

  it("cancels a run and retries its cells", async () => {
    const slow = run({ versions: [{ number: 1, template: { model: "kimi-k2.6", messages: [{ role: "user", content: "{{country}} [[sim answer_tokens=300 tokens_per_second=30]]" }], parameters: {} } }] });
    const { id } = (await (await post("/api/runs", slow)).json()) as { id: string };
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await post(`/api/runs/${id}/cancel`, {})).status).toBe(200);
    const cancelled = await untilFinished(id);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.counts).toEqual({ cancelled: 2 });
    const retried = (await (await post(`/api/runs/${id}/retry`, { cellIds: ["1:fr:sim"], onlyFailed: false })).json()) as { queued: number };
    expect(retried.queued).toBe(1);
  });
});
