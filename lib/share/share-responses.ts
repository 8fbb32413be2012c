import "server-only";

/** A JSON error in the gateway's shape (`{"error":{"type","message"}}`). */
export function shareError({ status, type, message, headers }: { status: number; type: string; message: string; headers?: Record<string, string> }): Response {
  return Response.json({ error: { type, message } }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** The answer for a share that does not exist, has expired or was deleted (deliberately the same). */
export function shareNotFound(): Response {
  return shareError({ status: 404, type: "share_not_found", message: "This share does not exist: the link is wrong, it has expired, or its owner deleted it." });
}

/** Share ids are 128 random bits in base64url (22 characters). */
export function isShareId(id: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(id);
}
