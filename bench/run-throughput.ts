// Prompt runs, in one run of the benchmark:
//  1. throughput: 1,000 rows × 3 columns (3,000 cells) on the simulator at a fast pace, worked by the
//     server at RUN_CONCURRENCY 4, 16 and 64; beside each, the baseline: the same number of requests
//     sent straight to the gateway by a client keeping the same number in flight (the ceiling a run
//     engine could reach);
//  2. the results page: the longest main-thread tasks in Chromium while the 3,000 cells stream into
//     the open results page, and (baseline) the same page reopened on the finished run.
import { chromium, type Page } from "@playwright/test";
import { startApp } from "./support/start-app";

const rows = 1_000;
const columns = ["kimi-k2.6", "kimi-k2.5", "kimi-k3"];
const content = "Question {{n}}: name one fact about {{topic}}. [[sim answer_tokens=24 reasoning_tokens=8 first_token_ms=40]]";
const pace = { SIMULATOR_TOKENS_PER_SECOND: "2000", SIMULATOR_FIRST_TOKEN_MS: "40", LOG_LEVEL: "warn" };

const runBody = () => ({
  versions: [{ number: 1, template: { model: "kimi-k2.6", messages: [{ role: "user", content }], parameters: { max_completion_tokens: 200 } } }],
  rows: Array.from({ length: rows }, (_, index) => ({ id: `r${index + 1}`, values: { n: { kind: "text", text: String(index + 1) }, topic: { kind: "text", text: index % 2 ? "rivers" : "mountains" } } })),
  columns: columns.map((model, index) => ({ id: `c${index + 1}`, label: `${model} · Simulator`, providerId: "simulator", model, overrides: {} })),
  assertions: [{ type: "finish-reason", value: "stop" }, { type: "max-latency", ms: 5_000 }],
});

async function startRun(url: string): Promise<string> {
  const response = await fetch(`${url}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(runBody()) });
  if (response.status !== 201) throw new Error(`POST /api/runs answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

async function untilFinished(url: string, id: string): Promise<void> {
  for (;;) {
    const state = (await (await fetch(`${url}/api/runs/${id}?since=${Date.now()}`)).json()) as { status: string };
    if (state.status !== "running") return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The same requests straight to the gateway, `inFlight` at a time. */
async function directRequests(url: string, inFlight: number, total: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const send = async () => {
    while (next < total) {
      const index = next++;
      const response = await fetch(`${url}/api/providers/simulator/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: columns[index % 3], stream: true, stream_options: { include_usage: true }, max_completion_tokens: 200, messages: [{ role: "user", content: content.replace("{{n}}", String(index)).replace("{{topic}}", "rivers") }] }),
      });
      await response.text();
    }
  };
  await Promise.all(Array.from({ length: inFlight }, send));
  return (performance.now() - started) / 1000;
}

async function throughputAt(concurrency: number): Promise<Record<string, number>> {
  const app = await startApp({ ...pace, RUN_CONCURRENCY: String(concurrency), DATA_DIR: `/tmp/kimi-bench-runs-${process.pid}-${concurrency}` });
  try {
    const started = performance.now();
    const id = await startRun(app.url);
    await untilFinished(app.url, id);
    const runSeconds = (performance.now() - started) / 1000;
    const directSeconds = await directRequests(app.url, concurrency, rows * columns.length);
    const cells = rows * columns.length;
    return {
      concurrency,
      cells,
      runSeconds: Math.round(runSeconds * 10) / 10,
      runCellsPerSecond: Math.round(cells / runSeconds),
      directRequestsPerSecond: Math.round(cells / directSeconds),
      runShareOfDirect: Math.round((directSeconds / runSeconds) * 100) / 100,
    };
  } finally {
    await app.stop();
  }
}

async function longTasks(page: Page): Promise<{ longest: number; over50: number; blockingMs: number }> {
  const tasks = await page.evaluate(() => {
    const store = window as unknown as { __longTasks: number[] };
    const taken = store.__longTasks;
    store.__longTasks = [];
    return taken;
  });
  return { longest: Math.round(Math.max(0, ...tasks)), over50: tasks.length, blockingMs: Math.round(tasks.reduce((sum, duration) => sum + Math.max(0, duration - 50), 0)) };
}

async function resultsPage(): Promise<Record<string, unknown>> {
  const app = await startApp({ ...pace, SIMULATOR_TOKENS_PER_SECOND: "400", RUN_CONCURRENCY: "16", DATA_DIR: `/tmp/kimi-bench-runs-page-${process.pid}` });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(() => {
      const store = window as unknown as { __longTasks: number[] };
      store.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) store.__longTasks.push(entry.duration);
      }).observe({ type: "longtask", buffered: true });
    });
    await page.goto(`${app.url}/prompts`);
    await page.getByRole("textbox", { name: "Prompt name" }).waitFor();
    const id = await startRun(app.url);
    // The project this browser keeps for the run (as the Run button would have saved it).
    const projectId = await page.evaluate(async ({ runId, body }) => {
      const request = indexedDB.open("kimi-workbench-prompts", 1);
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const projectIdValue = "bench-project";
      const project = {
        id: projectIdValue,
        name: "Benchmark",
        providerId: "simulator",
        draft: body.versions[0]!.template,
        versions: [{ number: 1, template: body.versions[0]!.template, createdAt: Date.now() }],
        rows: body.rows,
        assertions: body.assertions,
        columns: body.columns,
        runs: [{ id: runId, createdAt: Date.now(), versions: [1], cells: body.rows.length * body.columns.length }],
        updatedAt: Date.now() + 60_000,
      };
      await new Promise<void>((resolve, reject) => {
        const transaction = database.transaction("projects", "readwrite");
        transaction.objectStore("projects").put(project);
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
      return projectIdValue;
    }, { runId: id, body: runBody() });
    await page.goto(`${app.url}/prompts?project=${projectId}&tab=runs`);
    await page.getByTestId("run-progress").waitFor();
    await longTasks(page);
    const started = performance.now();
    await page.getByTestId("run-progress").getByText(/^Finished/).waitFor({ timeout: 600_000 });
    const streamingSeconds = (performance.now() - started) / 1000;
    const whileStreaming = await longTasks(page);
    // Baseline: the same page opened on the finished run (one render of all 3,000 cells' results).
    await page.reload();
    await page.getByTestId("run-progress").getByText(/^Finished/).waitFor();
    await page.waitForTimeout(500);
    const reopened = await longTasks(page);
    // Scrolling the matrix to the bottom and back.
    await page.getByRole("table", { name: "Results by row and column" }).hover();
    for (let step = 0; step < 20; step += 1) await page.mouse.wheel(0, 1_500);
    for (let step = 0; step < 20; step += 1) await page.mouse.wheel(0, -1_500);
    await page.waitForTimeout(300);
    const scrolling = await longTasks(page);
    return { cells: rows * columns.length, streamingSeconds: Math.round(streamingSeconds), whileStreaming, reopenedFinished: reopened, scrollingMatrix: scrolling };
  } finally {
    await browser.close();
    await app.stop();
  }
}

/** The benchmark's summary. */
export async function runRunThroughput(): Promise<Record<string, unknown>> {
  const throughput = [];
  for (const concurrency of [4, 16, 64]) {
    const result = await throughputAt(concurrency);
    console.log(JSON.stringify(result));
    throughput.push(result);
  }
  return { throughput, resultsPage: await resultsPage() };
}
