"use client";

import { NextIntlClientProvider, type AbstractIntlMessages } from "next-intl";
import type { Locale } from "@/lib/i18n/locales";

/**
 * The page's language for every client component below it. Missing messages are reported on the
 * console (the e2e suite fails on them) and show their key, never an empty space.
 */
export function IntlProvider({ locale, messages, children }: { locale: Locale; messages: AbstractIntlMessages; children?: React.ReactNode }) {
  return (
    <NextIntlClientProvider
      locale={locale}
      messages={messages}
      // Dates are shown relative to now or in the reader's zone; a fixed zone keeps server and browser renders equal.
      timeZone="UTC"
      onError={(error) => console.error(`[i18n] ${error.code}: ${error.originalMessage ?? error.message}`)}
      getMessageFallback={({ namespace, key }) => [namespace, key].filter(Boolean).join(".")}
    >
      {children}
    </NextIntlClientProvider>
  );
}
