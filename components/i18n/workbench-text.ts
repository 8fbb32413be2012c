import type { Translate } from "@/lib/i18n/translate";
import type { WorkbenchMessage } from "@/lib/wire/coded-message";
import { catalogText } from "./catalog-text";

// The namespaces of the messages lib/ and the server write with a code: the page's own errors
// (answerErrors, clientErrors), its notes (notices) and the server's errors (serverErrors). Codes
// are unique across them.
const namespaces = ["answerErrors", "clientErrors", "notices", "serverErrors"] as const;

/** A message in the page's language when the workbench wrote it; a provider's words as they came. */
export function workbenchText({ message, code, values, problem }: WorkbenchMessage, t: Translate): string {
  const worded = problem ? { ...values, problem: workbenchText(problem, t) } : (values ?? {});
  return catalogText({ keys: code ? namespaces.map((namespace) => `${namespace}.${code}`) : [], values: worded, english: message }, t);
}
