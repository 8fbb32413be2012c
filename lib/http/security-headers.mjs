// @ts-check
// Plain JavaScript so that next.config.ts (for Next's responses) and the production server's own
// responses (API routes, shared pages) read the same list.

/** Headers every response of the workbench carries: no MIME sniffing, no referrer, no framing. */
export const securityHeaders = Object.freeze({
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
});
