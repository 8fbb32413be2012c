import type { Translate } from "@/lib/i18n/translate";
import type { RuleValues } from "@/lib/request/request-rules";
import type { ToolLoopFix } from "@/lib/request/tool-loop-check";

type Worded = { rule: string; message: string; values: RuleValues };

// The rule engine (lib/request) writes English for the gateway and the simulator; the page words the
// same rule from the catalog, which a test keeps identical in English (lib/request/rule-wording.test.ts).
const namespaces = ["rules", "ruleWarnings", "toolLoopRules"] as const;

/** A rule issue, warning or tool-loop finding in the page's language (the engine's English if the catalog lacks it). */
export function ruleText(worded: Worded, t: Translate): string {
  const translate = t as unknown as { (key: string, values: RuleValues): string; has(key: string): boolean };
  for (const namespace of namespaces) {
    const key = `${namespace}.${worded.rule}`;
    if (translate.has(key)) return translate(key, worded.values);
  }
  return worded.message;
}

/** A tool-loop fix's button label in the page's language. */
export function fixText(fix: ToolLoopFix, t: Translate): string {
  return t(`toolLoopFixes.${fix.kind}`);
}
