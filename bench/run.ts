// `npm run bench`: builds if needed (see package.json), then runs each benchmark and prints its
// summary; results also go to bench/results/latest.json (not committed).
import { mkdirSync, writeFileSync } from "node:fs";
import { runGatewayOverhead } from "./gateway-overhead";
import { runFirstLoad } from "./first-load";
import { runFrameExtraction } from "./frame-extraction";
import { runShareThroughput } from "./share-throughput";
import { runStreamRender } from "./stream-render";
import { runRunThroughput } from "./run-throughput";

const only = process.argv[2];
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
const benchmarks: Array<{ name: string; key: string; title: string; run: () => Promise<unknown> }> = [
  { name: "gateway", key: "gatewayOverhead", title: "Gateway overhead (direct vs. through the gateway)…", run: runGatewayOverhead },
  { name: "ui", key: "streamRender", title: "UI: streaming 50k tokens, reopening it, 200-message history…", run: runStreamRender },
  { name: "first-load", key: "firstLoad", title: "First-load JavaScript of the workbench page…", run: runFirstLoad },
  { name: "frames", key: "frameExtraction", title: "Frame extraction: 60 s 1080p at 2 fps in Chromium vs. ffmpeg…", run: runFrameExtraction },
  { name: "runs", key: "runThroughput", title: "Prompt runs: 1,000 rows × 3 columns on the simulator at RUN_CONCURRENCY 4/16/64 vs. direct gateway calls; the results page's main thread while they stream in…", run: runRunThroughput },
  { name: "shares", key: "shareThroughput", title: "Shares: create, read and open at 100 requests/s (SQLite), vs. /api/health…", run: runShareThroughput },
];
if (only && !benchmarks.some((benchmark) => benchmark.name === only)) {
  console.error(`Unknown benchmark "${only}": choose one of ${benchmarks.map((benchmark) => benchmark.name).join(", ")}, or none for all.`);
  process.exit(1);
}
for (const benchmark of benchmarks) {
  if (only && only !== benchmark.name) continue;
  console.log(benchmark.title);
  results[benchmark.key] = await benchmark.run();
  console.log(JSON.stringify(results[benchmark.key], null, 2));
}
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/latest.json", JSON.stringify(results, null, 2));
