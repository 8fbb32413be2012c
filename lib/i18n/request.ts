import { getRequestConfig } from "next-intl/server";
import { messagesFor } from "./messages";
import { requestLocale } from "./request-locale";

// next-intl's request configuration (named in next.config.ts): the same language the layout picks.
export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: messagesFor(locale), timeZone: "UTC" };
});
