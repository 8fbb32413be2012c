import { headers } from "next/headers";
import Link from "next/link";
import { ThemeToggle } from "@/components/header/theme-toggle";
import { PromptsWorkspace } from "@/components/prompts/prompts-workspace";
import { listProviders } from "@/lib/gateway/list-providers";

export const dynamic = "force-dynamic";

export const metadata = { title: "Prompts · Kimi Workbench" };

/** Prompt prototyping: templates with variables, versions, test sets, checks, runs and compare. */
export default async function PromptsPage() {
  // Which providers are usable from here (never their keys), for the run's columns.
  const providers = await listProviders(new Request("http://workbench.local/prompts", { headers: await headers() }));
  return (
    <div className="flex h-dvh flex-col">
      <header className="border-b border-zinc-200 dark:border-zinc-800">
        <div className="flex items-center gap-3 px-4 py-2">
          <span className="font-semibold tracking-tight">Kimi Workbench</span>
          <nav aria-label="Sections" className="flex gap-1 text-sm">
            <Link href="/" className="rounded-md px-2 py-1 text-zinc-600 no-underline hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800">
              Chat
            </Link>
            <span aria-current="page" className="rounded-md bg-zinc-200 px-2 py-1 dark:bg-zinc-800">
              Prompts
            </span>
          </nav>
          <div className="ml-auto">
            <ThemeToggle />
          </div>
        </div>
      </header>
      <PromptsWorkspace providers={providers} />
    </div>
  );
}
