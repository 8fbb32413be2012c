import { securityHeaders } from "@/lib/http/security-headers.mjs";
import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import { mediaHashOfKey } from "@/lib/media/attachment-keys";
import { publishedShare } from "@/lib/share/read-share";
import { getShareStore } from "@/lib/store/open-share-store";
import { renderShareNotFoundPage, renderSharePage, sharePageHeaders } from "./render-share-page";
import type { SharePageJob, SharePageResult } from "./share-page-worker";
import { isConversationShare, type AnyShareSnapshot, type PublishedShare } from "@/lib/share/share-snapshot";
import { describeErrorForLog, logEvent } from "@/lib/log/server-log";
import { localeCookieName, negotiateLocale, type Locale } from "@/lib/i18n/locales";
import { readCookie } from "@/lib/gateway/access";

// Serves GET /s/{id}. A share is an immutable snapshot, so its page is rendered once and kept (plain
// and gzipped); every request still asks the store whether the share exists and has not expired, so
// a deleted or expired share answers 404 at once.

interface RenderedPage {
  html: Buffer;
  gzipped: Buffer;
}

const maxEntries = 500;
const maxBytes = 64 * 1024 * 1024;
const pages = new Map<string, RenderedPage>();
let bytes = 0;
const sharePath = /^\/s\/([A-Za-z0-9_-]{22})\/?(?:\?.*)?$/;

function remember(key: string, page: RenderedPage): void {
  const size = page.html.length + page.gzipped.length;
  if (size > maxBytes / 16) return;
  pages.set(key, page);
  bytes += size;
  for (const [oldest, entry] of pages) {
    if (pages.size <= maxEntries && bytes <= maxBytes) break;
    pages.delete(oldest);
    bytes -= entry.html.length + entry.gzipped.length;
  }
}

function forget(id: string): void {
  for (const [key, entry] of pages) {
    if (!key.startsWith(`${id}|`)) continue;
    pages.delete(key);
    bytes -= entry.html.length + entry.gzipped.length;
  }
}

function send({ request, response, status, page }: { request: IncomingMessage; response: ServerResponse; status: number; page: RenderedPage }): void {
  const gzip = /\bgzip\b/i.test(String(request.headers["accept-encoding"] ?? ""));
  const body = gzip ? page.gzipped : page.html;
  response.writeHead(status, { ...sharePageHeaders, vary: "accept-encoding", "content-length": String(body.length), ...(gzip ? { "content-encoding": "gzip" } : {}) });
  response.end(request.method === "HEAD" ? undefined : body);
}

function prepared(html: string): RenderedPage {
  const buffer = Buffer.from(html);
  return { html: buffer, gzipped: gzipSync(buffer) };
}

const notFoundPages = new Map<Locale, RenderedPage>();

/** The reader's language: the workbench's language cookie, else the browser's languages. */
function readerLocale(request: IncomingMessage): Locale {
  const cookie = readCookie({ header: request.headers.cookie ?? null, name: localeCookieName });
  const acceptLanguage = request.headers["accept-language"];
  return negotiateLocale({ cookie, acceptLanguage: typeof acceptLanguage === "string" ? acceptLanguage : null });
}

// The worker bundle sits next to the API bundle in production; elsewhere (tests, development) pages
// render on this thread.
const workerFile = new URL("./share-page-worker.mjs", import.meta.url);
let worker: Worker | undefined;
let nextJob = 1;
const jobs = new Map<number, (result: SharePageResult) => void>();
const rendering = new Map<string, Promise<RenderedPage>>();

function renderer(): Worker | undefined {
  if (worker) return worker;
  if (workerFile.protocol !== "file:" || !existsSync(fileURLToPath(workerFile))) return undefined;
  worker = new Worker(workerFile);
  // Idle, it must not keep the process alive.
  worker.unref();
  worker.on("message", (result: SharePageResult) => {
    jobs.get(result.job)?.(result);
    jobs.delete(result.job);
  });
  worker.on("error", (error) => {
    for (const [job, resolve] of jobs) resolve({ job, ok: false, message: error.message });
    jobs.clear();
    worker = undefined;
  });
  return worker;
}

/** Renders a share's page (on the worker thread when there is one); one render per page at a time. */
function renderPage({ key, share, origin, documentTexts, locale }: { key: string; share: PublishedShare<AnyShareSnapshot>; origin: string; documentTexts: Record<string, string>; locale: Locale }): Promise<RenderedPage> {
  const pending = rendering.get(key);
  if (pending) return pending;
  const thread = renderer();
  const promise = thread
    ? new Promise<RenderedPage>((resolve, reject) => {
        const job = nextJob++;
        jobs.set(job, (result) => (result.ok ? resolve({ html: Buffer.from(result.html), gzipped: Buffer.from(result.gzipped) }) : reject(new Error(result.message))));
        thread.postMessage({ job, share, origin, documentTexts, locale } satisfies SharePageJob);
      })
    : Promise.resolve(prepared(renderSharePage({ share, origin, documentTexts, locale })));
  rendering.set(key, promise);
  void promise.then(
    (page) => {
      rendering.delete(key);
      remember(key, page);
    },
    () => rendering.delete(key),
  );
  return promise;
}

/** The extracted texts of a share's documents (stored with it as media), by text key. */
async function documentTextsOf(share: PublishedShare<AnyShareSnapshot>): Promise<Record<string, string>> {
  if (!isConversationShare(share)) return {};
  const keys = share.snapshot.turns.flatMap((turn) => (turn.role === "user" ? (turn.attachments ?? []).flatMap((attachment) => (attachment.kind === "document" ? [attachment.textKey] : [])) : []));
  if (keys.length === 0) return {};
  const store = await getShareStore();
  const texts: Record<string, string> = {};
  for (const key of new Set(keys)) {
    const media = await store.getShareMedia({ id: share.id, hash: mediaHashOfKey(key) ?? "", now: Date.now() });
    if (media) texts[key] = media.bytes.toString("utf8");
  }
  return texts;
}

/** Serves the shared page at `/s/{id}`; returns false for any other request. */
export function handleSharePageRequest(request: IncomingMessage, response: ServerResponse): boolean {
  const id = request.method === "GET" || request.method === "HEAD" ? sharePath.exec(request.url ?? "")?.[1] : undefined;
  if (!id) return false;
  void (async () => {
    // Existence and expiry are checked every time; the snapshot is only parsed to render.
    const stored = await (await getShareStore()).getShare({ id, now: Date.now() });
    const locale = readerLocale(request);
    if (!stored) {
      forget(id);
      let notFound = notFoundPages.get(locale);
      if (!notFound) notFoundPages.set(locale, (notFound = prepared(renderShareNotFoundPage({ locale }))));
      send({ request, response, status: 404, page: notFound });
      return;
    }
    // The simulator's URL in the page's code names the host it was reached at.
    const host = String(request.headers.host ?? "127.0.0.1");
    const key = `${id}|${host}|${locale}`;
    let page = pages.get(key);
    if (!page) {
      const share = publishedShare(stored);
      page = await renderPage({ key, share, origin: `http://${host}`, documentTexts: await documentTextsOf(share), locale });
    }
    send({ request, response, status: 200, page });
  })().catch((error: unknown) => {
    logEvent({ level: "error", event: "share_page_failed", fields: describeErrorForLog(error) });
    if (!response.headersSent) {
      response.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "5", ...securityHeaders });
      response.end("This share cannot be shown right now: the share store is not answering. Try again shortly.");
    } else response.destroy();
  });
  return true;
}
