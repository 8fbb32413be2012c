import { guardShareStore, isShareId, shareNotFound } from "@/lib/share/share-responses";
import { getShareStore } from "@/lib/store/open-share-store";

export const dynamic = "force-dynamic";

// Only pictures, video and plain text are shown in the page; anything else downloads.
const inlineTypes = /^(image\/(png|jpeg|webp|gif|bmp)|video\/(mp4|webm|quicktime|x-matroska)|text\/plain)$/;

/** A media file of a share (only through a share that refers to it). */
export const GET = guardShareStore(async (_request: Request, context: { params: Promise<{ id: string; hash: string }> }): Promise<Response> => {
  const { id, hash } = await context.params;
  if (!isShareId(id) || !/^[0-9a-f]{64}$/.test(hash)) return shareNotFound();
  const media = await (await getShareStore()).getShareMedia({ id, hash, now: Date.now() });
  if (!media) return shareNotFound();
  const inline = inlineTypes.test(media.mediaType);
  return new Response(new Uint8Array(media.bytes), {
    headers: {
      "content-type": inline ? media.mediaType : "application/octet-stream",
      "content-length": String(media.bytes.length),
      "content-disposition": inline ? "inline" : "attachment",
      // Content-addressed, but the share can be deleted: browsers may keep it briefly, shared caches not.
      "cache-control": "private, max-age=300",
      "content-security-policy": "sandbox; default-src 'none'",
      "x-robots-tag": "noindex",
    },
  });
});
