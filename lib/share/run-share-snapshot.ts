import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { Assertion, AssertionResult } from "@/lib/evals/assertions";
import type { PromptTemplate } from "@/lib/prompts/prompt-template";
import type { TestRow } from "@/lib/prompts/test-set";
import type { ToolCall } from "@/lib/wire/chat-request";
import type { Usage } from "@/lib/wire/chat-response";
import type { CodedMessage } from "@/lib/wire/coded-message";

/** What a shared run keeps of one cell's record (reasoning emptied when the publisher left it out). */
export interface SharedCellRecord {
  status: "done" | "failed" | "cancelled";
  output: string;
  reasoning: string;
  toolCalls: ToolCall[];
  finishReason: string | null;
  error?: string;
  /** The error's catalog codes, when the workbench wrote it (the page words it in the reader's language). */
  errorParts?: CodedMessage[];
  usage?: Usage;
  cost?: { amount: number; currency: "CNY" | "USD" };
  reasoningTokens?: number;
  latencyMs?: number;
  firstTokenMs?: number;
  durationMs: number;
}

/** One cell of a shared run: its state, and when it finished, its record and checks. */
export interface SharedCell {
  id: string;
  status: "queued" | "running" | "done" | "failed" | "cancelled" | "waiting_for_key";
  record?: SharedCellRecord;
  checks?: { results: AssertionResult[]; passed: number; failed: number; pending: number };
  error?: string;
  errorParts?: CodedMessage[];
}

/**
 * A published prompt run (format version 1): the prompt's versions, the test set, the columns, the
 * checks, and every cell's result, as it stood when shared. Media values of rows keep their kind
 * and name; their bytes are not published.
 */
export interface RunShareSnapshot {
  format: "kimi-workbench-run-share";
  version: 1;
  title: string;
  runCreatedAt: number;
  versions: Array<{ number: number; template: PromptTemplate; note?: string }>;
  rows: TestRow[];
  columns: Array<{ id: string; label: string; providerId: ProviderId; model: string; overrides: Record<string, unknown> }>;
  assertions: Assertion[];
  /** Whether the cells' reasoning is included. */
  includesReasoning: boolean;
  cells: SharedCell[];
}
