import { describe, expect, it } from "vitest";
import type { RunDefinition } from "@/lib/runs/run-types";
import { exportRunCsv, exportRunJsonl, promptfooConfig } from "./run-exports";
import { cellVerdict, columnTotals, matrixRowIds, mergeRunPoll, runProgress, type RunCellState, type RunPoll } from "./run-results";
import Papa from "papaparse";

const definition: RunDefinition = {
  versions: [{ number: 1, template: { model: "kimi-k2.6", messages: [{ role: "user", content: "Capital of {{country}}?" }], parameters: { temperature: 0.6 } } }],
  rows: [
    { id: "fr", values: { country: { kind: "text", text: "France" } }, expected: "Paris" },
    { id: "no", values: { country: { kind: "text", text: "Norway" } }, notes: "tricky" },
  ],
  columns: [
    { id: "a", label: "K2.6 · Moonshot", providerId: "moonshot", model: "kimi-k2.6", overrides: {} },
    { id: "b", label: "K3 high · Moonshot", providerId: "moonshot", model: "kimi-k3", overrides: { reasoning_effort: "high" } },
  ],
  assertions: [{ type: "contains", value: "Paris", ignoreCase: true }, { type: "max-latency", ms: 2000 }],
  pastedKeyColumns: [],
};

const done = (id: string, { output, passed, failed, cost, latencyMs, updatedAt }: { output: string; passed: number; failed: number; cost: number; latencyMs: number; updatedAt: number }): RunCellState => ({
  id,
  status: "done",
  attempts: 1,
  updatedAt,
  result: {
    record: { status: "done", output, reasoning: "thought", toolCalls: [], finishReason: "stop", cost: { amount: cost, currency: "CNY" }, latencyMs, durationMs: latencyMs, firstTokenMs: latencyMs / 4, usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } },
    checks: { results: [...Array.from({ length: passed }, () => ({ pass: true as const })), ...Array.from({ length: failed }, () => ({ pass: false as const, reason: 'The answer does not contain "Paris".' }))], passed, failed, pending: 0 },
  },
});

const firstPoll: RunPoll = {
  id: "run-1",
  status: "running",
  createdAt: 1_000,
  cursor: 5_000,
  counts: { done: 3, running: 1 },
  definition,
  cells: [
    done("1:fr:a", { output: "Paris.", passed: 2, failed: 0, cost: 0.002, latencyMs: 800, updatedAt: 31_000 }),
    done("1:no:a", { output: "Oslo.", passed: 1, failed: 1, cost: 0.001, latencyMs: 1200, updatedAt: 61_000 }),
    { id: "1:fr:b", status: "failed", attempts: 2, updatedAt: 40_000, result: { record: { status: "failed", output: "", reasoning: "", toolCalls: [], finishReason: null, error: "429 rate limited", durationMs: 50 }, checks: { results: [{ pass: false, reason: "429 rate limited" }], passed: 0, failed: 1, pending: 0 } } },
    { id: "1:no:b", status: "running", attempts: 1, updatedAt: 50_000 },
  ],
};

describe("run results", () => {
  it("merges polls by cell id, keeping the same map when nothing changed", () => {
    const first = mergeRunPoll({ snapshot: undefined, poll: firstPoll });
    expect(first.cells.size).toBe(4);
    const same = mergeRunPoll({ snapshot: first, poll: { ...firstPoll, definition: undefined, cells: [firstPoll.cells[0]!] } });
    expect(same.cells).toBe(first.cells);
    const finished = done("1:no:b", { output: "Oslo", passed: 1, failed: 1, cost: 0.01, latencyMs: 3000, updatedAt: 91_000 });
    const next = mergeRunPoll({ snapshot: first, poll: { ...firstPoll, definition: undefined, counts: { done: 4 }, cells: [finished] } });
    expect(next.cells).not.toBe(first.cells);
    expect(next.cells.get("1:no:b")?.status).toBe("done");
    expect(first.cells.get("1:no:b")?.status).toBe("running");
    expect(() => mergeRunPoll({ snapshot: undefined, poll: { ...firstPoll, definition: undefined } })).toThrow(/definition/);
  });

  it("gives each cell a verdict and each column its totals", () => {
    const snapshot = mergeRunPoll({ snapshot: undefined, poll: firstPoll });
    expect(["1:fr:a", "1:no:a", "1:fr:b", "1:no:b", "1:xx:a"].map((id) => cellVerdict(snapshot.cells.get(id)))).toEqual(["pass", "fail", "error", "running", "queued"]);
    const [a, b] = columnTotals({ snapshot, version: 1 });
    expect(a).toMatchObject({ columnId: "a", cells: 2, finished: 2, passed: 1, failed: 1, errors: 0, checksPassed: 3, checksFailed: 1, latencyP50Ms: 800, latencyP95Ms: 1200, firstTokenP50Ms: 200 });
    expect(a!.cost!.amount).toBeCloseTo(0.003, 10);
    expect(b).toMatchObject({ cells: 2, finished: 1, passed: 0, failed: 0, errors: 1 });
    expect(b!.latencyP50Ms).toBeUndefined();
    expect(matrixRowIds({ snapshot, version: 1, onlyFailures: false })).toEqual(["fr", "no"]);
    expect(matrixRowIds({ snapshot, version: 1, onlyFailures: true })).toEqual(["fr", "no"]);
  });

  it("reads progress: counts, pace, spend and time left", () => {
    const snapshot = mergeRunPoll({ snapshot: undefined, poll: firstPoll });
    const progress = runProgress(snapshot);
    expect(progress).toMatchObject({ total: 4, finished: 3, running: 1, queued: 0 });
    // Three results in the minute from the start (1 s) to the latest (61 s).
    expect(progress.perMinute).toBeCloseTo(3, 5);
    expect(progress.remainingMs).toBeCloseTo(20_000, 0);
    expect(progress.spent).toHaveLength(1);
    expect(progress.spent[0]!.amount).toBeCloseTo(0.003, 10);
  });
});

describe("run exports", () => {
  const snapshot = mergeRunPoll({ snapshot: undefined, poll: firstPoll });

  it("writes one CSV line per cell with the row's values, the answer, figures and failures", () => {
    const parsed = Papa.parse<Record<string, string>>(exportRunCsv(snapshot), { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(4);
    expect(parsed.data[0]).toMatchObject({ version: "1", row: "fr", country: "France", expected: "Paris", column: "K2.6 · Moonshot", model: "kimi-k2.6", verdict: "pass", output: "Paris.", cost: "0.002", currency: "CNY", checks_passed: "2" });
    expect(parsed.data[1]).toMatchObject({ row: "fr", column: "K3 high · Moonshot", verdict: "error", error: "429 rate limited" });
    expect(parsed.data[2]!.failures).toBe('max-latency: The answer does not contain "Paris".');
    expect(parsed.data[3]).toMatchObject({ row: "no", column: "K3 high · Moonshot", status: "running", output: "" });
  });

  it("writes JSON Lines with every recorded field", () => {
    const lines = exportRunJsonl(snapshot).trim().split("\n").map((line) => JSON.parse(line) as { row: string; column: string; verdict: string; result?: { record: { usage?: unknown } } });
    expect(lines.map((line) => `${line.row}/${line.column}/${line.verdict}`)).toEqual(["fr/a/pass", "fr/b/error", "no/a/fail", "no/b/running"]);
    expect(lines[0]!.result?.record.usage).toEqual({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
  });

  it("exports a promptfoo config that sends through this gateway", () => {
    const { config, notes } = promptfooConfig({ definition: { ...definition, assertions: [...definition.assertions, { type: "max-cost", amount: 0.01, currency: "CNY" }, { type: "equals-expected" }] }, version: 1, origin: "http://127.0.0.1:3000/" });
    const providers = config.providers as Array<{ id: string; label: string; config: Record<string, unknown> }>;
    expect(providers.map((provider) => provider.id)).toEqual(["openai:chat:kimi-k2.6", "openai:chat:kimi-k3"]);
    // promptfoo adds no defaults of its own and sends the parameters as they are (its OpenAI provider drops reasoning_effort for models it does not know).
    expect(providers[1]!.config).toEqual({ apiBaseUrl: "http://127.0.0.1:3000/api/providers/moonshot/v1", apiKeyEnvar: "WORKBENCH_ACCESS_TOKEN", omitDefaults: true, showThinking: false, passthrough: { temperature: 0.6, reasoning_effort: "high" } });
    expect(JSON.parse((config.prompts as Array<{ raw: string }>)[0]!.raw)).toEqual([{ role: "user", content: "Capital of {{country}}?" }]);
    expect(config.tests).toEqual([
      { description: "fr", vars: { country: "France", expected: "Paris" } },
      { description: "no: tricky", vars: { country: "Norway" } },
    ]);
    const asserts = (config.defaultTest as { assert: Array<{ type: string; value?: unknown; threshold?: number }> }).assert;
    expect(asserts.map((assert) => assert.type)).toEqual(["icontains", "latency", "cost", "javascript"]);
    expect(asserts[3]!.value).toBe('String(output).trim() === String(context.vars.expected ?? "").trim()');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain("max-cost 0.01 CNY");
    expect(() => promptfooConfig({ definition, version: 7, origin: "http://x" })).toThrow("The run has no version 7.");
    // The judge is promptfoo's llm-rubric, graded by the same model through this gateway, in JSON mode.
    const judged = promptfooConfig({ definition: { ...definition, assertions: [{ type: "judge", rubric: "Names the capital.", model: "kimi-k2.6", providerId: "moonshot" }] }, version: 1, origin: "http://127.0.0.1:3000" }).config;
    expect((judged.defaultTest as { assert: unknown[] }).assert).toEqual([
      { type: "llm-rubric", value: "Names the capital.", provider: { id: "openai:chat:kimi-k2.6", config: { apiBaseUrl: "http://127.0.0.1:3000/api/providers/moonshot/v1", apiKeyEnvar: "WORKBENCH_ACCESS_TOKEN", omitDefaults: true, showThinking: false, passthrough: { response_format: { type: "json_object" } } } } },
    ]);
  });
});
