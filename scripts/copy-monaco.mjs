// @ts-check
// Monaco is served from this app (/monaco/vs), never from a CDN: copy its prebuilt editor out of
// node_modules into public/ (not committed). Runs before builds and the dev server; skips when the
// copy already matches the installed version.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const source = join(root, "node_modules", "monaco-editor", "min", "vs");
const target = join(root, "public", "monaco", "vs");
const stamp = join(root, "public", "monaco", "VERSION");

/** Copies Monaco's `min/vs` into public/monaco/vs unless it is already there. */
export function copyMonaco() {
  const version = JSON.parse(readFileSync(join(root, "node_modules", "monaco-editor", "package.json"), "utf8")).version;
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === version) return;
  rmSync(join(root, "public", "monaco"), { recursive: true, force: true });
  cpSync(source, target, { recursive: true });
  writeFileSync(stamp, version);
  console.log(`Copied Monaco ${version} to public/monaco.`);
}

if (import.meta.url === `file://${process.argv[1]}`) copyMonaco();
