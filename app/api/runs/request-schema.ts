import { z } from "zod";
import { providerIds } from "@/lib/catalog/catalog-types";
import { assertionSchema } from "@/lib/evals/assertion-schema";

/** A row's value for one variable. */
export const variableValueSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string() }).strict(),
  z.object({ kind: z.literal("json"), value: z.unknown() }).strict(),
  z.object({ kind: z.literal("media"), media: z.enum(["image", "video"]), url: z.string().min(1), name: z.string().optional() }).strict(),
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
    rows: z.array(z.object({ id: idSchema, values: z.record(z.string(), variableValueSchema), expected: z.string().optional(), notes: z.string().optional(), assert: z.array(assertionSchema).max(20).optional() }).strict()).min(1).max(10_000),
    columns: z.array(z.object({ id: idSchema, label: z.string().min(1).max(200), providerId: z.enum(providerIds), model: z.string().min(1).max(200), overrides: z.record(z.string(), z.unknown()) }).strict()).min(1).max(20),
    assertions: z.array(assertionSchema).max(50),
    keys: z.record(z.string(), z.string().min(8)).optional(),
  })
  .strict();
