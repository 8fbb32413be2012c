import { ShareNotFoundBody } from "@/components/share/shared-page-body";

/** A share that does not exist, has expired or was deleted (in development; production serves lib/share/render-share-page.ts). */
export default function ShareNotFound() {
  return <ShareNotFoundBody />;
}
