import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerProcess, type ServerProcess } from "../security/support/server-process";
import { busiestWindow, startCountingUpstream, type CountingUpstream } from "./support/counting-upstream";

// Runs as real server processes of the production build: two instances on one Redis (BullMQ) and
// one PostgreSQL share a run under a provider's requests-per-minute limit, counted at a local
// upstream; a run survives SIGKILL of an instance, and of the only server (SQLite), with every cell
// completed exactly once.
const postgresUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const schema = `kimi_runs_${process.pid}_${Date.now()}`;
const rpm = 20;
let admin: pg.Client;
let upstream: CountingUpstream;
let shared: Record<string, string>;
const servers: ServerProcess[] = [];

const start = async (env: Record<string, string>) => {
  const server = await startServerProcess({ env });
  servers.push(server);
  return server;
};

interface RunState {
  status: string;
  counts: Record<string, number>;
  cells: Array<{ id: string; status: string; result?: { record?: { output: string } } }>;
}

const startRun = async (server: ServerProcess, body: unknown): Promise<string> => {
  const response = await fetch(`${server.url}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
};

const readRun = async (server: ServerProcess, id: string): Promise<RunState> => (await (await fetch(`${server.url}/api/runs/${id}`)).json()) as RunState;

async function untilFinished(server: ServerProcess, id: string, timeoutMs: number): Promise<RunState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await readRun(server, id);
    if (state.status !== "running") return state;
    if (Date.now() > deadline) throw new Error(`run ${id} did not finish in ${timeoutMs} ms: ${JSON.stringify(state.counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const rows = (count: number) => Array.from({ length: count }, (_, index) => ({ id: `r${index + 1}`, values: { n: { kind: "text", text: String(index + 1) } } }));
const run = ({ providerId, content, count }: { providerId: string; content: string; count: number }) => ({
  versions: [{ number: 1, template: { model: "kimi-k2.6", messages: [{ role: "user", content }], parameters: {} } }],
  rows: rows(count),
  columns: [{ id: "c", label: "kimi-k2.6", providerId, model: "kimi-k2.6", overrides: {} }],
  assertions: [],
});

beforeAll(async () => {
  admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  upstream = await startCountingUpstream();
  const databaseUrl = new URL(postgresUrl);
  databaseUrl.searchParams.set("options", `-c search_path=${schema}`);
  shared = {
    DATABASE_URL: databaseUrl.href,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `kimi-runs-test-${randomBytes(6).toString("hex")}`,
    OPENAI_COMPATIBLE_BASE_URL: `${upstream.url}/v1`,
    RUN_RPM_OPENAI_COMPATIBLE: String(rpm),
    RUN_CONCURRENCY: "4",
    RUN_LEASE_MS: "3000",
    SIMULATOR_FIRST_TOKEN_MS: "0",
    LOG_LEVEL: "warn",
  };
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop("SIGKILL")));
  await upstream?.close();
  await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin?.end();
});

const completionsOf = async (runId: string) => (await admin.query<{ cell_id: string; status: string; completions: number }>(`SELECT cell_id, status, completions FROM ${schema}.run_cells WHERE run_id = $1`, [runId])).rows;

describe("runs across real server processes", () => {
  it(`two instances on one Redis and PostgreSQL share a run, and the upstream never sees more than ${rpm} requests in any 60 s`, async () => {
    const [first, second] = await Promise.all([start({ ...shared, OPENAI_COMPATIBLE_API_KEY: "instance-one-key-0123456789" }), start({ ...shared, OPENAI_COMPATIBLE_API_KEY: "instance-two-key-0123456789" })]);
    const cells = 30;
    const startedAt = Date.now();
    const id = await startRun(first!, run({ providerId: "openai-compatible", content: "Count {{n}}", count: cells }));
    // Read from the other instance: the run is in the shared store.
    const state = await untilFinished(second!, id, 120_000);
    const tookMs = Date.now() - startedAt;
    expect(state.status).toBe("finished");
    expect(state.counts).toEqual({ done: cells });
    expect(upstream.requests).toHaveLength(cells);
    expect(busiestWindow(upstream.requests, 60_000)).toBeLessThanOrEqual(rpm);
    // The limit was used, not just respected: the first minute took its full share.
    expect(busiestWindow(upstream.requests, 5_000)).toBe(rpm);
    expect(tookMs).toBeGreaterThan(60_000);
    // Both instances worked the run (each sends its own key upstream).
    const byInstance = new Set(upstream.requests.map((request) => request.authorization));
    expect(byInstance).toEqual(new Set(["Bearer instance-one-key-0123456789", "Bearer instance-two-key-0123456789"]));
    expect((await completionsOf(id)).every((cell) => cell.completions === 1)).toBe(true);
    await Promise.all([first!.stop(), second!.stop()]);
  });

  it("an instance killed with SIGKILL mid-run loses no cell: the other and the restarted one finish it, each cell completed once", async () => {
    const [first, second] = await Promise.all([start(shared), start(shared)]);
    const id = await startRun(first!, run({ providerId: "simulator", content: "Count {{n}} [[sim answer_tokens=30 reasoning_tokens=0 tokens_per_second=40]]", count: 24 }));
    for (;;) {
      const state = await readRun(second!, id);
      if ((state.counts.done ?? 0) >= 4 && (state.counts.running ?? 0) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await first!.stop("SIGKILL");
    const restarted = await start(shared);
    const state = await untilFinished(restarted, id, 90_000);
    expect(state.counts).toEqual({ done: 24 });
    const cells = await completionsOf(id);
    expect(cells).toHaveLength(24);
    expect(cells.filter((cell) => cell.completions !== 1)).toEqual([]);
    await Promise.all([second!.stop(), restarted.stop()]);
  });

  it("cancelling a run on one instance aborts the upstream requests in flight on both within a second", async () => {
    const slow = await startCountingUpstream({ answerMs: 30_000 });
    try {
      const env = { ...shared, REDIS_PREFIX: `kimi-runs-cancel-${randomBytes(6).toString("hex")}`, OPENAI_COMPATIBLE_BASE_URL: `${slow.url}/v1` };
      const [first, second] = await Promise.all([start({ ...env, OPENAI_COMPATIBLE_API_KEY: "instance-one-key-0123456789" }), start({ ...env, OPENAI_COMPATIBLE_API_KEY: "instance-two-key-0123456789" })]);
      const id = await startRun(first!, run({ providerId: "openai-compatible", content: "Count {{n}}", count: 12 }));
      while (slow.requests.length < 8) await new Promise((resolve) => setTimeout(resolve, 50));
      const inFlight = slow.requests.slice();
      const cancelledAt = Date.now();
      expect((await fetch(`${second!.url}/api/runs/${id}/cancel`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(200);
      while (inFlight.some((request) => request.abortedAt === undefined) && Date.now() - cancelledAt < 5_000) await new Promise((resolve) => setTimeout(resolve, 25));
      const slowest = Math.max(...inFlight.map((request) => (request.abortedAt ?? Number.POSITIVE_INFINITY) - cancelledAt));
      expect(slowest).toBeLessThan(1_000);
      // Both instances had requests in flight, and no cell started after the cancel.
      expect(new Set(inFlight.map((request) => request.authorization)).size).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(slow.requests.filter((request) => request.at > cancelledAt + 100)).toEqual([]);
      expect((await readRun(first!, id)).counts).toEqual({ cancelled: 12 });
      await Promise.all([first!.stop(), second!.stop()]);
    } finally {
      await slow.close();
    }
  });

  it("the only server (SQLite, no Redis) killed with SIGKILL mid-run resumes it after a restart, each cell completed once", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "kimi-runs-sigkill-"));
    const env = { DATA_DIR: dataDir, RUN_CONCURRENCY: "3", RUN_LEASE_MS: "2000", SIMULATOR_FIRST_TOKEN_MS: "0", LOG_LEVEL: "warn" };
    const server = await start(env);
    const id = await startRun(server, run({ providerId: "simulator", content: "Count {{n}} [[sim answer_tokens=30 reasoning_tokens=0 tokens_per_second=40]]", count: 12 }));
    for (;;) {
      const state = await readRun(server, id);
      if ((state.counts.done ?? 0) >= 3 && (state.counts.running ?? 0) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await server.stop("SIGKILL");
    const restarted = await start(env);
    const state = await untilFinished(restarted, id, 60_000);
    expect(state.counts).toEqual({ done: 12 });
    await restarted.stop();
    const database = new Database(join(dataDir, "runs.sqlite"), { readonly: true });
    try {
      const cells = database.prepare("SELECT cell_id, completions, attempts FROM run_cells WHERE run_id = ?").all(id) as Array<{ completions: number; attempts: number }>;
      expect(cells).toHaveLength(12);
      expect(cells.every((cell) => cell.completions === 1)).toBe(true);
      // The cells cut off by the kill were run again.
      expect(cells.some((cell) => cell.attempts > 1)).toBe(true);
    } finally {
      database.close();
    }
  });
});
