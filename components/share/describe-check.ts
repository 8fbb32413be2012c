import type { Assertion } from "@/lib/evals/assertions";
import type { Translate } from "@/lib/i18n/translate";
import { catalogText } from "@/components/i18n/catalog-text";
import type { CodedMessage } from "@/lib/wire/coded-message";

/** A check in one line, as the list and the matrix's tooltips show it. */
export function describeCheck(assertion: Assertion, t: Translate): string {
  const anyCase = "ignoreCase" in assertion && assertion.ignoreCase ? "yes" : "no";
  switch (assertion.type) {
    case "contains":
      return t("checks.describeContains", { value: assertion.value, anyCase });
    case "not-contains":
      return t("checks.describeNotContains", { value: assertion.value, anyCase });
    case "regex":
      return t("checks.describeRegex", { pattern: `/${assertion.pattern}/${assertion.flags ?? ""}` });
    case "equals-expected":
      return t("checks.describeEquals", { anyCase });
    case "is-json":
      return t("checks.describeIsJson");
    case "matches-json-schema":
      return t("checks.describeSchema");
    case "called-tool":
      return t("checks.describeCalledTool", { name: assertion.name, withArguments: assertion.argumentsSchema ? "yes" : "no" });
    case "finish-reason":
      return t("checks.describeFinish", { value: assertion.value });
    case "max-cost":
      return t("checks.describeCost", { amount: String(assertion.amount), currency: assertion.currency });
    case "max-latency":
      return t("checks.describeLatency", { ms: String(assertion.ms) });
    case "max-reasoning-tokens":
      return t("checks.describeReasoning", { tokens: String(assertion.tokens) });
    case "judge":
      return t("checks.describeJudge", { model: assertion.model, rubric: `${assertion.rubric.slice(0, 60)}${assertion.rubric.length > 60 ? "…" : ""}` });
  }
}

/** Why a check failed (or waits for the judge), in the page's language; the judge's own words as they are. */
export function checkReasonText(result: { reason: string; code?: string; values?: Record<string, string> }, t: Translate): string {
  return catalogText({ keys: result.code ? [`checkReasons.${result.code}`] : [], values: result.values ?? {}, english: result.reason }, t);
}

/** Sentences lib/ wrote with catalog codes (a row that could not be rendered), in the page's language; the English where there are none. */
export function partsText({ parts, english }: { parts?: readonly CodedMessage[]; english: string }, t: Translate): string {
  if (!parts || parts.length === 0) return english;
  return parts.map((part) => catalogText({ keys: [`renderProblems.${part.code}`, `serverErrors.${part.code}`], values: part.values, english: part.message }, t)).join(" ");
}
