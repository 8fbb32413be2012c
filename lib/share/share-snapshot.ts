import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { Turn } from "@/lib/conversation/conversation-types";
import type { RunShareSnapshot } from "./run-share-snapshot";

/** What the publisher chose to include (parameters and model always are). */
export interface ShareInclusions {
  systemPrompt: boolean;
  tools: boolean;
  reasoning: boolean;
  media: boolean;
}

/** How long a share stays readable. */
export const shareExpiries = { "1d": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000, never: null } as const;
export type ShareExpiry = keyof typeof shareExpiries;

/**
 * An immutable published conversation (format version 1). Attachments keep their fields; their
 * `blobKey`s (and frames' and documents' keys) are SHA-256 hashes of media published with it.
 */
export interface ShareSnapshot {
  format: "kimi-workbench-share";
  version: 1;
  title: string;
  providerId: ProviderId;
  model: string;
  /** The request parameters as set (tools and tool_choice only when included). */
  parameters: Record<string, unknown>;
  /** Absent when the publisher left it out. */
  systemPrompt?: string;
  included: ShareInclusions;
  /** Turns as in the workbench; reasoning emptied when not included; attachments dropped when media is not. */
  turns: Turn[];
}

/** What a client sends to publish a share (`POST /api/shares`, checked by the route's schema). */
export interface ShareRequest {
  /** Checked against the snapshot format, then redacted before anything is stored. */
  snapshot: unknown;
  expiresIn: ShareExpiry;
  /** The bytes of the media the snapshot's attachments refer to, by SHA-256. */
  media: Array<{ hash: string; mediaType: string; base64: string }>;
}

/** Either kind of published snapshot: a conversation, or a prompt run. */
export type AnyShareSnapshot = ShareSnapshot | RunShareSnapshot;

/** A published share as the API returns it (a conversation unless said otherwise). */
export interface PublishedShare<Snapshot extends AnyShareSnapshot = ShareSnapshot> {
  id: string;
  createdAt: number;
  expiresAt: number | null;
  snapshot: Snapshot;
}

/** Whether a share is a conversation (the kind every share was before runs could be shared). */
export function isConversationShare(share: PublishedShare<AnyShareSnapshot>): share is PublishedShare<ShareSnapshot> {
  return share.snapshot.format === "kimi-workbench-share";
}

/** Whether a share is a prompt run rather than a conversation. */
export function isRunShare(share: PublishedShare<AnyShareSnapshot>): share is PublishedShare<RunShareSnapshot> {
  return share.snapshot.format === "kimi-workbench-run-share";
}

/** What `POST /api/shares` answers (the delete token is shown once and never again). */
export interface CreatedShare {
  id: string;
  url: string;
  deleteToken: string;
  expiresAt: number | null;
  redactions: Array<{ path: string; reason: string }>;
}
