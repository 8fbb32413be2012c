import "@/lib/wire/zod-browser";
import { z } from "zod";
import { describeSchemaIssue } from "@/lib/wire/schema-issues";
import type { Assertion } from "./assertions";
import { providerIds } from "@/lib/catalog/catalog-types";

// Checks as the runs API, shares and imported test sets accept them: strict, so a typo in a field is named.

/** One check, as runs take it (for the whole set or for one row). */
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

/** Reads a row's own checks (a JSON array of checks), naming the first problem. */
export function readRowChecks(value: unknown): { ok: true; checks: Assertion[] } | { ok: false; message: string } {
  const parsed = z.array(assertionSchema).max(20).safeParse(value);
  return parsed.success ? { ok: true, checks: parsed.data as Assertion[] } : { ok: false, message: describeSchemaIssue(parsed.error.issues) };
}
