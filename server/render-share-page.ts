import "server-only";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createElement } from "react";
import { createTranslator } from "next-intl";
import { renderToString } from "react-dom/server";
import { ShareNotFoundBody, SharedPageBody } from "@/components/share/shared-page-body";
import { SharedRunBody } from "@/components/share/shared-run-body";
import { securityHeaders } from "@/lib/http/security-headers.mjs";
import { themeScript } from "@/lib/chat/theme-script";
import { shareCode, shareProvider } from "@/lib/share/share-code";
import { isConversationShare, isRunShare, type AnyShareSnapshot, type PublishedShare } from "@/lib/share/share-snapshot";
import { IntlProvider } from "@/components/i18n/intl-provider";
import type { Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import type { ReactElement } from "react";

// The shared page as a complete HTML document, rendered with React outside Next's request pipeline
// (which costs ~15 ms per page on the 2-core machine; this, ~3 ms: bench/share-throughput.ts). It
// uses the app's stylesheet and no JavaScript but the theme script, so its CSP allows only that.

/** Written by scripts/build.mjs next to the API bundle: the app's stylesheet URLs. */
interface PageAssets {
  css: string[];
}

let assets: PageAssets | undefined;

function pageAssets(): PageAssets {
  if (assets) return assets;
  const path = join(process.cwd(), ".next", "api", "page-assets.json");
  assets = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as PageAssets) : { css: [] };
  return assets;
}

const themeScriptHash = createHash("sha256").update(themeScript).digest("base64");

/** Security headers of the shared page: nothing runs but the theme script; nothing loads from elsewhere. */
export const sharePageHeaders: Record<string, string> = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "x-robots-tag": "noindex, nofollow",
  ...securityHeaders,
  "content-security-policy": `default-src 'none'; script-src 'sha256-${themeScriptHash}'; style-src 'self'; font-src 'self'; img-src 'self'; media-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Renders a page body in the reader's language (the same catalogs and provider as the workbench). */
function renderBody({ element, locale }: { element: ReactElement; locale: Locale }): string {
  return renderToString(createElement(IntlProvider, { locale, messages: messagesFor(locale) }, element));
}

function documentHtml({ title, body, locale }: { title: string; body: string; locale: Locale }): string {
  const styles = pageAssets()
    .css.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`)
    .join("");
  return `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><link rel="icon" href="/icon.svg">${styles}<script>${themeScript}</script></head><body>${body}</body></html>`;
}

/**
 * The page of a readable share; `origin` is where this server is reached (for the simulator's URL in
 * code), `documentTexts` the extracted texts of its documents by text key (for the code).
 */
export function renderSharePage({ share, origin, documentTexts, locale = "en" }: { share: PublishedShare<AnyShareSnapshot>; origin: string; documentTexts?: Record<string, string>; locale?: Locale }): string {
  const t = createTranslator({ locale, messages: messagesFor(locale) });
  if (isRunShare(share)) return documentHtml({ title: t("sharedPage.runTitle", { title: share.snapshot.title }), body: renderBody({ element: createElement(SharedRunBody, { share }), locale }), locale });
  if (!isConversationShare(share)) throw new Error("Unknown share format.");
  const provider = shareProvider({ providerId: share.snapshot.providerId, origin });
  const body = renderBody({ element: createElement(SharedPageBody, { share, providerLabel: provider.label, code: shareCode({ share, config: provider.config, documentTexts }) }), locale });
  return documentHtml({ title: t("sharedPage.pageTitle", { title: share.snapshot.title }), body, locale });
}

/** The page for a share that does not exist, has expired or was deleted. */
export function renderShareNotFoundPage({ locale = "en" }: { locale?: Locale } = {}): string {
  const t = createTranslator({ locale, messages: messagesFor(locale) });
  return documentHtml({ title: t("sharedPage.notFoundTitle"), body: renderBody({ element: createElement(ShareNotFoundBody), locale }), locale });
}
