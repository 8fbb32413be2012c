// @ts-check
// Plain JavaScript so that next.config.ts (for Next's responses) and the production server's own
// responses (API routes, shared pages) read the same list.

/**
 * Headers every response of the workbench carries: no MIME sniffing, no referrer, no framing, no
 * embedding by other origins (an <img> or <script> on another site or port cannot read an API
 * answer), its own browsing context group, and no camera, microphone or location.
 */
export const securityHeaders = Object.freeze({
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-resource-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
});

/**
 * The workbench page's Content Security Policy. Scripts only from this origin or carrying the
 * request's nonce (Next's inline bootstrap, the theme script); workers from this origin (the token
 * counter, Monaco's) or blob:; images and media from this origin, blob: and data: only, so model
 * output cannot make the page fetch a remote URL (`![x](https://host/?data=…)` is the zero-click
 * exfiltration path); fetches only to this origin. Inline style attributes are allowed: React and
 * Monaco set them, and with images limited as above CSS cannot reach other hosts either.
 * @param {{ nonce: string; dev: boolean }} options
 */
export function workbenchPagePolicy({ nonce, dev }) {
  return [
    "default-src 'self'",
    // Development only: React's refresh runtime evaluates code.
    `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "worker-src 'self' blob:",
    "img-src 'self' blob: data:",
    "media-src 'self' blob: data:",
    "font-src 'self' data:",
    // Development only: the hot-reload socket.
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
