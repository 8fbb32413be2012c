import type { Assertion } from "@/lib/evals/assertions";

/** A check in one line, as the list and the matrix's tooltips show it. */
export function describeCheck(assertion: Assertion): string {
  switch (assertion.type) {
    case "contains":
      return `contains "${assertion.value}"${assertion.ignoreCase ? " (any case)" : ""}`;
    case "not-contains":
      return `does not contain "${assertion.value}"${assertion.ignoreCase ? " (any case)" : ""}`;
    case "regex":
      return `matches /${assertion.pattern}/${assertion.flags ?? ""}`;
    case "equals-expected":
      return `equals expected${assertion.ignoreCase ? " (any case)" : ""}`;
    case "is-json":
      return "is valid JSON";
    case "matches-json-schema":
      return "matches the JSON Schema";
    case "called-tool":
      return `called ${assertion.name}${assertion.argumentsSchema ? " with matching arguments" : ""}`;
    case "finish-reason":
      return `finished with ${assertion.value}`;
    case "max-cost":
      return `costs ≤ ${assertion.amount} ${assertion.currency}`;
    case "max-latency":
      return `takes ≤ ${assertion.ms} ms`;
    case "max-reasoning-tokens":
      return `reasons ≤ ${assertion.tokens} tokens`;
    case "judge":
      return `judged by ${assertion.model}: ${assertion.rubric.slice(0, 60)}${assertion.rubric.length > 60 ? "…" : ""}`;
  }
}
