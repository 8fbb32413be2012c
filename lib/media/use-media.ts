import { useEffect, useSyncExternalStore } from "react";
import { mediaCache } from "./media-cache";

/** Re-renders when anything about attachments changes (progress, thumbnails, texts). */
export function useMediaCache(): number {
  return useSyncExternalStore(mediaCache.subscribe, mediaCache.getVersion, () => 0);
}

/** An object URL for a stored blob (loaded from IndexedDB on first use), or undefined until it is ready. */
export function useBlobObjectUrl(key: string | undefined): string | undefined {
  useMediaCache();
  const url = key ? mediaCache.objectUrls.get(key) : undefined;
  useEffect(() => {
    if (!key || url) return;
    void import("./media-work").then((work) => work.loadObjectUrl(key));
  }, [key, url]);
  return url;
}
