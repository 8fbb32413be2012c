import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { getServerEnv, serverSecrets } from "@/lib/env";
import { serverMessage } from "@/lib/i18n/server-message";
import { describeSchemaIssue } from "@/lib/wire/schema-issues";
import { blobKeysOf, mediaHashOfKey } from "@/lib/media/attachment-keys";
import { formatBytes } from "@/lib/media/media-rules";
import type { ShareStore, StoredMedia } from "@/lib/store/share-store";
import { redactBytes, redactSecrets } from "@/lib/wire/redact-secrets";
import { shareExpiries, type AnyShareSnapshot, type CreatedShare, type ShareRequest } from "./share-snapshot";

/** Why a share was not created, as an HTTP answer. */
export interface ShareFailure {
  status: number;
  type: string;
  message: string;
}

const megabyte = 1024 * 1024;

/** Hex SHA-256, as media and delete tokens are keyed. */
export function sha256Hex(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

// A key without a content hash names no media: it never matches one sent with the share.
const hashOf = (key: string): string => mediaHashOfKey(key) ?? `invalid:${key}`;

/**
 * Checks, redacts and stores a share: the text within SHARE_MAX_SNAPSHOT_MB, media within
 * SHARE_MAX_MEDIA_MB and matching its hashes, every attachment's media present, credentials replaced
 * by "[redacted]". Returns the link and the delete token (only its hash is stored).
 */
export async function publishShare({ request, store, now }: { request: ShareRequest; store: ShareStore; now: number }): Promise<{ ok: true; created: CreatedShare } | { ok: false; failure: ShareFailure }> {
  const env = getServerEnv();
  const secrets = serverSecrets();
  const { value: snapshot, redactions } = redactSecrets({ value: request.snapshot as AnyShareSnapshot, knownSecrets: secrets });
  let snapshotText = JSON.stringify(snapshot);
  const snapshotLimit = env.SHARE_MAX_SNAPSHOT_MB * megabyte;
  if (Buffer.byteLength(snapshotText) > snapshotLimit) {
    return {
      ok: false,
      failure: {
        status: 413,
        type: "share_too_large",
        ...serverMessage({ code: "shareTextTooLarge", values: { kind: snapshot.format === "kimi-workbench-run-share" ? "run" : "conversation", size: formatBytes(Buffer.byteLength(snapshotText)), limit: formatBytes(snapshotLimit) } }),
      },
    };
  }

  // Attachments name their bytes by content: "sha256-<hex>", the hex being the media's hash.
  // A run's rows carry no media bytes; a conversation's attachments do.
  const turns = snapshot.format === "kimi-workbench-share" ? snapshot.turns : [];
  const referenced = new Set(turns.flatMap((turn) => (turn.role === "user" ? (turn.attachments ?? []).flatMap(blobKeysOf).map(hashOf) : [])));
  const media: StoredMedia[] = [];
  let mediaBytes = 0;
  const mediaLimit = env.SHARE_MAX_MEDIA_MB * megabyte;
  for (const item of request.media) {
    if (!referenced.has(item.hash)) continue;
    const bytes = Buffer.from(item.base64, "base64");
    if (sha256Hex(bytes) !== item.hash) {
      return { ok: false, failure: { status: 400, type: "invalid_request_error", ...serverMessage({ code: "mediaHashMismatch", values: { hash: item.hash.slice(0, 12) } }) } };
    }
    mediaBytes += bytes.length;
    if (mediaBytes > mediaLimit) {
      return {
        ok: false,
        failure: { status: 413, type: "share_too_large", ...serverMessage({ code: "shareMediaTooLarge", values: { limit: formatBytes(mediaLimit) } }) },
      };
    }
    // Documents (and their extracted text) are published as media: their bytes are redacted too, and
    // a redacted file gets the hash of its new bytes, which the snapshot then refers to.
    const redacted = redactBytes({ bytes, secrets });
    if (redacted.changed) {
      const hash = sha256Hex(redacted.bytes);
      snapshotText = snapshotText.replaceAll(`sha256-${item.hash}`, `sha256-${hash}`);
      redactions.push({ path: `media sha256-${item.hash.slice(0, 12)}… (${item.mediaType})`, reason: "an attached file that contains an API key or access token" });
      media.push({ hash, mediaType: item.mediaType, bytes: redacted.bytes });
      continue;
    }
    media.push({ hash: item.hash, mediaType: item.mediaType, bytes });
  }
  const present = new Set(media.map((item) => item.hash));
  const published = JSON.parse(snapshotText) as AnyShareSnapshot;
  for (const turn of published.format === "kimi-workbench-share" ? published.turns : []) {
    if (turn.role !== "user") continue;
    for (const attachment of turn.attachments ?? []) {
      const missing = blobKeysOf(attachment).find((key) => !present.has(hashOf(key)));
      if (missing) {
        return { ok: false, failure: { status: 400, type: "invalid_request_error", ...serverMessage({ code: "shareMediaMissing", values: { name: attachment.name, media: missing.slice(0, 12) } }) } };
      }
    }
  }

  const id = randomBytes(16).toString("base64url");
  const deleteToken = randomBytes(32).toString("base64url");
  const lifetime = shareExpiries[request.expiresIn];
  const expiresAt = lifetime === null ? null : now + lifetime;
  await store.createShare({ share: { id, snapshot: snapshotText, createdAt: now, expiresAt }, deleteTokenHash: sha256Hex(deleteToken), media });
  // Expired shares are removed a few at a time as new ones arrive.
  await store.deleteExpired({ now, limit: 20 }).catch(() => 0);
  return { ok: true, created: { id, url: `/s/${id}`, deleteToken, expiresAt, redactions } };
}

/** Describes a schema failure of a share request. */
export function describeShareRequestIssue(issues: Parameters<typeof describeSchemaIssue>[0]): string {
  return `Invalid share: ${describeSchemaIssue(issues)}`;
}
