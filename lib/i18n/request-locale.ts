import "server-only";
import { cookies, headers } from "next/headers";
import { localeCookieName, negotiateLocale, type Locale } from "./locales";

/** The language of the page being rendered: the switch's cookie, else the browser's Accept-Language. */
export async function requestLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return negotiateLocale({ cookie: cookieStore.get(localeCookieName)?.value, acceptLanguage: headerList.get("accept-language") });
}
