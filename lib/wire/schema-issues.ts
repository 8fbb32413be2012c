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
