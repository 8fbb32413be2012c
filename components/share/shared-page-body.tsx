import { useFormatter, useTranslations } from "next-intl";
import type { ShareCode } from "@/lib/share/share-code";
import type { PublishedShare } from "@/lib/share/share-snapshot";
import { SharedConversation } from "./shared-conversation";

const codeLabels = { curl: "curl", python: "Python", node: "Node.js", nativeJson: "Native JSON" } as const;

/**
 * The shared page's content: title, model, dates, "Open in workbench" (a link the workbench acts on),
 * the last turn's code, parameters and the conversation. Static HTML, no client code (the hooks read
 * only the language's context).
 */
export function SharedPageBody({ share, providerLabel, code }: { share: PublishedShare; providerLabel: string; code: ShareCode }) {
  const { snapshot } = share;
  const { tools, ...parameters } = snapshot.parameters;
  const left = (["systemPrompt", "tools", "reasoning", "media"] as const).filter((key) => !snapshot.included[key]);
  const t = useTranslations();
  const format = useFormatter();
  const utc = (at: number) => format.dateTime(new Date(at), { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const leftLabels = { systemPrompt: t("sharedPage.leftSystemPrompt"), tools: t("sharedPage.leftTools"), reasoning: t("sharedPage.leftReasoning"), media: t("sharedPage.leftMedia") };
  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-6">
      <header className="space-y-2 border-b border-zinc-200 pb-4 dark:border-zinc-800">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("sharedPage.readOnly")}</p>
        <h1 className="text-xl font-semibold">{snapshot.title}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          <span className="font-mono">{snapshot.model}</span> {t("sharedPage.meta", { provider: providerLabel, shared: utc(share.createdAt), expiry: share.expiresAt === null ? "never" : "at", expires: share.expiresAt === null ? "" : utc(share.expiresAt) })}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <a href={`/?fork=${share.id}`} className="inline-flex h-9 items-center rounded-md bg-accent-600 px-3 text-sm font-medium text-white hover:bg-accent-700">
            {t("sharedPage.openInWorkbench")}
          </a>
          <span className="text-xs text-zinc-500 dark:text-zinc-400">{t("sharedPage.openHint")}</span>
        </div>
      </header>
      <details className="text-sm">
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">{t("sharedPage.viewCode")}</summary>
        <div className="mt-2 space-y-2">
          {!code.ok && <p className="text-xs text-zinc-500 dark:text-zinc-400">{code.message}</p>}
          {code.ok && code.snippets.mediaFiles.length > 0 && <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("sharedPage.readsFiles", { files: code.snippets.mediaFiles.join(", ") })}</p>}
          {code.ok &&
            (Object.keys(codeLabels) as Array<keyof typeof codeLabels>)
              .filter((key) => code.snippets[key] !== undefined)
              .map((key) => (
                <section key={key} aria-label={`${codeLabels[key]} code`}>
                  <h2 className="text-xs font-semibold text-zinc-500 dark:text-zinc-400">{codeLabels[key]}</h2>
                  <pre tabIndex={0} className="max-h-96 overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs leading-5 dark:bg-zinc-900">{code.snippets[key]}</pre>
                </section>
              ))}
        </div>
      </details>
      <details className="text-sm">
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">{Array.isArray(tools) ? t("sharedPage.parametersAndTools", { count: tools.length }) : t("sharedPage.parameters")}</summary>
        <pre tabIndex={0} aria-label={t("sharedPage.parameters")} className="mt-2 overflow-x-auto rounded-md bg-zinc-50 p-3 font-mono text-xs dark:bg-zinc-900">
          {JSON.stringify({ model: snapshot.model, ...parameters, ...(tools !== undefined ? { tools } : {}) }, null, 2)}
        </pre>
      </details>
      {left.length > 0 && <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("sharedPage.leftOut", { parts: left.map((key) => leftLabels[key]).join(", ") })}</p>}
      <SharedConversation share={share} />
    </div>
  );
}

/** The page for a share that does not exist, has expired or was deleted (the same for all three). */
export function ShareNotFoundBody() {
  const t = useTranslations();
  return (
    <div className="mx-auto max-w-xl space-y-3 px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">{t("sharedPage.notAvailable")}</h1>
      <p className="text-zinc-600 dark:text-zinc-400">{t("sharedPage.notAvailableText")}</p>
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a static page without Next's router */}
      <a href="/" className="inline-block rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
        {t("sharedPage.openWorkbench")}
      </a>
    </div>
  );
}
