/** A problem with a value checked against a schema: where it is (object keys and array indexes) and what is wrong. */
export interface SchemaIssue {
  path: Array<string | number>;
  message: string;
}

/** Schema issues from zod's, with symbol keys (never used by our schemas) dropped. */
export function toSchemaIssues(issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>): SchemaIssue[] {
  return issues.map((issue) => ({
    path: issue.path.filter((segment): segment is string | number => typeof segment !== "symbol"),
    message: issue.message,
  }));
}

/** A field path as people write it: `messages[0].content`. */
export function formatIssuePath(path: ReadonlyArray<string | number>): string {
  return path.map((segment) => (typeof segment === "number" ? `[${segment}]` : `.${segment}`)).join("").replace(/^\./, "");
}

/** The first issue as "field: problem" (the whole body is called "body"). */
export function describeSchemaIssue(issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>): string {
  const issue = toSchemaIssues(issues)[0];
  if (!issue) return "invalid request";
  return `${formatIssuePath(issue.path) || "body"}: ${issue.message}`;
}

function valueAt(root: unknown, path: ReadonlyArray<string | number>): { found: boolean; value: unknown } {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== "object" || !(segment in (value as Record<string | number, unknown>))) return { found: false, value: undefined };
    value = (value as Record<string | number, unknown>)[segment];
  }
  return { found: true, value };
}

/**
 * The first issue as "where: problem; found …" with the value that is there (shortened), so a file
 * a person wrote by hand can be fixed without guessing. `root` names the top level (e.g. "conversation"; "" for none).
 */
export function describeSchemaIssueWithValue({ issues, value, root }: { issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>; value: unknown; root: string }): string {
  const issue = toSchemaIssues(issues)[0];
  if (!issue) return `${root}: invalid`;
  const path = formatIssuePath(issue.path);
  const where = root === "" ? path || "the file" : `${root}${issue.path.length > 0 && typeof issue.path[0] === "string" ? "." : ""}${path}`;
  const at = valueAt(value, issue.path);
  const shown = at.found ? JSON.stringify(at.value) ?? String(at.value) : undefined;
  const found = at.found ? `; found ${shown && shown.length > 60 ? `${shown.slice(0, 57)}…` : shown}` : "; it is missing";
  return `${where}: ${issue.message}${found}`;
}
