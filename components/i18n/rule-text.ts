import type { Translate } from "@/lib/i18n/translate";
import type { RuleValues } from "@/lib/request/request-rules";
import type { ToolLoopFix } from "@/lib/request/tool-loop-check";
import { catalogText } from "./catalog-text";

// The rule engine (lib/request) writes English for the gateway and the simulator; the page words the
// same rule from the catalog, which a test keeps identical in English (lib/request/rule-wording.test.ts).

/** A rule issue, warning or tool-loop finding in the page's language (the engine's English if the catalog lacks it). */
export function ruleText(worded: { rule: string; message: string; values: RuleValues }, t: Translate): string {
  return catalogText({ keys: [`rules.${worded.rule}`, `ruleWarnings.${worded.rule}`, `toolLoopRules.${worded.rule}`], values: worded.values, english: worded.message }, t);
}

/** A tool-loop fix's button label in the page's language. */
export function fixText(fix: ToolLoopFix, t: Translate): string {
  return t(`toolLoopFixes.${fix.kind}`);
}
