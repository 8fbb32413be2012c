import type { Translate } from "@/lib/i18n/translate";
import type { WorkbenchMessage } from "@/lib/wire/coded-message";
import { catalogText } from "./catalog-text";

// The namespaces of messages the workbench writes about a failure: the page's own (answerErrors,
// clientErrors) and the server's (serverErrors). Codes are unique across them.
const namespaces = ["answerErrors", "clientErrors", "serverErrors"] as const;

/** An error in the page's language when the workbench wrote it; a provider's words as they came. */
export function errorText({ message, code, values }: WorkbenchMessage, t: Translate): string {
  return catalogText({ keys: code ? namespaces.map((namespace) => `${namespace}.${code}`) : [], values: values ?? {}, english: message }, t);
}
