import type { Metadata, Viewport } from "next";
import { createTranslator } from "next-intl";
import { headers } from "next/headers";
import { IntlProvider } from "@/components/i18n/intl-provider";
import { themeScript } from "@/lib/chat/theme-script";
import { messagesFor } from "@/lib/i18n/messages";
import { requestLocale } from "@/lib/i18n/request-locale";
// Noto Sans SC for machines without a Chinese font (app/fonts/cjk-font.css): each @font-face covers
// one slice of CJK code points, so a browser downloads a slice only when text on the page needs it.
import "./fonts/cjk-font.css";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const locale = await requestLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale) });
  return { title: t("app.name"), description: t("app.description") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // server.mjs sets a fresh nonce per request; the page's CSP admits only scripts that carry it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const locale = await requestLocale();
  return (
    <html lang={locale} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>
        <IntlProvider locale={locale} messages={messagesFor(locale)}>
          {children}
        </IntlProvider>
      </body>
    </html>
  );
}
