import en from "./messages/en.json";
import zhCN from "./messages/zh-CN.json";
import type { Locale } from "./locales";

/** The English catalog's shape: every catalog has exactly its keys (lib/i18n/messages.test.ts). */
export type Messages = typeof en;

const catalogs: Record<Locale, Messages> = { en, "zh-CN": zhCN };

/** The catalog of a language. */
export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
}
