import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { SharedPageBody } from "@/components/share/shared-page-body";
import { SharedRunBody } from "@/components/share/shared-run-body";
import { readShare } from "@/lib/share/read-share";
import { shareCode, shareProvider } from "@/lib/share/share-code";
import { isShareId } from "@/lib/share/share-responses";
import { isConversationShare, isRunShare } from "@/lib/share/share-snapshot";

// In production server.mjs serves /s/{id} without Next (server/render-share-page.ts renders the same
// SharedPageBody in a few milliseconds); this route serves it in development.
export const dynamic = "force-dynamic";

const loadShare = cache(async (id: string) => (isShareId(id) ? readShare({ id }) : undefined));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const share = await loadShare((await params).id);
  const t = await getTranslations();
  const title = !share ? t("sharedPage.notFoundTitle") : isRunShare(share) ? t("sharedPage.runTitle", { title: share.snapshot.title }) : t("sharedPage.pageTitle", { title: share.snapshot.title });
  return { title, robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export default async function SharePage({ params }: { params: Promise<{ id: string }> }) {
  const share = await loadShare((await params).id);
  if (!share) notFound();
  if (isRunShare(share)) return <SharedRunBody share={share} />;
  if (!isConversationShare(share)) notFound();
  const provider = shareProvider({ providerId: share.snapshot.providerId, origin: `http://${(await headers()).get("host") ?? "127.0.0.1:3000"}` });
  return <SharedPageBody share={share} providerLabel={provider.label} code={shareCode({ share, config: provider.config })} />;
}
