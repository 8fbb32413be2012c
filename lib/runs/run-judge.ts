import "server-only";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { Assertion, AssertionResult, CellOutcome } from "@/lib/evals/assertions";
import type { ChatMessage } from "@/lib/wire/chat-request";
import { sendChat } from "./run-cell";

// Kimi as judge: a rubric graded by a chosen model. The judge sees the rubric, the request's last
// user message, the expected output when the row has one, and the answer; it replies in JSON
// (json_object) with a verdict, a score and a reason. Its reasoning and cost are kept beside the
// verdict. A judge that fails or answers unreadably fails the check, saying so (not blaming the answer).

const judgeSystemPrompt = [
  "You grade an AI assistant's answer against a rubric. Judge only what the rubric asks; do not reward length.",
  'Reply with one JSON object and nothing else, like {"pass": true, "score": 0.9, "reason": "Names the capital correctly in one sentence."}',
  '"pass" is true or false, "score" a number from 0 to 1, "reason" one or two sentences.',
].join("\n");

function lastUserText(messages: readonly ChatMessage[]): string {
  const message = [...messages].reverse().find((item) => item.role === "user");
  if (!message) return "(no user message)";
  return typeof message.content === "string" ? message.content : message.content.map((part) => (part.type === "text" ? part.text : `[${part.type}]`)).join("");
}

/** The judge's request (model aside): the grading instructions, then the rubric, the request's last user message, the expected output and the answer. */
export function judgeRequestBody({ rubric, messages, expected, answer }: { rubric: string; messages: readonly ChatMessage[]; expected?: string; answer: string }): { messages: ChatMessage[]; response_format: { type: "json_object" } } {
  const user = [`Rubric:\n${rubric}`, `The request (its last user message):\n${lastUserText(messages)}`, ...(expected !== undefined ? [`Expected output:\n${expected}`] : []), `The answer to grade:\n${answer || "(empty answer)"}`].join("\n\n");
  return { messages: [{ role: "system", content: judgeSystemPrompt }, { role: "user", content: user }], response_format: { type: "json_object" } };
}

/** Reads the judge's reply: a JSON object (a ```json fence allowed) with a boolean `pass`. */
export function readVerdict(text: string): { ok: true; pass: boolean; score?: number; reason: string } | { ok: false; message: string } {
  const unfenced = text.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/i, "$1");
  const start = unfenced.indexOf("{");
  const end = unfenced.lastIndexOf("}");
  if (start === -1 || end < start) return { ok: false, message: `the judge did not answer with a JSON object (it wrote "${text.slice(0, 80)}")` };
  let value: unknown;
  try {
    value = JSON.parse(unfenced.slice(start, end + 1));
  } catch (error) {
    return { ok: false, message: `the judge's JSON does not parse (${error instanceof Error ? error.message : "parse error"})` };
  }
  const verdict = value as { pass?: unknown; score?: unknown; reason?: unknown };
  if (typeof verdict.pass !== "boolean") return { ok: false, message: 'the judge\'s JSON has no boolean "pass"' };
  return { ok: true, pass: verdict.pass, ...(typeof verdict.score === "number" && Number.isFinite(verdict.score) ? { score: verdict.score } : {}), reason: typeof verdict.reason === "string" && verdict.reason.trim() ? verdict.reason.trim() : "(no reason given)" };
}

/** Grades every pending judge check of a cell; other results are returned as they are. */
export async function gradeJudges({
  assertions,
  results,
  outcome,
  messages,
  expected,
  keyFor,
  signal,
  send = sendChat,
}: {
  assertions: readonly Assertion[];
  results: readonly AssertionResult[];
  outcome: CellOutcome;
  /** The cell's rendered request messages (what the answer answers). */
  messages: readonly ChatMessage[];
  expected?: string;
  /** A key pasted for this provider in the run, when there is one (else the server's). */
  keyFor: (providerId: ProviderId) => string | undefined;
  signal: AbortSignal;
  /** How the judge's request is sent (the run's worker sends it within the provider's budget). */
  send?: typeof sendChat;
}): Promise<AssertionResult[]> {
  return Promise.all(
    results.map(async (result, index) => {
      const assertion = assertions[index];
      if (result.pass !== "pending" || assertion?.type !== "judge") return result;
      const providerId = assertion.providerId as ProviderId;
      const apiKey = keyFor(providerId);
      const record = await send({
        body: judgeRequestBody({ rubric: assertion.rubric, messages, ...(expected !== undefined ? { expected } : {}), answer: outcome.output }),
        column: { providerId, model: assertion.model },
        ...(apiKey ? { apiKey } : {}),
        signal,
      });
      const note = { model: assertion.model, reasoning: record.reasoning, ...(record.cost ? { cost: record.cost } : {}) };
      if (record.status !== "done") return { pass: false, reason: `The judge (${assertion.model}) could not grade this answer: ${record.error ?? record.status}.`, code: "judge-failed", values: { model: assertion.model, problem: record.error ?? record.status }, judge: note };
      const verdict = readVerdict(record.output);
      if (!verdict.ok) return { pass: false, reason: `The judge (${assertion.model}) could not grade this answer: ${verdict.message}.`, code: "judge-failed", values: { model: assertion.model, problem: verdict.message }, judge: note };
      const judged = { ...note, reasoning: [record.reasoning, verdict.reason].filter(Boolean).join("\n\n"), ...(verdict.score !== undefined ? { score: verdict.score } : {}) };
      return verdict.pass ? { pass: true, judge: judged } : { pass: false, reason: `The judge (${assertion.model}): ${verdict.reason}`, code: "judge-said", values: { model: assertion.model, reason: verdict.reason }, judge: judged };
    }),
  );
}
