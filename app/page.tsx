import { headers } from "next/headers";
import { Composer } from "@/components/chat/composer";
import { MessageList } from "@/components/chat/message-list";
import { KeyDialog } from "@/components/header/key-dialog";
import { NewConversationButton } from "@/components/header/new-conversation-button";
import { ProviderModelPicker } from "@/components/header/provider-model-picker";
import { ProviderNotice } from "@/components/header/provider-notice";
import { ThemeToggle } from "@/components/header/theme-toggle";
import { ThinkingToggle } from "@/components/header/thinking-toggle";
import { QueryProvider } from "@/components/providers/query-provider";
import { StoreBootstrap } from "@/components/workbench/store-bootstrap";
import { listProviders } from "@/lib/providers/list-providers";

export const dynamic = "force-dynamic";

/** The workbench: provider and model, the conversation, and the composer. */
export default async function WorkbenchPage() {
  // The provider list carries no keys: only which providers are configured and usable from here.
  const providers = listProviders(new Request("http://workbench.local/", { headers: await headers() }));
  return (
    <QueryProvider initialProviders={providers}>
      <StoreBootstrap />
      <div className="flex h-dvh flex-col">
        <header className="border-b border-zinc-200 dark:border-zinc-800">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-3 px-4 py-2">
            <span className="mr-2 font-semibold tracking-tight">Kimi Workbench</span>
            <ProviderModelPicker />
            <ThinkingToggle />
            <div className="ml-auto flex items-center gap-2">
              <NewConversationButton />
              <KeyDialog />
              <ThemeToggle />
            </div>
          </div>
        </header>
        <ProviderNotice />
        <main className="flex min-h-0 flex-1 flex-col">
          <MessageList />
          <Composer />
        </main>
      </div>
    </QueryProvider>
  );
}
