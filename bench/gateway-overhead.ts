// Gateway overhead, side by side in one run: the same local upstream stream fetched directly,
// through a minimal pass-through proxy (the floor for any proxy hop), and through the workbench
// gateway (production server). Reports the time to first byte each adds over direct, and whether
// chunks are coalesced (the gateway must deliver them as the upstream sends them).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { percentile, startApp } from "./support/start-app";

const chunkCount = 40;
const chunkSpacingMs = 10;
const rounds = Number(process.env.BENCH_ROUNDS ?? 150);

async function startHelper({ script, args }: { script: string; args: string[] }): Promise<{ url: string; close(): void }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, "support", script), ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve) => child.stdout.once("data", (data: Buffer) => resolve(data.toString().trim())));
  return { url: `http://127.0.0.1:${port}`, close: () => child.kill() };
}

async function measure(url: string): Promise<{ firstByteMs: number; reads: number; contentEvents: number }> {
  const startedAt = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "bench", messages: [{ role: "user", content: "go" }], stream: true }),
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let firstByteMs = 0;
  let reads = 0;
  let text = "";
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    if (reads === 0) firstByteMs = performance.now() - startedAt;
    reads += 1;
    text += decoder.decode(value, { stream: true });
  }
  return { firstByteMs, reads, contentEvents: (text.match(/"content":"token/g) ?? []).length };
}

/** Runs the benchmark and returns its summary. */
export async function runGatewayOverhead(): Promise<Record<string, unknown>> {
  const upstream = await startHelper({ script: "stream-upstream.mjs", args: [String(chunkCount), String(chunkSpacingMs)] });
  const proxy = await startHelper({ script: "minimal-proxy.mjs", args: [upstream.url] });
  const app = await startApp({ OPENAI_COMPATIBLE_BASE_URL: `${upstream.url}/v1` });
  const targets = {
    direct: `${upstream.url}/v1/chat/completions`,
    minimalProxy: `${proxy.url}/v1/chat/completions`,
    gateway: `${app.url}/api/providers/openai-compatible/v1/chat/completions`,
  };
  try {
    for (let warmup = 0; warmup < 20; warmup += 1) for (const url of Object.values(targets)) await measure(url);
    const samples: Record<keyof typeof targets, Array<Awaited<ReturnType<typeof measure>>>> = { direct: [], minimalProxy: [], gateway: [] };
    // Interleave so every path sees the same machine conditions.
    for (let round = 0; round < rounds; round += 1) {
      for (const [kind, url] of Object.entries(targets) as Array<[keyof typeof targets, string]>) samples[kind].push(await measure(url));
    }
    const summary = (kind: keyof typeof samples) => {
      const firstBytes = samples[kind].map((sample) => sample.firstByteMs);
      return {
        firstByteMs: { p50: percentile(firstBytes, 0.5), p95: percentile(firstBytes, 0.95), p99: percentile(firstBytes, 0.99) },
        readsPerStream: { p50: percentile(samples[kind].map((sample) => sample.reads), 0.5), min: Math.min(...samples[kind].map((sample) => sample.reads)) },
        contentEvents: Math.min(...samples[kind].map((sample) => sample.contentEvents)),
      };
    };
    const directSummary = summary("direct");
    const proxySummary = summary("minimalProxy");
    const gatewaySummary = summary("gateway");
    const added = (over: typeof directSummary) => ({
      p50: Number((over.firstByteMs.p50 - directSummary.firstByteMs.p50).toFixed(2)),
      p95: Number((over.firstByteMs.p95 - directSummary.firstByteMs.p95).toFixed(2)),
    });
    return {
      rounds,
      upstream: `${chunkCount} chunks, ${chunkSpacingMs} ms apart, its own process`,
      direct: directSummary,
      minimalProxy: proxySummary,
      gateway: gatewaySummary,
      addedFirstByteMs: { gateway: added(gatewaySummary), minimalProxy: added(proxySummary) },
      budget: "≤ 5 ms added to first byte; no chunk coalescing",
    };
  } finally {
    await app.stop();
    upstream.close();
    proxy.close();
  }
}
