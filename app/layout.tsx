import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "Kimi Workbench",
  description: "A workbench for Kimi models: stream reasoning and answers, tune parameters, share exact requests.",
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body>{children}</body>
    </html>
  );
}
