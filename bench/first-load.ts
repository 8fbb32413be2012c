// First-load JavaScript of the workbench page (and, reported beside it, its stylesheets): every script the server-rendered HTML loads before any
// interaction, gzip-compressed as served. A nomodule script (legacy polyfills) is reported apart: a browser with modules never fetches it.
// Budget (docs/architecture.md, "Budgets"): ≤ 250 KB. Also checks that the code that must load on demand (the BPE tokenizer's rank table,
// media work, Monaco) is not among them.
import { gzipSync } from "node:zlib";
import { startApp } from "./support/start-app";

const budgetKb = 250;

export async function runFirstLoad(): Promise<{ scripts: number; gzipKb: number; budgetKb: number; withinBudget: boolean; heavyCodeInFirstLoad: string[]; stylesheetsGzipKb: number; legacyPolyfillsGzipKb: number }> {
  const app = await startApp({ SIMULATOR_TOKENS_PER_SECOND: "1000" });
  try {
    const html = await (await fetch(`${app.url}/`)).text();
    const tags = [...html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)].map((match) => ({ source: match[2]!.replaceAll("&amp;", "&"), legacy: /\snomodule\b/i.test(`${match[1]} ${match[3]}`) }));
    // A nomodule script (Next's polyfills for browsers without ES modules) is never fetched by a
    // browser that runs modules, which every browser the workbench supports does: reported apart.
    const sources = tags.filter((tag) => !tag.legacy).map((tag) => tag.source);
    const fetchBody = async (path: string) => Buffer.from(await (await fetch(new URL(path, app.url))).arrayBuffer());
    const gzippedBytes = async (paths: string[]) => {
      let bytes = 0;
      for (const path of new Set(paths)) bytes += gzipSync(await fetchBody(path)).length;
      return bytes;
    };
    const legacyBytes = await gzippedBytes(tags.filter((tag) => tag.legacy).map((tag) => tag.source));
    let gzipBytes = 0;
    const heavy: string[] = [];
    for (const source of new Set(sources)) {
      const body = await fetchBody(source);
      gzipBytes += gzipSync(body).length;
      const text = body.toString("utf8");
      // Markers of code that has to stay lazy: o200k's rank table, IndexedDB media storage, Monaco.
      for (const [name, marker] of [["tokenizer rank table", "o200k_base"], ["media storage", "kimi-workbench-media"], ["monaco", "monaco-editor"]] as const) {
        if (text.includes(marker)) heavy.push(`${name} in ${source}`);
      }
    }
    const kilobytes = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
    const gzipKb = kilobytes(gzipBytes);
    // Stylesheets are outside the JavaScript budget but block the first paint too: reported so the
    // Chinese font's @font-face rules (the font files themselves load only for Chinese text) stay visible.
    const stylesheetsGzipKb = kilobytes(await gzippedBytes([...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&"))));
    const legacyPolyfillsGzipKb = kilobytes(legacyBytes);
    return { scripts: new Set(sources).size, gzipKb, budgetKb, withinBudget: gzipKb <= budgetKb, heavyCodeInFirstLoad: heavy, stylesheetsGzipKb, legacyPolyfillsGzipKb };
  } finally {
    await app.stop();
  }
}
