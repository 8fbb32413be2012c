import { z } from "zod";
import { providerIds } from "@/lib/catalog/catalog-types";

/** A row's value for one variable. */
export const variableValueSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string() }).strict(),
  z.object({ kind: z.literal("json"), value: z.unknown() }).strict(),
  z.object({ kind: z.literal("media"), media: z.enum(["image", "video"]), url: z.string().min(1), name: z.string().optional() }).strict(),
]);

/** One check, as runs take it. */
export const assertionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("contains"), value: z.string().min(1), ignoreCase: z.boolean().optional() }).strict(),
  z.object({ type: z.literal("not-contains"), value: z.string().min(1), ignoreCase: z.boolean().optional() }).strict(),
  z.object({ type: z.literal("regex"), pattern: z.string().min(1), flags: z.string().regex(/^[dgimsuy]*$/).optional() }).strict(),
  z.object({ type: z.literal("equals-expected"), trim: z.boolean().optional(), ignoreCase: z.boolean().optional() }).strict(),
  z.object({ type: z.literal("is-json") }).strict(),
  z.object({ type: z.literal("matches-json-schema"), schema: z.record(z.string(), z.unknown()) }).strict(),
  z.object({ type: z.literal("called-tool"), name: z.string().min(1), argumentsSchema: z.record(z.string(), z.unknown()).optional() }).strict(),
  z.object({ type: z.literal("finish-reason"), value: z.string().min(1) }).strict(),
  z.object({ type: z.literal("max-cost"), amount: z.number().nonnegative(), currency: z.enum(["CNY", "USD"]) }).strict(),
  z.object({ type: z.literal("max-latency"), ms: z.number().positive() }).strict(),
  z.object({ type: z.literal("max-reasoning-tokens"), tokens: z.number().int().nonnegative() }).strict(),
  z.object({ type: z.literal("judge"), rubric: z.string().min(1), model: z.string().min(1), providerId: z.enum(providerIds) }).strict(),
]);

const idSchema = z.string().min(1).max(100).regex(/^[^:]+$/, "must not contain ':'");

/** `POST /api/runs`: what to run, and keys pasted for columns (held in memory for this run only). */
export const createRunRequestSchema = z
  .object({
    versions: z
      .array(
        z
          .object({
            number: z.number().int().positive(),
            // Messages are checked when each cell's request is rendered and validated.
            template: z.object({ model: z.string().min(1), messages: z.array(z.record(z.string(), z.unknown())).min(1), parameters: z.record(z.string(), z.unknown()) }).strict(),
          })
          .strict(),
      )
      .min(1)
      .max(10),
    rows: z.array(z.object({ id: idSchema, values: z.record(z.string(), variableValueSchema), expected: z.string().optional(), notes: z.string().optional() }).strict()).min(1).max(10_000),
    columns: z.array(z.object({ id: idSchema, label: z.string().min(1).max(200), providerId: z.enum(providerIds), model: z.string().min(1).max(200), overrides: z.record(z.string(), z.unknown()) }).strict()).min(1).max(20),
    assertions: z.array(assertionSchema).max(50),
    keys: z.record(z.string(), z.string().min(8)).optional(),
  })
  .strict();
