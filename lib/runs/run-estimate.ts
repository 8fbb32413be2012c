import "server-only";
import { describeModel } from "@/lib/catalog/model-catalog";
import { defaultMaxTokensFor } from "@/lib/catalog/provider-parameters";
import { renderTemplate } from "@/lib/prompts/prompt-template";
import { estimateRequestTokens } from "@/lib/tokens/estimate-request-tokens";
import { previewCost } from "@/lib/tokens/token-preview";
import { parseChatRequest } from "@/lib/wire/chat-request-schema";
import type { RunDefinition } from "./run-types";

// What a run will cost before it starts: every cell's prompt counted locally (text by BPE, media by
// MoonViT; an estimate, labelled so) and priced at the column model's published prices — the prompt
// as cache misses, and at most max_tokens of answer per cell.

/** The estimate of one column, over every version and row. */
export interface ColumnEstimate {
  columnId: string;
  label: string;
  cells: number;
  promptTokens: number;
  /** Cost of the prompts as cache misses, and the most the answers can add; absent without published prices. */
  cost?: { currency: "CNY" | "USD"; prompts: number; answersAtMost: number };
}

/** The whole run's estimate, with the cells that cannot be sent as they are. */
export interface RunEstimate {
  cells: number;
  columns: ColumnEstimate[];
  problems: Array<{ cellId: string; message: string }>;
}

/** Estimates a run (counting runs in slices that yield, so a large set never holds the server). */
export async function estimateRun({ definition }: { definition: Omit<RunDefinition, "pastedKeyColumns"> }): Promise<RunEstimate> {
  const problems: RunEstimate["problems"] = [];
  const columns: ColumnEstimate[] = [];
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
          problems.push({ cellId, message: rendered.problems.map((problem) => problem.message).join(" ") });
          continue;
        }
        const parsed = parseChatRequest({ ...rendered.request, ...column.overrides, model: column.model });
        if (!parsed.ok) {
          problems.push({ cellId, message: parsed.message });
          continue;
        }
        const local = await estimateRequestTokens({ request: parsed.request, providerId: column.providerId, preservedThinking: false });
        estimate.promptTokens += local.breakdown.total;
        answerCeilingTokens += parsed.request.max_completion_tokens ?? parsed.request.max_tokens ?? defaultMaxTokensFor(spec);
      }
    }
    if (spec.prices) {
      const prompts = previewCost({ promptTokens: estimate.promptTokens, maxTokens: answerCeilingTokens, prices: spec.prices });
      estimate.cost = { currency: prompts.currency, prompts: prompts.promptCacheMiss, answersAtMost: prompts.outputCeiling };
    }
    columns.push(estimate);
  }
  return { cells: columns.reduce((sum, column) => sum + column.cells, 0), columns, problems };
}
