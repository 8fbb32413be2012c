import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { readShare } from "@/lib/share/read-share";
import { renderShareNotFoundPage, renderSharePage, sharePageHeaders } from "@/lib/share/render-share-page";

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

let notFoundPage: RenderedPage | undefined;

/** Serves the shared page at `/s/{id}`; returns false for any other request. */
export function handleSharePageRequest(request: IncomingMessage, response: ServerResponse): boolean {
  const id = request.method === "GET" || request.method === "HEAD" ? sharePath.exec(request.url ?? "")?.[1] : undefined;
  if (!id) return false;
  void (async () => {
    const share = await readShare({ id });
    if (!share) {
      forget(id);
      notFoundPage ??= prepared(renderShareNotFoundPage());
      send({ request, response, status: 404, page: notFoundPage });
      return;
    }
    // The simulator's URL in the page's code names the host it was reached at.
    const host = String(request.headers.host ?? "127.0.0.1");
    const key = `${id}|${host}`;
    let page = pages.get(key);
    if (!page) {
      page = prepared(renderSharePage({ share, origin: `http://${host}` }));
      remember(key, page);
    }
    send({ request, response, status: 200, page });
  })().catch((error: unknown) => {
    console.error("[share-page] failed:", error instanceof Error ? error.message : error);
    if (!response.headersSent) {
      response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end("The share could not be shown: the share store failed. Try again shortly.");
    } else response.destroy();
  });
  return true;
}
