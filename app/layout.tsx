import type { Metadata, Viewport } from "next";
import { themeScript } from "@/lib/chat/theme-script";
import "./globals.css";

export const metadata: Metadata = {
  title: "Kimi Workbench",
  description: "A workbench for Kimi models: stream reasoning and answers, tune parameters, share exact requests.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
