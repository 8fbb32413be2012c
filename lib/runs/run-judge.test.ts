import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Assertion, AssertionResult } from "@/lib/evals/assertions";
import { jsonAnswerEvents } from "@/testing/client-gateway";
import { expectWordedAsEnglish } from "@/testing/catalog-wording";
import { startFixtureUpstream, type FixtureUpstream } from "@/testing/fixture-upstream";
import { gradeJudges, readVerdict } from "./run-judge";

// Kimi as judge over real HTTP: the judge is a Moonshot model answered by a fixture upstream.
let upstream: FixtureUpstream;

beforeAll(async () => {
  upstream = await startFixtureUpstream();
  Object.assign(process.env, { MOONSHOT_API_KEY: "sk-run-judge-test-0123456789", MOONSHOT_BASE_URL: `${upstream.url}/v1`, GATEWAY_RETRY_BASE_DELAY_MS: "1" });
});
afterAll(() => upstream.close());

const judge: Assertion = { type: "judge", rubric: "Names Paris as the capital, in one sentence.", model: "kimi-k2.6", providerId: "moonshot" };
const pending: AssertionResult = { pass: "pending", reason: "Graded by kimi-k2.6 with the rubric when the run reaches it." };
const outcome = { output: "The capital of France is Paris.", reasoning: "", toolCalls: [], finishReason: "stop" };

const grade = (keyFor: (providerId: string) => string | undefined = () => undefined) =>
  gradeJudges({ assertions: [{ type: "is-json" }, judge], results: [{ pass: false, reason: "not JSON" }, pending], outcome, messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Capital of France?" }], expected: "Paris", keyFor, signal: new AbortController().signal });

describe("Kimi as judge", () => {
  it("reads verdicts: JSON, fenced JSON; refuses anything without a boolean pass", () => {
    expect(readVerdict('{"pass": true, "score": 0.9, "reason": "Correct."}')).toEqual({ ok: true, pass: true, score: 0.9, reason: "Correct." });
    expect(readVerdict('```json\n{"pass": false, "reason": "Wrong city."}\n```')).toEqual({ ok: true, pass: false, reason: "Wrong city." });
    expect(readVerdict("Looks good to me")).toMatchObject({ ok: false, message: expect.stringContaining("did not answer with a JSON object") });
    expect(readVerdict('{"pass": "yes"}')).toEqual({ ok: false, message: 'the judge\'s JSON has no boolean "pass"' });
  });

  it("grades a pending judge check with the rubric, the request, the expected output and the answer; keeps its reasoning and cost", async () => {
    upstream.reply(() => ({ kind: "sse", events: jsonAnswerEvents({ json: { pass: true, score: 1, reason: "Paris, in one sentence." } }) }));
    const [notJson, graded] = await grade();
    expect(notJson).toEqual({ pass: false, reason: "not JSON" });
    expect(graded).toMatchObject({ pass: true, judge: { model: "kimi-k2.6", score: 1, reasoning: "Fill the requested fields.\n\nParis, in one sentence." } });
    expect(graded!.pass !== "pending" && graded!.judge?.cost?.amount).toBeGreaterThan(0);
    const sent = upstream.requests.at(-1)!;
    const body = sent.json as { model: string; response_format: unknown; messages: Array<{ role: string; content: string }> };
    expect(body.model).toBe("kimi-k2.6");
    expect(body.response_format).toEqual({ type: "json_object" });
    expect(body.messages[1]!.content).toBe("Rubric:\nNames Paris as the capital, in one sentence.\n\nThe request (its last user message):\nCapital of France?\n\nExpected output:\nParis\n\nThe answer to grade:\nThe capital of France is Paris.");
    expect(sent.headers.authorization).toBe("Bearer sk-run-judge-test-0123456789");
  });

  it("fails the check with the judge's reason, and says when the judge itself could not grade", async () => {
    upstream.reply(() => ({ kind: "sse", events: jsonAnswerEvents({ json: { pass: false, score: 0.2, reason: "It rambles for three paragraphs." } }) }));
    const said = (await grade())[1]!;
    expect(said).toMatchObject({ pass: false, reason: "The judge (kimi-k2.6): It rambles for three paragraphs." });
    upstream.reply(() => ({ kind: "json", status: 401, body: { error: { message: "Invalid Authentication", type: "invalid_authentication_error" } } }));
    const failed = (await grade(() => "sk-pasted-judge-key-0123456789"))[1]!;
    expect(failed).toMatchObject({ pass: false, reason: "The judge (kimi-k2.6) could not grade this answer: 401 Invalid Authentication." });
    // The page words both from the catalog; the judge's own reason stays as it wrote it.
    expectWordedAsEnglish({ namespace: "checkReasons", items: [said, failed].map((result) => (result.pass === true ? { english: "" } : { code: result.code, values: result.values, english: result.reason })) });
    // A key pasted for the judge's provider is the one spent.
    expect(upstream.requests.at(-1)!.headers.authorization).toBe("Bearer sk-pasted-judge-key-0123456789");
  });
});
