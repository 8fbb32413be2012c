import type { Metadata, Viewport } from "next";
import { themeStorageKey } from "@/lib/chat/browser-storage";
import "./globals.css";

export const metadata: Metadata = {
  title: "Kimi Workbench",
  description: "A workbench for Kimi models: stream reasoning and answers, tune parameters, share exact requests.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Applies the saved (or system) theme before the first paint, so dark mode does not flash.
const themeScript = `(function(){try{var t=localStorage.getItem(${JSON.stringify(themeStorageKey)});var d=t==="dark"||(t!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;

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
