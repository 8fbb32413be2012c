// `npm run bench`: builds if needed (see package.json), then runs each benchmark and prints its
// summary; results also go to bench/results/latest.json (not committed).
import { mkdirSync, writeFileSync } from "node:fs";
import { runGatewayOverhead } from "./gateway-overhead";
import { runFirstLoad } from "./first-load";
import { runFrameExtraction } from "./frame-extraction";
import { runShareThroughput } from "./share-throughput";
import { runStreamRender } from "./stream-render";

const only = process.argv[2];
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
if (!only || only === "gateway") {
  console.log("Gateway overhead (direct vs. through the gateway)…");
  results.gatewayOverhead = await runGatewayOverhead();
  console.log(JSON.stringify(results.gatewayOverhead, null, 2));
}
if (!only || only === "ui") {
  console.log("UI: streaming 50k tokens, reopening it, 200-message history…");
  results.streamRender = await runStreamRender();
  console.log(JSON.stringify(results.streamRender, null, 2));
}
if (!only || only === "first-load") {
  console.log("First-load JavaScript of the workbench page…");
  results.firstLoad = await runFirstLoad();
  console.log(JSON.stringify(results.firstLoad, null, 2));
}
if (!only || only === "frames") {
  console.log("Frame extraction: 60 s 1080p at 2 fps in Chromium vs. ffmpeg…");
  results.frameExtraction = await runFrameExtraction();
  console.log(JSON.stringify(results.frameExtraction, null, 2));
}
if (!only || only === "shares") {
  console.log("Shares: create, read and open at 100 requests/s (SQLite), vs. /api/health…");
  results.shareThroughput = await runShareThroughput();
  console.log(JSON.stringify(results.shareThroughput, null, 2));
}
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/latest.json", JSON.stringify(results, null, 2));
