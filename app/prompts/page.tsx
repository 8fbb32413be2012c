import { headers } from "next/headers";
import Link from "next/link";
import { createTranslator } from "next-intl";
import { LocaleSwitch } from "@/components/header/locale-switch";
import { ThemeToggle } from "@/components/header/theme-toggle";
import { PromptsWorkspace } from "@/components/prompts/prompts-workspace";
import { listProviders } from "@/lib/gateway/list-providers";
import { messagesFor } from "@/lib/i18n/messages";
import { requestLocale } from "@/lib/i18n/request-locale";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const locale = await requestLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale) });
  return { title: t("prompts.pageTitle") };
}

/** Prompt prototyping: templates with variables, versions, test sets, checks, runs and compare. */
export default async function PromptsPage() {
  // Which providers are usable from here (never their keys), for the run's columns.
  const providers = await listProviders(new Request("http://workbench.local/prompts", { headers: await headers() }));
  const locale = await requestLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale) });
  return (
    <div className="flex h-dvh flex-col">
      <header className="border-b border-zinc-200 dark:border-zinc-800">
        <div className="flex items-center gap-3 px-4 py-2">
          <span className="hidden font-semibold tracking-tight whitespace-nowrap sm:inline">{t("app.name")}</span>
          <nav aria-label={t("prompts.sectionsNav")} className="flex gap-1 text-sm whitespace-nowrap">
            <Link href="/" className="rounded-md px-2 py-1 text-zinc-600 no-underline hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800">
              {t("prompts.chat")}
            </Link>
            <span aria-current="page" className="rounded-md bg-zinc-200 px-2 py-1 dark:bg-zinc-800">
              {t("app.prompts")}
            </span>
          </nav>
          <div className="ml-auto flex items-center gap-2">
            <ThemeToggle />
            <LocaleSwitch />
          </div>
        </div>
      </header>
      <PromptsWorkspace providers={providers} />
    </div>
  );
}
