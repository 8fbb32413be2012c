import { spawn, type ChildProcess } from "node:child_process";
import { waitFor } from "@/testing/wait-for";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { openPostgresRunStore } from "@/lib/store/postgres-run-store";
import { openSqliteRunStore } from "@/lib/store/run-store";
import type { PromptTemplate } from "@/lib/prompts/prompt-template";
import type { CellResult, RunDefinition } from "./run-types";
import { createRun, startRunWorker } from "./run-worker";

beforeAll(() => {
  Object.assign(process.env, { SIMULATOR_TOKENS_PER_SECOND: "100000", SIMULATOR_FIRST_TOKEN_MS: "0", GATEWAY_RETRY_BASE_DELAY_MS: "1", GATEWAY_RETRY_MAX_ATTEMPTS: "1" });
});

const template = (answerTokens: number, tokensPerSecond = 100_000): PromptTemplate => ({
  model: "kimi-k2.6",
  messages: [{ role: "user", content: `Name the capital of {{country}}. [[sim answer_tokens=${answerTokens} reasoning_tokens=4 tokens_per_second=${tokensPerSecond}]]` }],
  parameters: {},
});

function definition({ answerTokens, tokensPerSecond, rows }: { answerTokens: number; tokensPerSecond?: number; rows: number }): RunDefinition {
  return {
    versions: [{ number: 1, template: template(answerTokens, tokensPerSecond) }, { number: 2, template: { ...template(answerTokens, tokensPerSecond), parameters: { temperature: 1 } } }],
    rows: Array.from({ length: rows }, (_, index) => ({ id: `r${index + 1}`, values: { country: { kind: "text" as const, text: `Country ${index + 1}` } }, expected: "x" })),
    columns: [
      { id: "k26", label: "kimi-k2.6", providerId: "simulator", model: "kimi-k2.6", overrides: {} },
      { id: "k3", label: "kimi-k3", providerId: "simulator", model: "kimi-k3", overrides: { reasoning_effort: "low" } },
    ],
    assertions: [{ type: "finish-reason", value: "stop" }, { type: "contains", value: "zzz-not-there" }],
    pastedKeyColumns: [],
  };
}

describe("the run worker", () => {
  it("hands a cell back after a 429 that outlasted the gateway's retries, pausing with growing waits, and records the fourth", async () => {
    const store = openSqliteRunStore({ path: ":memory:" });
    const limited: RunDefinition = {
      versions: [{ number: 1, template: { model: "kimi-k2.6", messages: [{ role: "user", content: "Hi {{country}} [[sim error=429]]" }], parameters: {} } }],
      rows: [{ id: "r1", values: { country: { kind: "text", text: "x" } } }],
      columns: [{ id: "sim", label: "sim", providerId: "simulator", model: "kimi-k2.6", overrides: {} }],
      assertions: [],
      pastedKeyColumns: [],
    };
    const runId = await createRun({ store, definition: limited, now: Date.now() });
    const started = Date.now();
    const worker = startRunWorker({ store, concurrency: 2, pollMs: 20, rateLimitBackoffMs: 100 });
    try {
      await waitFor(async () => (await store.getRun(runId))?.status === "finished", 10_000);
      const [cell] = await store.listCells(runId);
      expect(cell).toMatchObject({ status: "failed", attempts: 4, completions: 1 });
      expect((JSON.parse(cell!.record!) as CellResult).record.error).toMatch(/^429 /);
      // Handed back three times, pausing 100, 200 and 400 ms.
      expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    } finally {
      await worker.stop();
      await store.close();
    }
  });

  it("runs versions × rows × columns through the simulator, checks every cell, and finishes the run", async () => {
    const store = openSqliteRunStore({ path: ":memory:" });
    const runId = await createRun({ store, definition: definition({ answerTokens: 8, rows: 3 }), now: Date.now() });
    const worker = startRunWorker({ store, concurrency: 3, pollMs: 20 });
    await waitFor(async () => (await store.getRun(runId))?.status === "finished", 20_000);
    await worker.stop();
    const cells = await store.listCells(runId);
    expect(cells).toHaveLength(12);
    expect(cells.every((cell) => cell.status === "done" && cell.completions === 1)).toBe(true);
    const result = JSON.parse(cells[0]!.record!) as CellResult;
    expect(result.record.usage?.completion_tokens).toBe(12);
    expect([result.checks.passed, result.checks.failed]).toEqual([1, 1]);
    await store.close();
  });

  it("cancels a run: running cells stop within a second, queued ones never start", async () => {
    const store = openSqliteRunStore({ path: ":memory:" });
    const runId = await createRun({ store, definition: definition({ answerTokens: 400, tokensPerSecond: 40, rows: 4 }), now: Date.now() });
    const worker = startRunWorker({ store, concurrency: 2, pollMs: 20 });
    await waitFor(async () => (await store.listCells(runId)).filter((cell) => cell.status === "running").length === 2, 5_000);
    const cancelledAt = Date.now();
    await store.cancelRun({ runId, now: cancelledAt });
    await waitFor(async () => (await store.listCells(runId)).every((cell) => cell.status === "cancelled"), 3_000);
    expect(Date.now() - cancelledAt).toBeLessThan(1_000);
    await worker.stop();
    await store.close();
  });

  it("a column that spends a pasted key waits for it after a restart instead of failing or using another key", async () => {
    const store = openSqliteRunStore({ path: ":memory:" });
    const runId = await createRun({ store, definition: { ...definition({ answerTokens: 4, rows: 1 }), pastedKeyColumns: ["k3"] }, now: Date.now() });
    const worker = startRunWorker({ store, concurrency: 4, pollMs: 20 });
    await waitFor(async () => (await store.listCells(runId)).every((cell) => !["queued", "running"].includes(cell.status)), 10_000);
    await worker.stop();
    expect((await store.listCells(runId)).map((cell) => `${cell.cellId}=${cell.status}`).sort()).toEqual(["1:r1:k26=done", "1:r1:k3=waiting_for_key", "2:r1:k26=done", "2:r1:k3=waiting_for_key"]);
    await store.close();
  });
});

describe("two workers on one PostgreSQL run store", () => {
  const postgresUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const schema = `kimi_runs_${process.pid}_${Date.now()}`;
  let admin: pg.Client;
  let databaseUrl: string;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(postgresUrl);
    url.searchParams.set("options", `-c search_path=${schema}`);
    databaseUrl = url.href;
  });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it("share one run: every cell is taken by exactly one of them and completed once", async () => {
    const stores = await Promise.all([openPostgresRunStore({ connectionString: databaseUrl }), openPostgresRunStore({ connectionString: databaseUrl })]);
    const runId = await createRun({ store: stores[0], definition: definition({ answerTokens: 20, tokensPerSecond: 400, rows: 5 }), now: Date.now() });
    const workers = stores.map((store, index) => startRunWorker({ store, concurrency: 2, pollMs: 20, workerId: `worker-${index}` }));
    await waitFor(async () => (await stores[0].getRun(runId))?.status === "finished", 30_000);
    await Promise.all(workers.map((worker) => worker.stop()));
    const cells = await stores[1].listCells(runId);
    expect(cells).toHaveLength(20);
    expect(cells.every((cell) => cell.status === "done" && cell.completions === 1 && cell.attempts === 1)).toBe(true);
    await Promise.all(stores.map((store) => store.close()));
  });
});

describe("durability with real processes", () => {
  const directory = mkdtempSync(join(tmpdir(), "kimi-runs-"));
  const path = join(directory, "runs.sqlite");
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach((child) => child.kill("SIGKILL")));

  const startWorkerProcess = async (): Promise<ChildProcess> => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "testing/run-worker-process.ts", path, "2", "800"], {
      env: { ...process.env, SIMULATOR_TOKENS_PER_SECOND: "100000", SIMULATOR_FIRST_TOKEN_MS: "0" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
    return child;
  };

  it("a worker killed with SIGKILL mid-run loses no finished cell; after a restart every cell completes exactly once", async () => {
    const store = openSqliteRunStore({ path });
    // 24 cells of ~250 ms each, two at a time: about three seconds of work.
    const runId = await createRun({ store, definition: definition({ answerTokens: 50, tokensPerSecond: 200, rows: 6 }), now: Date.now() });
    const first = await startWorkerProcess();
    // Killed while some cells are finished and others stream (each takes ~250 ms; the kill follows the check at once).
    await waitFor(async () => {
      const cells = await store.listCells(runId);
      return cells.filter((cell) => cell.status === "done").length >= 6 && cells.some((cell) => cell.status === "running");
    }, 20_000);
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const doneAtKill = (await store.listCells(runId)).filter((cell) => cell.status === "done");
    expect((await store.listCells(runId)).some((cell) => cell.status === "running")).toBe(true);
    await startWorkerProcess();
    await waitFor(async () => (await store.getRun(runId))?.status === "finished", 40_000);
    const cells = await store.listCells(runId);
    expect(cells.every((cell) => cell.status === "done")).toBe(true);
    expect(cells.map((cell) => cell.completions)).toEqual(cells.map(() => 1));
    // Cells finished before the kill kept their results; those cut off ran again (attempt 2).
    for (const before of doneAtKill) expect(cells.find((cell) => cell.cellId === before.cellId)!.record).toBe(before.record);
    expect(cells.some((cell) => cell.attempts === 2)).toBe(true);
    await store.close();
  });
});
