import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "@/lib/http/serve-web-handler";
import { buildRunShareSnapshot } from "@/lib/prompt-workspace/run-share";
import { mergeRunPoll, type RunPoll } from "@/lib/prompt-workspace/run-results";
import { renderSharePage } from "@/server/render-share-page";
import { startRouteServer } from "@/testing/route-server";
import type { CreatedShare, PublishedShare } from "./share-snapshot";
import type { RunShareSnapshot } from "./run-share-snapshot";

// A run shared as a snapshot link, under the conversation shares' rules: keys redacted, media bytes
// left out, the reasoning only when chosen, a static page, a delete token.
const plantedServerKey = "sk-planted-run-share-0f1e2d3c4b5a";
let server: RunningServer;

beforeAll(async () => {
  Object.assign(process.env, { DATA_DIR: mkdtempSync(join(tmpdir(), "kimi-run-share-")), MOONSHOT_API_KEY: plantedServerKey, SHARE_CREATE_LIMIT: "20" });
  delete process.env.DATABASE_URL;
  server = await startRouteServer();
});
afterAll(() => server.close());

const poll: RunPoll = {
  id: "run-1",
  status: "finished",
  createdAt: Date.UTC(2026, 10, 30, 8, 0),
  cursor: 0,
  counts: { done: 1, failed: 2 },
  definition: {
    versions: [{ number: 2, template: { model: "kimi-k2.6", messages: [{ role: "user", content: "Capital of {{country}}? {{map}}" }], parameters: { temperature: 1 } } }],
    rows: [{ id: "fr", values: { country: { kind: "text", text: "France" }, map: { kind: "media", media: "image", url: "data:image/png;base64,iVBORw0KGgo=", name: "map.png" } }, expected: "Paris" }],
    columns: [
      { id: "a", label: "K2.6 · Moonshot", providerId: "moonshot", model: "kimi-k2.6", overrides: {} },
      { id: "b", label: "K3 · Moonshot", providerId: "moonshot", model: "kimi-k3", overrides: { reasoning_effort: "high" } },
    ],
    assertions: [{ type: "contains", value: "Paris" }],
    pastedKeyColumns: [],
  },
  cells: [
    { id: "2:fr:a", status: "done", attempts: 1, updatedAt: 1, result: { record: { status: "done", output: `Paris. (debug: ${plantedServerKey})`, reasoning: "France's capital is Paris.", toolCalls: [], finishReason: "stop", cost: { amount: 0.001, currency: "CNY" }, latencyMs: 900, durationMs: 900 }, checks: { results: [{ pass: true }], passed: 1, failed: 0, pending: 0 } } },
    { id: "2:fr:b", status: "failed", attempts: 2, updatedAt: 2, result: { record: { status: "failed", output: "", reasoning: "", toolCalls: [], finishReason: null, error: "The stream broke: socket hang up", errorParts: [{ message: "The stream broke: socket hang up", code: "cellStreamBroke", values: { problem: "socket hang up" } }], durationMs: 40 }, checks: { results: [{ pass: false, reason: "The call failed: The stream broke: socket hang up", code: "call-failed", values: { error: "The stream broke: socket hang up" } }], passed: 0, failed: 1, pending: 0 } } },
    { id: "2:fr:c", status: "failed", attempts: 1, updatedAt: 3, result: { error: "The worker failed on this cell.", errorParts: [{ message: "The worker failed on this cell.", code: "cellWorkerFailed", values: {} }] } },
  ],
};

describe("sharing a run", () => {
  it("publishes a run snapshot with keys redacted and media bytes left out; reads it back; deletes it with its token", async () => {
    const snapshot = buildRunShareSnapshot({ snapshot: mergeRunPoll({ snapshot: undefined, poll }), title: "Capitals", versionNotes: new Map([[2, "Ask for one word"]]), includeReasoning: false });
    expect(snapshot.rows[0]!.values.map).toEqual({ kind: "media", media: "image", url: "omitted", name: "map.png" });
    expect(snapshot.cells[0]!.record!.reasoning).toBe("");
    const created = await fetch(`${server.url}/api/shares`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ snapshot, expiresIn: "1d", media: [] }) });
    expect(created.status).toBe(201);
    const body = (await created.json()) as CreatedShare;
    expect(body.redactions.length).toBeGreaterThan(0);
    const read = (await (await fetch(`${server.url}/api/shares/${body.id}`)).json()) as PublishedShare<RunShareSnapshot>;
    expect(read.snapshot.format).toBe("kimi-workbench-run-share");
    expect(read.snapshot.versions[0]!.note).toBe("Ask for one word");
    expect(JSON.stringify(read)).not.toContain(plantedServerKey);
    expect(read.snapshot.cells[0]!.record!.output).toBe("Paris. (debug: [redacted])");
    // What the workbench wrote keeps its catalog codes, so the shared page words it in the reader's language.
    expect(read.snapshot.cells[1]!.record!.errorParts).toEqual([{ message: "The stream broke: socket hang up", code: "cellStreamBroke", values: { problem: "socket hang up" } }]);
    expect(read.snapshot.cells[1]!.checks!.results[0]).toMatchObject({ pass: false, code: "call-failed" });
    expect(read.snapshot.cells[2]).toMatchObject({ status: "failed", errorParts: [{ code: "cellWorkerFailed" }] });
    const deleted = await fetch(`${server.url}/api/shares/${body.id}`, { method: "DELETE", headers: { authorization: `Bearer ${body.deleteToken}` } });
    expect(deleted.status).toBe(204);
    expect((await fetch(`${server.url}/api/shares/${body.id}`)).status).toBe(404);
  });

  it("refuses a malformed run snapshot, naming the field", async () => {
    const snapshot = { ...buildRunShareSnapshot({ snapshot: mergeRunPoll({ snapshot: undefined, poll }), title: "x", versionNotes: new Map(), includeReasoning: true }), columns: [] };
    const refused = await fetch(`${server.url}/api/shares`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ snapshot, expiresIn: "1d", media: [] }) });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/^Invalid share: snapshot\.columns/);
  });

  it("renders the static page: versions, checks, totals per column, every answer and the failure reasons, escaped", () => {
    const snapshot = buildRunShareSnapshot({ snapshot: mergeRunPoll({ snapshot: undefined, poll }), title: "Capitals <script>alert(1)</script>", versionNotes: new Map(), includeReasoning: true });
    // React separates adjacent text with empty comments; the reader sees the text joined.
    const html = renderSharePage({ share: { id: "AAAAAAAAAAAAAAAAAAAAAA", createdAt: Date.UTC(2026, 10, 30, 9, 0), expiresAt: null, snapshot }, origin: "http://127.0.0.1:3000" }).replaceAll("<!-- -->", "");
    expect(html).toContain("<title>Capitals &#60;script&#62;alert(1)&#60;/script&#62; · Kimi Workbench run</title>");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("Prompt version 2");
    expect(html).toContain("Capital of {{country}}? {{map}}");
    expect(html).toContain("contains &quot;Paris&quot;");
    expect(html).toMatch(/K2\.6 · Moonshot.*1 pass.*0 fail.*¥0\.0010/s);
    expect(html).toMatch(/K3 · Moonshot.*0 pass.*0 fail · 1 error/s);
    expect(html).toContain("France&#x27;s capital is Paris.");
    expect(html).toContain("The stream broke: socket hang up");
    expect(html).toContain("[image map.png]");
  });
});
