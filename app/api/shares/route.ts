import { getServerEnv } from "@/lib/env";
import { serverMessage } from "@/lib/i18n/server-message";
import { hasAccess, isCrossSiteBrowserRequest, readClientAccess, readClientKey } from "@/lib/gateway/access";
import { takeLimit } from "@/lib/guard/rate-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { describeShareRequestIssue, publishShare } from "@/lib/share/publish-share";
import { guardShareStore, shareError } from "@/lib/share/share-responses";
import { getShareStore } from "@/lib/store/open-share-store";
import { createShareRequestSchema } from "./request-schema";

export const dynamic = "force-dynamic";

/** Shares per client in 10 minutes (SHARE_CREATE_LIMIT): all of loopback is one client, and with Redis every instance counts together. */
function shareRule() {
  return { name: "share-create", points: getServerEnv().SHARE_CREATE_LIMIT, durationSeconds: 600 };
}

/**
 * Publishes an immutable snapshot of a conversation. Only clients that may use this server (this
 * machine, or with the access token) can publish; each client at most SHARE_CREATE_LIMIT times per
 * 10 minutes. Answers 201 with the link and a delete token that is shown this once.
 */
export const POST = guardShareStore(async (request: Request): Promise<Response> => {
  if (isCrossSiteBrowserRequest(request)) return shareError({ status: 403, type: "cross_site_request", ...serverMessage({ code: "shareCrossSite" }) });
  const access = await readClientAccess(request);
  if (!hasAccess(access)) {
    return shareError({
      status: 401,
      type: "access_required",
      ...serverMessage({ code: access.tokenConfigured ? "shareAccessSignIn" : "shareAccessLocalOnly" }),
    });
  }
  const limited = await takeLimit({ rule: shareRule(), client: readClientKey(request) });
  if (!limited.ok) {
    return shareError({
      status: 429,
      type: "rate_limited",
      ...serverMessage({ code: "shareRateLimited", values: { limit: getServerEnv().SHARE_CREATE_LIMIT, seconds: limited.retryAfterSeconds } }),
      headers: { "retry-after": String(limited.retryAfterSeconds) },
    });
  }
  const env = getServerEnv();
  // Base64 grows media by a third; the text and the JSON around it get a little room on top.
  const maxBytes = Math.ceil(env.SHARE_MAX_MEDIA_MB * 1024 * 1024 * (4 / 3)) + env.SHARE_MAX_SNAPSHOT_MB * 1024 * 1024 + 64 * 1024;
  const body = await readJsonBody({ request, maxBytes });
  if (!body.ok) {
    if (body.failure.status === 413) {
      return shareError({ status: 413, type: "share_too_large", ...serverMessage({ code: "shareBodyTooLarge", values: { text: env.SHARE_MAX_SNAPSHOT_MB, media: env.SHARE_MAX_MEDIA_MB } }) });
    }
    return shareError({ status: body.failure.status, type: body.failure.type, message: body.failure.message, messageCode: body.failure.messageCode, messageValues: body.failure.messageValues });
  }
  const parsed = createShareRequestSchema.safeParse(body.body);
  if (!parsed.success) return shareError({ status: 400, type: "invalid_request_error", message: describeShareRequestIssue(parsed.error.issues) });
  const published = await publishShare({ request: parsed.data, store: await getShareStore(), now: Date.now() });
  if (!published.ok) return shareError(published.failure);
  return Response.json(published.created, { status: 201, headers: { "cache-control": "no-store", location: published.created.url } });
});
