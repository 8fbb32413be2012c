"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { themeStorageKey } from "@/lib/chat/browser-storage";

type Theme = "light" | "dark";

function currentTheme(): Theme {
  return document.documentElement.classList.contains("dark") ? "dark" : "light";
}

function subscribe(listener: () => void): () => void {
  const observer = new MutationObserver(listener);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

/** Switches between light and dark; the choice is kept in this browser. */
export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, currentTheme, () => "light" as Theme);
  const next: Theme = theme === "dark" ? "light" : "dark";
  const t = useTranslations();
  return (
    <button
      type="button"
      aria-label={t("theme.switchTo", { theme: next })}
      title={t("theme.switchTo", { theme: next })}
      onClick={() => {
        document.documentElement.classList.toggle("dark", next === "dark");
        try {
          localStorage.setItem(themeStorageKey, next);
        } catch {
          // Storage may be unavailable (private mode); the switch still applies to this page.
        }
      }}
      className="flex h-9 w-9 items-center justify-center gap-2 rounded-md border border-zinc-300 px-3 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800 [dialog_&]:justify-start"
    >
      {theme === "dark" ? (
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="12" cy="12" r="4" />
          <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
        </svg>
      ) : (
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
        </svg>
      )}
      {/* In the phone's actions sheet the icon gets its words. */}
      <span aria-hidden="true" className="hidden [dialog_&]:inline">
        {t("theme.name", { theme: next })}
      </span>
    </button>
  );
}
