import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SharedConversation } from "@/components/share/shared-conversation";
import { SharedActions } from "@/components/share/shared-actions";
import { listProviders } from "@/lib/providers/list-providers";
import { readShare } from "@/lib/share/read-share";
import { isShareId } from "@/lib/share/share-responses";

export const dynamic = "force-dynamic";

// generateMetadata and the page read the same share once per request.
const loadShare = cache(async (id: string) => (isShareId(id) ? readShare({ id }) : undefined));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const share = await loadShare((await params).id);
  return {
    title: share ? `${share.snapshot.title} · Kimi Workbench share` : "Share not found · Kimi Workbench",
    description: share ? `A conversation with ${share.snapshot.model}, shared from Kimi Workbench.` : undefined,
    robots: { index: false, follow: false },
    referrer: "no-referrer",
  };
}

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** A shared conversation, rendered on the server, read-only; "Open in workbench" forks it. */
export default async function SharePage({ params }: { params: Promise<{ id: string }> }) {
  const share = await loadShare((await params).id);
  if (!share) notFound();
  const { snapshot } = share;
  const provider = listProviders(new Request("http://workbench.local/", { headers: await headers() })).providers.find((candidate) => candidate.id === snapshot.providerId);
  const { tools, ...parameters } = snapshot.parameters;
  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-6">
      <header className="space-y-2 border-b border-zinc-200 pb-4 dark:border-zinc-800">
        <p className="text-xs text-zinc-500">Shared from Kimi Workbench · read-only</p>
        <h1 className="text-xl font-semibold">{snapshot.title}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          <span className="font-mono">{snapshot.model}</span> on {provider?.label ?? snapshot.providerId} · shared {dateFormat.format(share.createdAt)} UTC ·{" "}
          {share.expiresAt === null ? "does not expire" : `expires ${dateFormat.format(share.expiresAt)} UTC`}
        </p>
        <SharedActions share={share} baseUrl={provider?.baseUrl ?? ""} />
      </header>
      <details className="text-sm">
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Parameters{Array.isArray(tools) ? ` and ${tools.length} tool${tools.length === 1 ? "" : "s"}` : ""}</summary>
        <pre aria-label="Parameters" className="mt-2 overflow-x-auto rounded-md bg-zinc-50 p-3 font-mono text-xs dark:bg-zinc-900">
          {JSON.stringify({ model: snapshot.model, ...parameters, ...(tools !== undefined ? { tools } : {}) }, null, 2)}
        </pre>
      </details>
      <p className="text-xs text-zinc-500">
        Included: {[snapshot.systemPrompt !== undefined && "system prompt", snapshot.included.tools && "tool definitions", snapshot.included.reasoning && "reasoning", snapshot.included.media && "media"].filter(Boolean).join(", ") || "messages only"}
        {!snapshot.included.reasoning || !snapshot.included.media || !snapshot.included.systemPrompt || !snapshot.included.tools ? " (the rest was left out by the person who shared it)" : ""}.
      </p>
      <SharedConversation share={share} />
    </div>
  );
}
