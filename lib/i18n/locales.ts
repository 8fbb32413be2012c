/** The languages of the workbench's own words (model output and provider errors are shown as they come). */
export const locales = ["en", "zh-CN"] as const;

/** One of {@link locales}. */
export type Locale = (typeof locales)[number];

export const defaultLocale: Locale = "en";

/** The cookie the header's language switch sets; it outranks the browser's languages. */
export const localeCookieName = "kimi-workbench.locale";

/** Names of the languages, each in its own language (as a language menu shows them). */
export const localeNames: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/**
 * The page's language: the switch's cookie when set, else the first of the browser's languages
 * (Accept-Language, by weight) that the workbench speaks. Any Chinese counts as zh-CN, the only
 * Chinese catalog; anything unknown falls back to English.
 */
export function negotiateLocale({ cookie, acceptLanguage }: { cookie: string | undefined; acceptLanguage: string | null }): Locale {
  if (isLocale(cookie)) return cookie;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, position) => {
      const [tag = "", ...parameters] = part.trim().split(";");
      const weight = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith("q="));
      return { tag: tag.trim().toLowerCase(), quality: weight ? Number(weight.slice(2)) : 1, position };
    })
    .filter((entry) => entry.tag !== "" && Number.isFinite(entry.quality) && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.position - b.position);
  for (const { tag } of ranked) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return defaultLocale;
}
