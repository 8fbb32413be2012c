import "server-only";
import { createTranslator } from "use-intl/core";
import type { Messages } from "./messages";
import { messagesFor } from "./messages";

/** A code of a message the server writes itself (a key of the catalog's `serverErrors`). */
export type ServerMessageCode = keyof Messages["serverErrors"];

/** A message the server writes: its English, and the catalog code and values a page words it from. */
export interface ServerMessage {
  message: string;
  messageCode: ServerMessageCode;
  messageValues: Record<string, string>;
}

type EnglishTranslator = (key: string, values: Record<string, string>) => string;
let english: EnglishTranslator | undefined;

// The English is the catalog's own, so the API's words and the page's English cannot drift apart;
// API clients read `message`, a page in another language words `message_code` from its catalog.
/** The English of `serverErrors.<code>` with its values, with the code and values beside it. */
export function serverMessage({ code, values = {} }: { code: ServerMessageCode; values?: Record<string, string | number> }): ServerMessage {
  english ??= createTranslator({ locale: "en", messages: messagesFor("en"), namespace: "serverErrors" }) as unknown as EnglishTranslator;
  const messageValues = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)]));
  // An empty value at the end (an optional hint) leaves no trailing space.
  return { message: english(code, messageValues).trim(), messageCode: code, messageValues };
}
