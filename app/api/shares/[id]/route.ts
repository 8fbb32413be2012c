import { serverMessage } from "@/lib/i18n/server-message";
import { readShare } from "@/lib/share/read-share";
import { guardShareStore, isShareId, shareError, shareNotFound } from "@/lib/share/share-responses";
import { sha256Hex } from "@/lib/share/publish-share";
import { getShareStore } from "@/lib/store/open-share-store";

export const dynamic = "force-dynamic";

/** A published share: its snapshot, when it was made and when it expires. 404 once expired or deleted. */
export const GET = guardShareStore(async (_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> => {
  const { id } = await context.params;
  const share = isShareId(id) ? await readShare({ id }) : undefined;
  if (!share) return shareNotFound();
  // Not cached anywhere: a deleted share must stop being readable at once.
  return Response.json(share, { headers: { "cache-control": "no-store", "x-robots-tag": "noindex" } });
});

/** Deletes a share; needs the delete token it was created with (`Authorization: Bearer <token>`). */
export const DELETE = guardShareStore(async (request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> => {
  const { id } = await context.params;
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!token) return shareError({ status: 401, type: "delete_token_required", ...serverMessage({ code: "deleteTokenRequired", values: { header: "Authorization: Bearer <delete token>" } }) });
  // An expired share is gone, whoever asks: 404, as for reading it.
  if (!isShareId(id) || !(await readShare({ id }))) return shareNotFound();
  const outcome = await (await getShareStore()).deleteShare({ id, deleteTokenHash: sha256Hex(token) });
  if (outcome === "not-found") return shareNotFound();
  if (outcome === "wrong-token") return shareError({ status: 403, type: "wrong_delete_token", ...serverMessage({ code: "wrongDeleteToken" }) });
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});
