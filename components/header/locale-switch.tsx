"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { isLocale, localeCookieName, localeNames, locales } from "@/lib/i18n/locales";

/** Chooses the workbench's language; the choice is a cookie, so the server renders the next page in it too. */
export function LocaleSwitch() {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  return (
    <select
      aria-label={t("header.language")}
      value={locale}
      onChange={(event) => {
        const chosen = event.target.value;
        if (!isLocale(chosen)) return;
        document.cookie = `${localeCookieName}=${chosen}; path=/; max-age=31536000; samesite=lax`;
        document.documentElement.lang = chosen;
        // Server components render again in the new language; what is typed and open stays.
        router.refresh();
      }}
      className="locale-select h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      {locales.map((option) => (
        <option key={option} value={option} lang={option}>
          {localeNames[option]}
        </option>
      ))}
    </select>
  );
}
