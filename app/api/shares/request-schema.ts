import { z } from "zod";
import { providerIds } from "@/lib/catalog/catalog-types";
import { turnSchema } from "@/lib/conversation/saved-conversation";
import { shareExpiries } from "@/lib/share/share-snapshot";

const includedSchema = z.object({ systemPrompt: z.boolean(), tools: z.boolean(), reasoning: z.boolean(), media: z.boolean() }).strict();

/** The snapshot a client publishes (format version 1); anything else at the top level is refused. */
export const shareSnapshotSchema = z
  .object({
    format: z.literal("kimi-workbench-share"),
    version: z.literal(1),
    title: z.string().trim().min(1).max(200),
    providerId: z.enum(providerIds),
    model: z.string().min(1).max(200),
    parameters: z.record(z.string(), z.unknown()),
    systemPrompt: z.string().optional(),
    included: includedSchema,
    turns: z.array(turnSchema).max(10_000),
  })
  .strict();

/** `POST /api/shares`: the snapshot, how long it lives, and the media its attachments refer to. */
export const createShareRequestSchema = z
  .object({
    snapshot: shareSnapshotSchema,
    expiresIn: z.enum(Object.keys(shareExpiries) as [keyof typeof shareExpiries, ...Array<keyof typeof shareExpiries>]),
    media: z
      .array(
        z
          .object({
            hash: z.string().regex(/^[0-9a-f]{64}$/, "must be the SHA-256 of the bytes, in lowercase hex"),
            mediaType: z.string().min(1).max(200),
            base64: z.string(),
          })
          .strict(),
      )
      .max(5_000)
      .default([]),
  })
  .strict();
