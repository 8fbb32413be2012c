import Ajv, { type ValidateFunction } from "ajv";
import type { ToolCall } from "@/lib/wire/chat-request";

// Checks on one cell of a run (one row × one column): what the model answered, how, and at what
// cost. Each check says whether it passed and, when not, why, in words a reader can act on. "Kimi
// as judge" needs a model call and is graded by the runner; it is declared here with the rest.

/** What a cell produced, as the checks see it. */
export interface CellOutcome {
  output: string;
  reasoning: string;
  toolCalls: ToolCall[];
  finishReason: string | null;
  /** Set when the call failed; most checks then fail with this message. */
  error?: string;
  /** What the call cost, in the currency the model's prices are published in. */
  cost?: { amount: number; currency: "CNY" | "USD" };
  latencyMs?: number;
  reasoningTokens?: number;
}

/** One check, as configured for a test set or a row. */
export type Assertion =
  | { type: "contains"; value: string; ignoreCase?: boolean }
  | { type: "not-contains"; value: string; ignoreCase?: boolean }
  | { type: "regex"; pattern: string; flags?: string }
  | { type: "equals-expected"; trim?: boolean; ignoreCase?: boolean }
  | { type: "is-json" }
  | { type: "matches-json-schema"; schema: Record<string, unknown> }
  | { type: "called-tool"; name: string; argumentsSchema?: Record<string, unknown> }
  | { type: "finish-reason"; value: string }
  | { type: "max-cost"; amount: number; currency: "CNY" | "USD" }
  | { type: "max-latency"; ms: number }
  | { type: "max-reasoning-tokens"; tokens: number }
  | { type: "judge"; rubric: string; model: string; providerId: string };

/** What the judge model said about an answer, kept beside its verdict. */
export interface JudgeNote {
  model: string;
  /** The judge's own reasoning (thinking) and its written reason. */
  reasoning: string;
  score?: number;
  /** What grading cost (the judge's own call). */
  cost?: { amount: number; currency: "CNY" | "USD" };
}

/** A check's verdict. `pending` is for the judge until the runner grades it. */
export type AssertionResult = { pass: true; judge?: JudgeNote } | ({ pass: false; reason: string; judge?: JudgeNote } & Worded) | ({ pass: "pending"; reason: string } & Worded);

/** A reason's catalog code (`checkReasons.<code>`) and values, for the page; the judge's own words have none. */
interface Worded {
  code?: string;
  values?: Record<string, string>;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: Record<string, unknown>): { ok: true; validate: ValidateFunction } | { ok: false; message: string; code: string; values: Record<string, string> } {
  const cached = compiled.get(schema);
  if (cached) return { ok: true, validate: cached };
  try {
    const validate = ajv.compile(schema);
    compiled.set(schema, validate);
    return { ok: true, validate };
  } catch (error) {
    const problem = error instanceof Error ? error.message : "compile error";
    return { ok: false, message: `The check's JSON Schema is invalid (${problem}); fix the schema.`, code: "schema-invalid", values: { problem } };
  }
}

function describeSchemaErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 3)
    .map((error) => `${error.instancePath || "(root)"} ${error.message ?? "is invalid"}`)
    .join("; ");
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string; code: string; values: Record<string, string> } {
  // Models often fence JSON in ```json … ```; the check reads what is inside.
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n```\s*$/.exec(text);
  try {
    return { ok: true, value: JSON.parse(fenced ? fenced[1]! : text) };
  } catch (error) {
    const problem = error instanceof Error ? error.message : "parse error";
    return { ok: false, message: `The answer is not valid JSON (${problem}).`, code: "not-json", values: { problem } };
  }
}

const quote = (text: string) => (text.length > 60 ? `"${text.slice(0, 57)}…"` : `"${text}"`);

/** Runs one check on a cell; `expected` is the row's expected output, if any. */
export function checkAssertion({ assertion, outcome, expected }: { assertion: Assertion; outcome: CellOutcome; expected?: string }): AssertionResult {
  const fail = (reason: string, code: string, values: Record<string, string> = {}): AssertionResult => ({ pass: false, reason, code, values });
  // A failed call fails every check about its answer; cost and latency checks still read the figures.
  if (outcome.error !== undefined && !["max-cost", "max-latency"].includes(assertion.type)) return fail(`The call failed: ${outcome.error}`, "call-failed", { error: outcome.error });
  switch (assertion.type) {
    case "contains":
    case "not-contains": {
      const haystack = assertion.ignoreCase ? outcome.output.toLowerCase() : outcome.output;
      const needle = assertion.ignoreCase ? assertion.value.toLowerCase() : assertion.value;
      const found = haystack.includes(needle);
      if (assertion.type === "contains") return found ? { pass: true } : fail(`The answer does not contain ${quote(assertion.value)}.`, "not-contains", { value: quote(assertion.value) });
      return found ? fail(`The answer contains ${quote(assertion.value)}.`, "contains", { value: quote(assertion.value) }) : { pass: true };
    }
    case "regex": {
      let pattern: RegExp;
      try {
        pattern = new RegExp(assertion.pattern, assertion.flags);
      } catch (error) {
        const problem = error instanceof Error ? error.message : "syntax error";
        return fail(`The check's pattern is not a valid regular expression (${problem}).`, "bad-pattern", { problem });
      }
      return pattern.test(outcome.output) ? { pass: true } : fail(`The answer does not match /${assertion.pattern}/${assertion.flags ?? ""}.`, "no-match", { pattern: `/${assertion.pattern}/${assertion.flags ?? ""}` });
    }
    case "equals-expected": {
      if (expected === undefined) return fail("This row has no expected output to compare with: fill its expected column.", "no-expected");
      const normalize = (text: string) => {
        const trimmed = assertion.trim === false ? text : text.trim();
        return assertion.ignoreCase ? trimmed.toLowerCase() : trimmed;
      };
      return normalize(outcome.output) === normalize(expected) ? { pass: true } : fail(`The answer ${quote(outcome.output)} is not the expected ${quote(expected)}.`, "not-expected", { answer: quote(outcome.output), expected: quote(expected) });
    }
    case "is-json": {
      const parsed = parseJson(outcome.output);
      return parsed.ok ? { pass: true } : fail(parsed.message, parsed.code, parsed.values);
    }
    case "matches-json-schema": {
      const parsed = parseJson(outcome.output);
      if (!parsed.ok) return fail(parsed.message, parsed.code, parsed.values);
      const validator = validatorFor(assertion.schema);
      if (!validator.ok) return fail(validator.message, validator.code, validator.values);
      return validator.validate(parsed.value) ? { pass: true } : fail(`The answer's JSON does not match the schema: ${describeSchemaErrors(validator.validate)}.`, "schema-mismatch", { problems: describeSchemaErrors(validator.validate) });
    }
    case "called-tool": {
      const calls = outcome.toolCalls.filter((call) => call.function.name === assertion.name);
      if (calls.length === 0) {
        const made = outcome.toolCalls.map((call) => call.function.name);
        return fail(`The model did not call ${assertion.name}${made.length > 0 ? ` (it called ${made.join(", ")})` : " (it called no tool)"}.`, "not-called", { name: assertion.name, called: made.length > 0 ? made.join(", ") : "none" });
      }
      if (!assertion.argumentsSchema) return { pass: true };
      const validator = validatorFor(assertion.argumentsSchema);
      if (!validator.ok) return fail(validator.message, validator.code, validator.values);
      const problems: string[] = [];
      for (const call of calls) {
        const parsed = parseJson(call.function.arguments);
        if (!parsed.ok) problems.push(`its arguments are not JSON (${call.function.arguments.slice(0, 60)})`);
        else if (validator.validate(parsed.value)) return { pass: true };
        else problems.push(describeSchemaErrors(validator.validate));
      }
      return fail(`The model called ${assertion.name}, but ${problems.join("; ")}.`, "bad-arguments", { name: assertion.name, problems: problems.join("; ") });
    }
    case "finish-reason":
      return outcome.finishReason === assertion.value ? { pass: true } : fail(`The answer finished with ${outcome.finishReason ?? "no finish reason"}, not ${assertion.value}.`, "finish-reason", { reason: outcome.finishReason ?? "none", expected: assertion.value });
    case "max-cost": {
      if (outcome.cost === undefined) return fail("The cost is unknown (no price for this model or no usage reported), so the limit cannot be checked.", "cost-unknown");
      const symbol = (currency: string) => (currency === "CNY" ? "¥" : "$");
      if (outcome.cost.currency !== assertion.currency) return fail(`The model is priced in ${outcome.cost.currency}, the limit in ${assertion.currency}: set the limit in ${outcome.cost.currency}.`, "currency", { priced: outcome.cost.currency, limit: assertion.currency });
      return outcome.cost.amount <= assertion.amount ? { pass: true } : fail(`The call cost ${symbol(outcome.cost.currency)}${outcome.cost.amount.toFixed(6)}, over the limit of ${symbol(assertion.currency)}${assertion.amount}.`, "over-cost", { cost: `${symbol(outcome.cost.currency)}${outcome.cost.amount.toFixed(6)}`, limit: `${symbol(assertion.currency)}${assertion.amount}` });
    }
    case "max-latency":
      if (outcome.latencyMs === undefined) return fail("The call's duration was not measured.", "latency-unknown");
      return outcome.latencyMs <= assertion.ms ? { pass: true } : fail(`The call took ${Math.round(outcome.latencyMs)} ms, over the limit of ${assertion.ms} ms.`, "over-latency", { ms: String(Math.round(outcome.latencyMs)), limit: String(assertion.ms) });
    case "max-reasoning-tokens":
      if (outcome.reasoningTokens === undefined) return fail("The provider did not report reasoning tokens, so the limit cannot be checked.", "reasoning-unknown");
      return outcome.reasoningTokens <= assertion.tokens ? { pass: true } : fail(`The model reasoned for ${outcome.reasoningTokens} tokens, over the limit of ${assertion.tokens}.`, "over-reasoning", { tokens: String(outcome.reasoningTokens), limit: String(assertion.tokens) });
    case "judge":
      return { pass: "pending", reason: `Graded by ${assertion.model} with the rubric when the run reaches it.`, code: "judge-pending", values: { model: assertion.model } };
  }
}

/** Every check of a cell, with the counts a results matrix shows. */
export function checkCell({ assertions, outcome, expected }: { assertions: readonly Assertion[]; outcome: CellOutcome; expected?: string }): { results: AssertionResult[]; passed: number; failed: number; pending: number } {
  return tallyChecks(assertions.map((assertion) => checkAssertion({ assertion, outcome, ...(expected !== undefined ? { expected } : {}) })));
}

/** Counts verdicts (again, after the judge graded its checks). */
export function tallyChecks(results: AssertionResult[]): { results: AssertionResult[]; passed: number; failed: number; pending: number } {
  return {
    results,
    passed: results.filter((result) => result.pass === true).length,
    failed: results.filter((result) => result.pass === false).length,
    pending: results.filter((result) => result.pass === "pending").length,
  };
}
