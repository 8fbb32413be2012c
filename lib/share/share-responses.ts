import "server-only";
import { errorResponse } from "@/lib/http/error-response";

/** A share route's error, in the one envelope every API route answers with; never cached. */
export function shareError({ status, type, message, headers }: { status: number; type: string; message: string; headers?: Record<string, string> }): Response {
  return errorResponse({ failure: { status, type, message }, headers: { "cache-control": "no-store", ...headers } });
}

/** The answer for a share that does not exist, has expired or was deleted (deliberately the same). */
export function shareNotFound(): Response {
  return shareError({ status: 404, type: "share_not_found", message: "This share does not exist: the link is wrong, it has expired, or its owner deleted it." });
}

/** Share ids are 128 random bits in base64url (22 characters). */
export function isShareId(id: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(id);
}
