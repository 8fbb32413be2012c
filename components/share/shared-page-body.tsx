import type { ShareCode } from "@/lib/share/share-code";
import type { PublishedShare } from "@/lib/share/share-snapshot";
import { SharedConversation } from "./shared-conversation";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const codeLabels = { curl: "curl", python: "Python", node: "Node.js", nativeJson: "Native JSON" } as const;

/**
 * The shared page's content: title, model, dates, "Open in workbench" (a link the workbench acts on),
 * the last turn's code, parameters and the conversation. Static HTML: no hooks, no client code.
 */
export function SharedPageBody({ share, providerLabel, code }: { share: PublishedShare; providerLabel: string; code: ShareCode }) {
  const { snapshot } = share;
  const { tools, ...parameters } = snapshot.parameters;
  const left = (["systemPrompt", "tools", "reasoning", "media"] as const).filter((key) => !snapshot.included[key]);
  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-6">
      <header className="space-y-2 border-b border-zinc-200 pb-4 dark:border-zinc-800">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">Shared from Kimi Workbench · read-only</p>
        <h1 className="text-xl font-semibold">{snapshot.title}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          <span className="font-mono">{snapshot.model}</span> on {providerLabel} · shared {dateFormat.format(share.createdAt)} UTC · {share.expiresAt === null ? "does not expire" : `expires ${dateFormat.format(share.expiresAt)} UTC`}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <a href={`/?fork=${share.id}`} className="inline-flex h-9 items-center rounded-md bg-accent-600 px-3 text-sm font-medium text-white hover:bg-accent-700">
            Open in workbench
          </a>
          <span className="text-xs text-zinc-500 dark:text-zinc-400">Copies it into your own history: edit it and send follow-ups with your settings and keys.</span>
        </div>
      </header>
      <details className="text-sm">
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">View code (the request of the last turn)</summary>
        <div className="mt-2 space-y-2">
          {!code.ok && <p className="text-xs text-zinc-500 dark:text-zinc-400">{code.message}</p>}
          {code.ok && code.snippets.mediaFiles.length > 0 && <p className="text-xs text-zinc-500 dark:text-zinc-400">Reads {code.snippets.mediaFiles.join(", ")} from the current directory.</p>}
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
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Parameters{Array.isArray(tools) ? ` and ${tools.length} tool${tools.length === 1 ? "" : "s"}` : ""}</summary>
        <pre tabIndex={0} aria-label="Parameters" className="mt-2 overflow-x-auto rounded-md bg-zinc-50 p-3 font-mono text-xs dark:bg-zinc-900">
          {JSON.stringify({ model: snapshot.model, ...parameters, ...(tools !== undefined ? { tools } : {}) }, null, 2)}
        </pre>
      </details>
      {left.length > 0 && <p className="text-xs text-zinc-500 dark:text-zinc-400">Left out by the person who shared it: {left.map((key) => ({ systemPrompt: "system prompt", tools: "tool definitions", reasoning: "reasoning", media: "media" })[key]).join(", ")}.</p>}
      <SharedConversation share={share} />
    </div>
  );
}

/** The page for a share that does not exist, has expired or was deleted (the same for all three). */
export function ShareNotFoundBody() {
  return (
    <div className="mx-auto max-w-xl space-y-3 px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">This share is not available</h1>
      <p className="text-zinc-600 dark:text-zinc-400">The link may be mistyped, the share may have expired, or the person who shared it deleted it. Shares are never recoverable once deleted.</p>
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a static page without Next's router */}
      <a href="/" className="inline-block rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
        Open Kimi Workbench
      </a>
    </div>
  );
}
