// What model output may do with links and images, in the workbench and on shared pages.

// Bidirectional overrides and isolates make link text read differently from what it is
// ("txt.exe" shown as "exe.txt"); they are dropped from text that names a destination.
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without bidirectional control characters. */
export function stripBidiControls(text: string): string {
  return text.replace(bidiControls, "");
}

/**
 * The host of an image source the page must not fetch by itself (a remote http(s) URL), or
 * undefined for sources it may show (data:, blob:, same-origin paths). Model output is untrusted:
 * a remote image loads the moment it renders, carrying whatever the URL holds.
 */
export function remoteImageHost(source: string | undefined): string | undefined {
  if (!source) return undefined;
  if (/^(data|blob):/i.test(source) || (source.startsWith("/") && !source.startsWith("//"))) return undefined;
  try {
    const url = new URL(source, "http://workbench.invalid/");
    if (url.host === "workbench.invalid") return undefined;
    return url.host || source;
  } catch {
    return source;
  }
}

/** The host a link leads to, shown beside link text that does not say where it goes. */
export function linkHost(href: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.host : undefined;
  } catch {
    return undefined;
  }
}
