import { describe, expect, it } from "vitest";
import { expectWordedAsEnglish } from "@/testing/catalog-wording";
import { checkAssertion as check, checkCell, type AssertionResult, type CellOutcome } from "./assertions";

// Every verdict these tests produce is also checked against the catalog's wording (the last describe).
const seen: AssertionResult[] = [];
const checkAssertion = (input: Parameters<typeof check>[0]) => {
  const result = check(input);
  seen.push(result);
  return result;
};

const outcome = (overrides: Partial<CellOutcome> = {}): CellOutcome => ({ output: '```json\n{"city":"Paris","population":2100000}\n```', reasoning: "", toolCalls: [], finishReason: "stop", cost: { amount: 0.0004, currency: "USD" }, latencyMs: 1200, reasoningTokens: 300, ...overrides });

describe("assertions", () => {
  it("checks text: contains, not-contains, regex, equals expected", () => {
    expect(checkAssertion({ assertion: { type: "contains", value: "paris", ignoreCase: true }, outcome: outcome() })).toEqual({ pass: true });
    expect(checkAssertion({ assertion: { type: "contains", value: "Oslo" }, outcome: outcome() })).toMatchObject({ pass: false, reason: 'The answer does not contain "Oslo".' });
    expect(checkAssertion({ assertion: { type: "not-contains", value: "Paris" }, outcome: outcome() }).pass).toBe(false);
    expect(checkAssertion({ assertion: { type: "regex", pattern: "population\\D+\\d{7}" }, outcome: outcome() }).pass).toBe(true);
    expect(checkAssertion({ assertion: { type: "regex", pattern: "(" }, outcome: outcome() })).toMatchObject({ pass: false, reason: expect.stringMatching(/not a valid regular expression/) });
    expect(checkAssertion({ assertion: { type: "equals-expected", ignoreCase: true }, outcome: outcome({ output: " PARIS\n" }), expected: "paris" }).pass).toBe(true);
    expect(checkAssertion({ assertion: { type: "equals-expected" }, outcome: outcome() })).toMatchObject({ pass: false, reason: expect.stringMatching(/no expected output/) });
  });

  it("checks JSON (fenced or not) and JSON Schemas with ajv, naming what does not match", () => {
    expect(checkAssertion({ assertion: { type: "is-json" }, outcome: outcome() }).pass).toBe(true);
    expect(checkAssertion({ assertion: { type: "is-json" }, outcome: outcome({ output: "Sure! {" }) }).pass).toBe(false);
    const schema = { type: "object", required: ["city", "country"], properties: { population: { type: "integer", maximum: 1000 } } };
    const result = checkAssertion({ assertion: { type: "matches-json-schema", schema }, outcome: outcome() });
    expect(result).toMatchObject({ pass: false, reason: "The answer's JSON does not match the schema: (root) must have required property 'country'; /population must be <= 1000." });
  });

  it("checks tool calls with their arguments, the finish reason, cost, latency and reasoning limits", () => {
    const calls = [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }];
    expect(checkAssertion({ assertion: { type: "called-tool", name: "get_weather", argumentsSchema: { type: "object", required: ["city"] } }, outcome: outcome({ toolCalls: calls }) }).pass).toBe(true);
    expect(checkAssertion({ assertion: { type: "called-tool", name: "get_weather", argumentsSchema: { type: "object", required: ["unit"] } }, outcome: outcome({ toolCalls: calls }) })).toMatchObject({ pass: false, reason: "The model called get_weather, but (root) must have required property 'unit'." });
    expect(checkAssertion({ assertion: { type: "called-tool", name: "search" }, outcome: outcome({ toolCalls: calls }) })).toMatchObject({ pass: false, reason: "The model did not call search (it called get_weather)." });
    expect(checkAssertion({ assertion: { type: "finish-reason", value: "tool_calls" }, outcome: outcome() })).toMatchObject({ pass: false, reason: "The answer finished with stop, not tool_calls." });
    expect(checkAssertion({ assertion: { type: "max-cost", amount: 0.0001, currency: "USD" }, outcome: outcome() })).toMatchObject({ pass: false, reason: "The call cost $0.000400, over the limit of $0.0001." });
    expect(checkAssertion({ assertion: { type: "max-cost", amount: 1, currency: "CNY" }, outcome: outcome() })).toMatchObject({ pass: false, reason: expect.stringMatching(/priced in USD, the limit in CNY/) });
    expect(checkAssertion({ assertion: { type: "max-latency", ms: 2000 }, outcome: outcome() }).pass).toBe(true);
    expect(checkAssertion({ assertion: { type: "max-reasoning-tokens", tokens: 100 }, outcome: outcome() }).pass).toBe(false);
  });

  it("fails answer checks of a failed call with its error, counts a cell, and leaves the judge pending", () => {
    const failed = outcome({ error: "429 rate_limit_reached_error: slow down", output: "" });
    expect(checkAssertion({ assertion: { type: "contains", value: "x" }, outcome: failed })).toMatchObject({ pass: false, reason: "The call failed: 429 rate_limit_reached_error: slow down" });
    const cell = checkCell({ assertions: [{ type: "is-json" }, { type: "contains", value: "Oslo" }, { type: "judge", rubric: "Is it correct?", model: "kimi-k3", providerId: "moonshot" }], outcome: outcome() });
    expect([cell.passed, cell.failed, cell.pending]).toEqual([1, 1, 1]);
  });
});

describe("check reasons in the catalogs", () => {
  it("words every reason these tests produce, in English word for word", () => {
    const reasons = seen.flatMap((result) => (result.pass === true ? [] : [result]));
    expect(new Set(reasons.map((reason) => reason.code)).size).toBeGreaterThan(12);
    expectWordedAsEnglish({ namespace: "checkReasons", items: reasons.map((reason) => ({ code: reason.code, values: reason.values, english: reason.reason })) });
  });
});
