// @ts-check
// Builds the production bundle when it is missing or older than the sources, so `npm start` works
// right after `npm install` and does not rebuild when nothing changed. Two outputs: Next's build
// (.next/) and the API bundle server.mjs serves the gateway from (.next/api/api-entry.mjs).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { copyMonaco } from "./copy-monaco.mjs";
import { writeApiRoutes } from "./generate-api-routes.mjs";

const root = join(import.meta.dirname, "..");
const sources = ["app", "components", "lib", "server", "public/icons", "next.config.ts", "package.json", "package-lock.json", "postcss.config.mjs", "tsconfig.json", "scripts/build.mjs"];
/** Where server.mjs finds the API bundle. */
export const apiBundlePath = join(root, ".next", "api", "api-entry.mjs");

/** @param {string} path @returns {number} */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Records the app's stylesheet URLs for pages the API bundle renders itself (the shared page). */
function writePageAssets() {
  const css = [];
  const walk = (/** @type {string} */ directory, /** @type {string} */ url) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(directory, entry.name), `${url}/${entry.name}`);
      else if (entry.name.endsWith(".css")) css.push(`${url}/${entry.name}`);
    }
  };
  walk(join(root, ".next", "static"), "/_next/static");
  mkdirSync(dirname(apiBundlePath), { recursive: true });
  writeFileSync(join(dirname(apiBundlePath), "page-assets.json"), JSON.stringify({ css }));
}

async function buildApiBundle() {
  const { build } = await import("esbuild");
  await build({
    // The API, and the worker that renders shared pages (server/share-page-cache.ts loads it).
    entryPoints: { "api-entry": join(root, "server", "api-entry.ts"), "share-page-worker": join(root, "server", "share-page-worker.ts") },
    outdir: dirname(apiBundlePath),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Our code is bundled; packages load from node_modules as they do for Next.
    packages: "external",
    alias: { "server-only": join(root, "lib", "http", "server-only-noop.ts") },
    tsconfig: join(root, "tsconfig.json"),
    logLevel: "warning",
  });
}

/** Runs `next build` and bundles the API unless both are newer than every source file. */
export async function ensureBuild() {
  copyMonaco();
  // The production server's route table follows app/api/ (rewritten only when it changed, so an
  // up-to-date build stays up to date).
  writeApiRoutes();
  const buildId = join(root, ".next", "BUILD_ID");
  const builtAt = Math.min(existsSync(buildId) ? statSync(buildId).mtimeMs : 0, existsSync(apiBundlePath) ? statSync(apiBundlePath).mtimeMs : 0);
  const changedAt = Math.max(...sources.map((source) => newestMtime(join(root, source))));
  if (builtAt > changedAt && !process.argv.includes("--force")) {
    console.log("Production build is up to date.");
    return;
  }
  console.log("Building the workbench (next build)…");
  const result = spawnSync(process.execPath, [join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log("Bundling the API for server.mjs (esbuild)…");
  await buildApiBundle();
  writePageAssets();
}

if (import.meta.url === `file://${process.argv[1]}`) await ensureBuild();
