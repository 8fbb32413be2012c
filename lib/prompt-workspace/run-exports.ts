import Papa from "papaparse";
import type { Assertion } from "@/lib/evals/assertions";
import { findVariables, type VariableValue } from "@/lib/prompts/prompt-template";
import type { RunDefinition } from "@/lib/runs/run-types";
import { cellVerdict, checksForRow, resultOf, type RunSnapshot } from "./run-results";

// A run's results as files: CSV (one line per cell, for a spreadsheet) and JSON Lines (every field
// of every cell), and the run's prompt, rows and checks as a promptfoo config that sends through
// this workbench's gateway, so the same check can run in CI.

function valueText(value: VariableValue): string {
  if (value.kind === "text") return value.text;
  if (value.kind === "json") return JSON.stringify(value.value);
  return value.url;
}

interface CellLine {
  version: number;
  rowId: string;
  columnId: string;
}

function eachCell(definition: RunDefinition): CellLine[] {
  return definition.versions.flatMap((version) => definition.rows.flatMap((row) => definition.columns.map((column) => ({ version: version.number, rowId: row.id, columnId: column.id }))));
}

/** One CSV line per cell: the row's values, the column, the answer, figures and verdicts. */
export function exportRunCsv(snapshot: RunSnapshot): string {
  const { definition } = snapshot;
  const variables = [...new Set(definition.rows.flatMap((row) => Object.keys(row.values)))];
  const lines = eachCell(definition).map(({ version, rowId, columnId }) => {
    const row = definition.rows.find((item) => item.id === rowId)!;
    const column = definition.columns.find((item) => item.id === columnId)!;
    const cell = snapshot.cells.get(`${version}:${rowId}:${columnId}`);
    const result = resultOf(cell);
    const record = result?.record;
    const checks = checksForRow({ definition, rowId });
    const failures = result?.checks.results.flatMap((check, index) => (check.pass === false ? [`${checks[index]?.type ?? "check"}: ${check.reason}`] : [])) ?? [];
    return {
      version,
      row: rowId,
      ...Object.fromEntries(variables.map((name) => [name, row.values[name] ? valueText(row.values[name]) : ""])),
      expected: row.expected ?? "",
      column: column.label,
      provider: column.providerId,
      model: column.model,
      status: cell?.status ?? "queued",
      verdict: cellVerdict(cell),
      output: record?.output ?? "",
      reasoning: record?.reasoning ?? "",
      tool_calls: record && record.toolCalls.length > 0 ? JSON.stringify(record.toolCalls) : "",
      finish_reason: record?.finishReason ?? "",
      prompt_tokens: record?.usage?.prompt_tokens ?? "",
      completion_tokens: record?.usage?.completion_tokens ?? "",
      reasoning_tokens: record?.reasoningTokens ?? "",
      cost: record?.cost?.amount ?? "",
      currency: record?.cost?.currency ?? "",
      first_token_ms: record?.firstTokenMs !== undefined ? Math.round(record.firstTokenMs) : "",
      duration_ms: record ? Math.round(record.durationMs) : "",
      checks_passed: result?.checks.passed ?? "",
      checks_failed: result?.checks.failed ?? "",
      failures: failures.join("\n"),
      error: record?.error ?? (cell?.result && "error" in cell.result ? cell.result.error : ""),
    };
  });
  return Papa.unparse(lines, { newline: "\n" });
}

/** One JSON object per line per cell: where it is, its status, and everything it recorded. */
export function exportRunJsonl(snapshot: RunSnapshot): string {
  return eachCell(snapshot.definition)
    .map(({ version, rowId, columnId }) => {
      const cell = snapshot.cells.get(`${version}:${rowId}:${columnId}`);
      return JSON.stringify({ run: snapshot.id, version, row: rowId, column: columnId, status: cell?.status ?? "queued", verdict: cellVerdict(cell), attempts: cell?.attempts ?? 0, ...(cell?.result ? { result: cell.result } : {}) });
    })
    .join("\n")
    .concat("\n");
}

/** A promptfoo assertion for one of ours; `note` when promptfoo has no exact equivalent. */
function promptfooAssertion(assertion: Assertion, gatewayBase: string): { assert: Record<string, unknown>; note?: string } {
  switch (assertion.type) {
    case "contains":
      return { assert: { type: assertion.ignoreCase ? "icontains" : "contains", value: assertion.value } };
    case "not-contains":
      return { assert: { type: assertion.ignoreCase ? "not-icontains" : "not-contains", value: assertion.value } };
    case "regex":
      return assertion.flags ? { assert: { type: "javascript", value: `new RegExp(${JSON.stringify(assertion.pattern)}, ${JSON.stringify(assertion.flags)}).test(output)` } } : { assert: { type: "regex", value: assertion.pattern } };
    case "equals-expected":
      return {
        assert: { type: "javascript", value: `String(output)${assertion.trim === false ? "" : ".trim()"}${assertion.ignoreCase ? ".toLowerCase()" : ""} === String(context.vars.expected ?? "")${assertion.trim === false ? "" : ".trim()"}${assertion.ignoreCase ? ".toLowerCase()" : ""}` },
      };
    case "is-json":
      return { assert: { type: "is-json" } };
    case "matches-json-schema":
      return { assert: { type: "is-json", value: assertion.schema } };
    case "called-tool":
      return {
        assert: { type: "javascript", value: `(Array.isArray(output) ? output : output?.tool_calls ?? []).some((call) => (call.function?.name ?? call.name) === ${JSON.stringify(assertion.name)})` },
        ...(assertion.argumentsSchema ? { note: `called-tool ${assertion.name}: the arguments schema is not exported (promptfoo checks only that the tool was called).` } : {}),
      };
    case "finish-reason":
      return { assert: { type: "finish-reason", value: assertion.value } };
    case "max-cost":
      return { assert: { type: "cost", threshold: assertion.amount }, note: `max-cost ${assertion.amount} ${assertion.currency}: promptfoo computes cost from its own price table (often unknown for Kimi models); check the unit before relying on it.` };
    case "max-latency":
      return { assert: { type: "latency", threshold: assertion.ms } };
    case "max-reasoning-tokens":
      return { assert: { type: "javascript", value: `(context.providerResponse?.tokenUsage?.completionDetails?.reasoning ?? 0) <= ${assertion.tokens}` }, note: "max-reasoning-tokens reads promptfoo's completionDetails.reasoning, which depends on its OpenAI provider reporting reasoning tokens." };
    case "judge":
      return { assert: { type: "llm-rubric", value: assertion.rubric, provider: { id: `openai:chat:${assertion.model}`, config: { apiBaseUrl: `${gatewayBase}/${assertion.providerId}/v1`, apiKeyEnvar: "WORKBENCH_ACCESS_TOKEN", omitDefaults: true, showThinking: false, passthrough: { response_format: { type: "json_object" } } } } } };
  }
}

/**
 * A promptfoo config for one version of the run's prompt: its messages as a chat prompt (our
 * `{{variable}}` placeholders are promptfoo's too), one provider per column pointing at this
 * workbench's gateway, one test per row, the checks as `defaultTest.assert`. What promptfoo cannot
 * express exactly is listed in `notes` (and in the config's description).
 */
export function promptfooConfig({ definition, version, origin }: { definition: RunDefinition; version: number; origin: string }): { config: Record<string, unknown>; notes: string[] } {
  const template = definition.versions.find((item) => item.number === version)?.template;
  if (!template) throw new Error(`The run has no version ${version}.`);
  const gatewayBase = `${origin.replace(/\/$/, "")}/api/providers`;
  const notes: string[] = [];
  const asserts = definition.assertions.map((assertion) => {
    const converted = promptfooAssertion(assertion, gatewayBase);
    if (converted.note) notes.push(converted.note);
    return converted.assert;
  });
  const mediaVariables = [...new Set(definition.rows.flatMap((row) => Object.entries(row.values).filter(([, value]) => value.kind === "media").map(([name]) => name)))];
  if (findVariables(JSON.stringify(template.parameters)).length > 0) notes.push("Placeholders in the parameters are sent as written: promptfoo does not fill variables in its provider's passthrough fields.");
  if (mediaVariables.length > 0) notes.push(`Media variables (${mediaVariables.join(", ")}) are exported as their URLs in text: promptfoo fills them into the message text, not as image or video parts.`);
  const config = {
    description: `Kimi Workbench prompt, version ${version}${notes.length > 0 ? `. Notes: ${notes.join(" ")}` : ""}`,
    prompts: [{ id: `version-${version}`, label: `Version ${version}`, raw: JSON.stringify(template.messages) }],
    providers: definition.columns.map((column) => ({
      id: `openai:chat:${column.model}`,
      label: column.label,
      // The gateway takes this workbench's access token as the key (or none from loopback). promptfoo's
      // OpenAI provider would add temperature 0 and max_tokens 1024 (which Kimi's pinned sampling
      // refuses) and drops fields it does not know (thinking, reasoning_effort for non-OpenAI names):
      // omitDefaults and passthrough make the body carry exactly the run's parameters. Checks read the
      // answer, as here: showThinking false keeps promptfoo from prefixing the reasoning to it.
      config: { apiBaseUrl: `${gatewayBase}/${column.providerId}/v1`, apiKeyEnvar: "WORKBENCH_ACCESS_TOKEN", omitDefaults: true, showThinking: false, passthrough: { ...template.parameters, ...column.overrides } },
    })),
    defaultTest: { assert: asserts },
    tests: definition.rows.map((row) => ({
      description: row.notes ? `${row.id}: ${row.notes}` : row.id,
      ...(row.assert?.length ? { assert: (row.assert as unknown as Assertion[]).map((assertion) => promptfooAssertion(assertion, gatewayBase).assert) } : {}),
      vars: { ...Object.fromEntries(Object.entries(row.values).map(([name, value]) => [name, valueText(value)])), ...(row.expected !== undefined ? { expected: row.expected } : {}) },
    })),
  };
  return { config, notes };
}
