import { headers } from "next/headers";
import Link from "next/link";
import { Composer } from "@/components/chat/composer";
import { MessageList } from "@/components/chat/message-list";
import { FilesDialog } from "@/components/files/files-dialog";
import { HistorySidebar } from "@/components/history/history-sidebar";
import { HistoryToggle } from "@/components/history/history-toggle";
import { ShareDialog } from "@/components/share/share-dialog";
import { HeaderActions } from "@/components/header/header-actions";
import { KeyDialog } from "@/components/header/key-dialog";
import { NewConversationButton } from "@/components/header/new-conversation-button";
import { ProviderModelPicker } from "@/components/header/provider-model-picker";
import { ProviderNotice } from "@/components/header/provider-notice";
import { SaveAsPromptButton } from "@/components/header/save-as-prompt-button";
import { ThemeToggle } from "@/components/header/theme-toggle";
import { ParametersAside } from "@/components/parameters/parameters-aside";
import { ParametersDialog } from "@/components/parameters/parameters-dialog";
import { QueryProvider } from "@/components/providers/query-provider";
import { HeldBackAlert } from "@/components/request/held-back-alert";
import { ToolLoopCheck } from "@/components/request/tool-loop-check";
import { RequestPreview } from "@/components/request/request-preview";
import { ViewCodeDialog } from "@/components/request/view-code-dialog";
import { StoreBootstrap } from "@/components/workbench/store-bootstrap";
import { createTranslator } from "next-intl";
import { LocaleSwitch } from "@/components/header/locale-switch";
import { listProviders } from "@/lib/gateway/list-providers";
import { messagesFor } from "@/lib/i18n/messages";
import { requestLocale } from "@/lib/i18n/request-locale";

export const dynamic = "force-dynamic";

/** The workbench: provider and model, the conversation, the composer, and the parameter editor. */
export default async function WorkbenchPage() {
  // The provider list carries no keys: only which providers are configured and usable from here.
  const providers = await listProviders(new Request("http://workbench.local/", { headers: await headers() }));
  const locale = await requestLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale) });
  return (
    <QueryProvider initialProviders={providers}>
      <StoreBootstrap />
      {/* The page is exactly the window: the columns scroll inside it (relative: hidden text is placed within it, not below). */}
      <div className="relative flex h-dvh flex-col overflow-hidden">
        {/* The first stop of the keyboard: straight to the message box, past the header and the history. */}
        <a href="#message-box" className="sr-only rounded-md bg-accent-600 px-3 py-2 text-sm text-white focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50">
          {t("app.skipToMessageBox")}
        </a>
        <header className="border-b border-zinc-200 dark:border-zinc-800">
          <div className="flex items-center gap-2 px-2 py-2 md:flex-wrap md:gap-3 md:px-4">
            <HistoryToggle />
            <span className="hidden font-semibold tracking-tight md:inline">{t("app.name")}</span>
            <Link href="/prompts" className="mr-2 hidden rounded-md px-2 py-1 text-sm text-zinc-600 no-underline hover:bg-zinc-100 md:inline dark:text-zinc-400 dark:hover:bg-zinc-800">
              {t("app.prompts")}
            </Link>
            <ProviderModelPicker />
            <HeaderActions>
              <Link href="/prompts" className="h-9 rounded-md border border-zinc-300 px-3 py-1.5 text-sm no-underline hover:bg-zinc-100 md:hidden dark:border-zinc-700 dark:hover:bg-zinc-800">
                {t("app.prompts")}
              </Link>
              <ParametersDialog />
              <NewConversationButton />
              <SaveAsPromptButton />
              <ShareDialog />
              <FilesDialog />
              <KeyDialog />
              <ThemeToggle />
              <LocaleSwitch />
            </HeaderActions>
          </div>
        </header>
        <ProviderNotice />
        <div className="flex min-h-0 flex-1">
          <HistorySidebar />
          <main className="flex min-w-0 flex-1 flex-col">
            <MessageList />
            <HeldBackAlert />
            <ToolLoopCheck />
            <RequestPreview />
            <Composer />
          </main>
          <ParametersAside />
        </div>
        <ViewCodeDialog />
      </div>
    </QueryProvider>
  );
}
