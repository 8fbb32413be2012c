import "server-only";
import { describeModel } from "@/lib/catalog/model-catalog";
import { defaultMaxTokensFor } from "@/lib/catalog/provider-parameters";
import { renderTemplate } from "@/lib/prompts/prompt-template";
import { estimateRequestTokens } from "@/lib/tokens/estimate-request-tokens";
import { previewCost } from "@/lib/tokens/token-preview";
import { parseChatRequest } from "@/lib/wire/chat-request-schema";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { Assertion } from "@/lib/evals/assertions";
import { judgeRequestBody } from "./run-judge";
import type { RunDefinition } from "./run-types";
import type { CodedMessage } from "@/lib/wire/coded-message";

// What a run will cost before it starts: every cell's prompt counted locally (text by BPE, media by
// MoonViT; an estimate, labelled so) and priced at the column model's published prices — the prompt
// as cache misses, and at most max_tokens of answer per cell. Judge checks add one call per answered
// cell to the judge's model: its prompt counted the same way, plus at most the answer it grades.

/** The estimate of one column, over every version and row. */
export interface ColumnEstimate {
  columnId: string;
  label: string;
  cells: number;
  promptTokens: number;
  /** Cost of the prompts as cache misses, and the most the answers can add; absent without published prices. */
  cost?: { currency: "CNY" | "USD"; prompts: number; answersAtMost: number };
}

/** The judge calls of one judge model: one per answered cell and judge check. */
export interface JudgeEstimate {
  providerId: string;
  model: string;
  calls: number;
  /** The judge's prompts without the answers they grade (those add at most the cells' max tokens each). */
  promptTokens: number;
  /** The most the graded answers add to the judge's prompts (the cells' max tokens). */
  gradedAnswersAtMost: number;
  /** Cost of the prompts with the graded answers at most, and of the judge's own answers at most; absent without published prices. */
  cost?: { currency: "CNY" | "USD"; prompts: number; answersAtMost: number };
}

/** The whole run's estimate, with the cells that cannot be sent as they are. */
export interface RunEstimate {
  cells: number;
  columns: ColumnEstimate[];
  judges: JudgeEstimate[];
  problems: Array<{ cellId: string; message: string; parts?: CodedMessage[] }>;
}

type JudgeAssertion = Extract<Assertion, { type: "judge" }>;

/** Estimates a run (counting runs in slices that yield, so a large set never holds the server). */
export async function estimateRun({ definition }: { definition: Omit<RunDefinition, "pastedKeyColumns"> }): Promise<RunEstimate> {
  const problems: RunEstimate["problems"] = [];
  const columns: ColumnEstimate[] = [];
  const judges = new Map<string, JudgeEstimate & { answerCeilingTokens: number }>();
  // A judge's prompt depends on the row and version, not the column: counted once per cell of the first column.
  const judgePromptTokens = new Map<string, number>();
  const judgeChecksOf = (row: RunDefinition["rows"][number]): JudgeAssertion[] => [...definition.assertions, ...((row.assert ?? []) as unknown as Assertion[])].filter((assertion): assertion is JudgeAssertion => assertion.type === "judge");
  for (const column of definition.columns) {
    const spec = describeModel({ providerId: column.providerId, modelId: column.model });
    const estimate: ColumnEstimate = { columnId: column.id, label: column.label, cells: 0, promptTokens: 0 };
    let answerCeilingTokens = 0;
    for (const version of definition.versions) {
      for (const row of definition.rows) {
        const cellId = `${version.number}:${row.id}:${column.id}`;
        estimate.cells += 1;
        const rendered = renderTemplate({ template: version.template, values: row.values });
        if (!rendered.ok) {
          problems.push({ cellId, message: rendered.problems.map((problem) => problem.message).join(" "), parts: rendered.problems.map(({ message, code, values }) => ({ message, code, values })) });
          continue;
        }
        const parsed = parseChatRequest({ ...rendered.request, ...column.overrides, model: column.model });
        if (!parsed.ok) {
          problems.push({ cellId, message: parsed.message });
          continue;
        }
        const local = await estimateRequestTokens({ request: parsed.request, providerId: column.providerId, preservedThinking: false });
        estimate.promptTokens += local.breakdown.total;
        const answerCeiling = parsed.request.max_completion_tokens ?? parsed.request.max_tokens ?? defaultMaxTokensFor(spec);
        answerCeilingTokens += answerCeiling;
        for (const [index, judge] of judgeChecksOf(row).entries()) {
          const key = `${version.number}:${row.id}:${index}`;
          let tokens = judgePromptTokens.get(key);
          if (tokens === undefined) {
            const judgeRequest = parseChatRequest({ ...judgeRequestBody({ rubric: judge.rubric, messages: rendered.request.messages, ...(row.expected !== undefined ? { expected: row.expected } : {}), answer: "" }), model: judge.model });
            tokens = judgeRequest.ok ? (await estimateRequestTokens({ request: judgeRequest.request, providerId: judge.providerId as ProviderId, preservedThinking: false })).breakdown.total : 0;
            judgePromptTokens.set(key, tokens);
          }
          const judgeKey = `${judge.providerId}\u0000${judge.model}`;
          const entry = judges.get(judgeKey) ?? { providerId: judge.providerId, model: judge.model, calls: 0, promptTokens: 0, gradedAnswersAtMost: 0, answerCeilingTokens: 0 };
          entry.calls += 1;
          entry.promptTokens += tokens;
          entry.gradedAnswersAtMost += answerCeiling;
          entry.answerCeilingTokens += defaultMaxTokensFor(describeModel({ providerId: judge.providerId as ProviderId, modelId: judge.model }));
          judges.set(judgeKey, entry);
        }
      }
    }
    if (spec.prices) {
      const prompts = previewCost({ promptTokens: estimate.promptTokens, maxTokens: answerCeilingTokens, prices: spec.prices });
      estimate.cost = { currency: prompts.currency, prompts: prompts.promptCacheMiss, answersAtMost: prompts.outputCeiling };
    }
    columns.push(estimate);
  }
  const judgeEstimates = [...judges.values()].map(({ answerCeilingTokens, ...judge }): JudgeEstimate => {
    const prices = describeModel({ providerId: judge.providerId as ProviderId, modelId: judge.model }).prices;
    if (!prices) return judge;
    const cost = previewCost({ promptTokens: judge.promptTokens + judge.gradedAnswersAtMost, maxTokens: answerCeilingTokens, prices });
    return { ...judge, cost: { currency: cost.currency, prompts: cost.promptCacheMiss, answersAtMost: cost.outputCeiling } };
  });
  return { cells: columns.reduce((sum, column) => sum + column.cells, 0), columns, judges: judgeEstimates, problems };
}
