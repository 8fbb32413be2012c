import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { themeScript } from "@/lib/chat/theme-script";
// Noto Sans SC for machines without a Chinese font: each @font-face covers one slice of Unicode
// (unicode-range), so a browser downloads a slice only when text on the page needs it, and never
// when the system already has a font for it (it comes last in --font-sans). One weight: its rules
// are ~31 KB of gzip CSS, and the browser draws the semibold headings from it.
import "@fontsource/noto-sans-sc/400.css";
import "./globals.css";

export const metadata: Metadata = {
  title: "Kimi Workbench",
  description: "A workbench for Kimi models: stream reasoning and answers, tune parameters, share exact requests.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // server.mjs sets a fresh nonce per request; the page's CSP admits only scripts that carry it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
