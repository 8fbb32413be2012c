// Shares on one machine with the default store (SQLite), each load offered at a fixed 100 requests/s
// (open loop: requests start on schedule whether or not earlier ones finished), with GET /api/health
// at the same rate through the same server as the baseline:
//  - create: POST /api/shares;
//  - read: GET /api/shares/{id};
//  - open: GET /s/{id} of shares opened before (the rendered page is kept; the store is still asked);
//  - mixed: creates and first opens of the shares just created, alternating (50 + 50 per second);
//  - first opens: every request renders a page never rendered before (the worst case).
// Budget (docs/architecture.md, "Budgets"): create and open at p99 < 50 ms at 100 requests/s.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startApp } from "./support/start-app";

const ratePerSecond = 100;
const seconds = 10;

function snapshot(index: number) {
  const paragraph = "A careful answer with a code sample and a table, the size of a typical reply. ".repeat(12);
  const turns = [];
  for (let turn = 0; turn < 5; turn += 1) {
    turns.push({ id: `u${turn}`, role: "user", content: `Question ${turn} of conversation ${index}?`, createdAt: 1 });
    turns.push({ id: `a${turn}`, role: "assistant", providerId: "simulator", model: "kimi-k2.6", content: `## Answer ${turn}\n\n${paragraph}\n\n\`\`\`python\nprint(${turn})\n\`\`\``, reasoning: paragraph, status: "done", usage: { prompt_tokens: 100, completion_tokens: 300, total_tokens: 400 }, createdAt: 2 });
  }
  return { format: "kimi-workbench-share", version: 1, title: `Bench conversation ${index}`, providerId: "simulator", model: "kimi-k2.6", parameters: { temperature: 1 }, included: { systemPrompt: false, tools: false, reasoning: true, media: false }, turns };
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)]!;
}

async function offer(request: (index: number) => Promise<Response>): Promise<{ p50: number; p95: number; p99: number; max: number; failures: number }> {
  const latencies: number[] = [];
  let failures = 0;
  const total = ratePerSecond * seconds;
  const started = performance.now();
  const pending: Array<Promise<void>> = [];
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      (async () => {
        const begin = performance.now();
        const response = await request(index);
        await response.arrayBuffer();
        latencies.push(performance.now() - begin);
        if (!response.ok) failures += 1;
      })(),
    );
  }
  await Promise.all(pending);
  const sorted = latencies.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return { p50: round(percentile(sorted, 0.5)), p95: round(percentile(sorted, 0.95)), p99: round(percentile(sorted, 0.99)), max: round(sorted[sorted.length - 1]!), failures };
}

export async function runShareThroughput(): Promise<Record<string, unknown>> {
  const app = await startApp({ DATA_DIR: mkdtempSync(join(tmpdir(), "kimi-bench-shares-")), SHARE_CREATE_LIMIT: "100000" });
  try {
    const ids: string[] = [];
    // Warm up the routes and the page (first requests compile nothing, but fill caches).
    for (let index = 0; index < 20; index += 1) {
      const response = await fetch(`${app.url}/api/shares`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ snapshot: snapshot(index), expiresIn: "7d" }) });
      ids.push(((await response.json()) as { id: string }).id);
      await (await fetch(`${app.url}/s/${ids[ids.length - 1]}`)).text();
    }
    const baseline = await offer(() => fetch(`${app.url}/api/health`));
    const create = await offer((index) =>
      fetch(`${app.url}/api/shares`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ snapshot: snapshot(index), expiresIn: "7d" }) }).then(async (response) => {
        const copy = response.clone();
        ids.push(((await copy.json()) as { id: string }).id);
        return response;
      }),
    );
    const read = await offer((index) => fetch(`${app.url}/api/shares/${ids[index % ids.length]}`));
    // Half the shares are opened once first, so "open" sees pages that have been rendered before.
    const opened = ids.slice(0, 500);
    for (const id of opened) await (await fetch(`${app.url}/s/${id}`)).arrayBuffer();
    const open = await offer((index) => fetch(`${app.url}/s/${opened[index % opened.length]}`));
    const fresh: string[] = [];
    const mixed = await offer(async (index) => {
      if (index % 2 === 0 || fresh.length === 0) {
        const response = await fetch(`${app.url}/api/shares`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ snapshot: snapshot(10_000 + index), expiresIn: "7d" }) });
        fresh.push(((await response.clone().json()) as { id: string }).id);
        return response;
      }
      return fetch(`${app.url}/s/${fresh.shift()}`);
    });
    const unopened = ids.slice(500);
    const firstOpen = await offer((index) => fetch(`${app.url}/s/${unopened[index % unopened.length]}`));
    return {
      store: "sqlite",
      ratePerSecond,
      secondsEach: seconds,
      snapshotBytes: JSON.stringify(snapshot(0)).length,
      latencyMs: { baselineHealth: baseline, create, readApi: read, openPage: open, mixedCreateAndFirstOpen: mixed, firstOpenOnly: firstOpen },
      budget: "create and open p99 < 50 ms",
    };
  } finally {
    await app.stop();
  }
}
