// Renders shared pages on a worker thread (bundled by scripts/build.mjs next to the API bundle), so a
// burst of first views does not queue every other request behind React and the markdown parser.
import { parentPort } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import { renderSharePage } from "./render-share-page";
import type { AnyShareSnapshot, PublishedShare } from "@/lib/share/share-snapshot";
import type { Locale } from "@/lib/i18n/locales";

/** A render job. */
export interface SharePageJob {
  job: number;
  share: PublishedShare<AnyShareSnapshot>;
  origin: string;
  documentTexts: Record<string, string>;
  /** The reader's language. */
  locale: Locale;
}

/** Its result: the page, plain and gzipped, or why it failed. */
export type SharePageResult = { job: number; ok: true; html: Uint8Array; gzipped: Uint8Array } | { job: number; ok: false; message: string };

parentPort?.on("message", ({ job, share, origin, documentTexts, locale }: SharePageJob) => {
  try {
    const html = Buffer.from(renderSharePage({ share, origin, documentTexts, locale }));
    parentPort!.postMessage({ job, ok: true, html, gzipped: gzipSync(html) } satisfies SharePageResult);
  } catch (error) {
    parentPort!.postMessage({ job, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies SharePageResult);
  }
});
