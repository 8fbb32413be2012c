/** A formula (official tool) URI as Moonshot writes them: `owner/name` with an optional `:tag`, e.g. `moonshot/web-search:latest`. */
export const formulaUriPattern = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*(:[\w.-]+)?$/;

/** The gateway path of a formula, each segment escaped and the tag's colon kept (`…/formulas/moonshot/web-search:latest`). */
export function formulaPath(uri: string): string {
  return `formulas/${uri.split("/").map(encodeURIComponent).join("/").replaceAll("%3A", ":")}`;
}
