import { ShareNotFoundBody } from "@/components/share/shared-page-body";

/** A share that does not exist, has expired or was deleted (in development; production serves server/render-share-page.ts). */
export default function ShareNotFound() {
  return <ShareNotFoundBody />;
}
