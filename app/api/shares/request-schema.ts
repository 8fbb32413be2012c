import { z } from "zod";
import { providerIds } from "@/lib/catalog/catalog-types";
import { turnSchema } from "@/lib/conversation/saved-conversation";
import { shareExpiries } from "@/lib/share/share-snapshot";
import { assertionSchema } from "@/lib/evals/assertion-schema";
import { variableValueSchema } from "../runs/request-schema";

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

// A message the workbench wrote, with its catalog code: the shared page words it in the reader's language.
const codeSchema = z.string().min(1).max(100);
const valuesSchema = z.record(z.string(), z.string());
const codedMessageSchema = z.object({ message: z.string(), code: codeSchema, values: valuesSchema }).strict();
const wordedSchema = { code: codeSchema.optional(), values: valuesSchema.optional() };

const cellRecordSchema = z
  .object({
    status: z.enum(["done", "failed", "cancelled"]),
    output: z.string(),
    reasoning: z.string(),
    toolCalls: z.array(z.object({ id: z.string(), type: z.string(), function: z.object({ name: z.string(), arguments: z.string() }).loose() }).loose()),
    finishReason: z.string().nullable(),
    error: z.string().optional(),
    errorParts: z.array(codedMessageSchema).max(50).optional(),
    usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() }).loose().optional(),
    cost: z.object({ amount: z.number(), currency: z.enum(["CNY", "USD"]) }).strict().optional(),
    reasoningTokens: z.number().optional(),
    latencyMs: z.number().optional(),
    firstTokenMs: z.number().optional(),
    durationMs: z.number(),
  })
  .strict();

const checkResultSchema = z.union([
  z.object({ pass: z.literal(true), judge: z.object({ model: z.string(), reasoning: z.string(), score: z.number().optional(), cost: z.object({ amount: z.number(), currency: z.enum(["CNY", "USD"]) }).optional() }).strict().optional() }).strict(),
  z.object({ pass: z.literal(false), reason: z.string(), ...wordedSchema, judge: z.object({ model: z.string(), reasoning: z.string(), score: z.number().optional(), cost: z.object({ amount: z.number(), currency: z.enum(["CNY", "USD"]) }).optional() }).strict().optional() }).strict(),
  z.object({ pass: z.literal("pending"), reason: z.string(), ...wordedSchema }).strict(),
]);

/** A prompt run as published (format version 1): versions, rows, columns, checks and every cell. */
export const runShareSnapshotSchema = z
  .object({
    format: z.literal("kimi-workbench-run-share"),
    version: z.literal(1),
    title: z.string().trim().min(1).max(200),
    runCreatedAt: z.number(),
    versions: z
      .array(z.object({ number: z.number().int().positive(), template: z.object({ model: z.string().min(1), messages: z.array(z.record(z.string(), z.unknown())), parameters: z.record(z.string(), z.unknown()) }).strict(), note: z.string().max(2_000).optional() }).strict())
      .min(1)
      .max(10),
    rows: z.array(z.object({ id: z.string().min(1), values: z.record(z.string(), variableValueSchema), expected: z.string().optional(), notes: z.string().optional(), assert: z.array(assertionSchema).max(20).optional() }).strict()).max(10_000),
    columns: z.array(z.object({ id: z.string().min(1), label: z.string().min(1).max(200), providerId: z.enum(providerIds), model: z.string().min(1), overrides: z.record(z.string(), z.unknown()) }).strict()).min(1).max(20),
    assertions: z.array(assertionSchema).max(50),
    includesReasoning: z.boolean(),
    cells: z
      .array(
        z
          .object({
            id: z.string().min(1),
            status: z.enum(["queued", "running", "done", "failed", "cancelled", "waiting_for_key"]),
            record: cellRecordSchema.optional(),
            checks: z.object({ results: z.array(checkResultSchema), passed: z.number().int(), failed: z.number().int(), pending: z.number().int() }).strict().optional(),
            error: z.string().optional(),
            errorParts: z.array(codedMessageSchema).max(50).optional(),
          })
          .strict(),
      )
      .max(200_000),
  })
  .strict();

/** `POST /api/shares`: the snapshot, how long it lives, and the media its attachments refer to. */
export const createShareRequestSchema = z
  .object({
    snapshot: z.discriminatedUnion("format", [shareSnapshotSchema, runShareSnapshotSchema]),
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
