import type { Locale } from "./locales";
import type { Messages } from "./messages";

// Keys given to t() are checked against the English catalog at compile time: a missing key fails `npm run typecheck`.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
