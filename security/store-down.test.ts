import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../bench/support/start-app";
import { startServerProcess, type ServerProcess } from "./support/server-process";

// PostgreSQL unreachable: the workbench still serves, share routes say what is wrong (503, naming
// DATABASE_URL), and the start-up log says so before anyone tries to share.
let app: ServerProcess;

beforeAll(async () => {
  const closedPort = await freePort();
  app = await startServerProcess({ env: { DATABASE_URL: `postgres://postgres@127.0.0.1:${closedPort}/test`, DATA_DIR: `/tmp/kimi-security-down-${process.pid}` } });
});
afterAll(() => app.stop());

const share = { snapshot: { format: "kimi-workbench-share", version: 1, title: "t", providerId: "simulator", model: "kimi-k2.6", parameters: {}, included: { systemPrompt: false, tools: false, reasoning: false, media: false }, turns: [{ id: "u1", role: "user", content: "hi", createdAt: 1 }] }, expiresIn: "1d", media: [] };

describe("the share store down", () => {
  it("answers 503 naming PostgreSQL on every share route, serves the rest, and logged the outage at start-up", async () => {
    const create = await fetch(`${app.url}/api/shares`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(share) });
    expect(create.status).toBe(503);
    expect(create.headers.get("retry-after")).toBe("5");
    const { error } = (await create.json()) as { error: { type: string; message: string } };
    expect(error.type).toBe("share_store_unavailable");
    expect(error.message).toContain("PostgreSQL (DATABASE_URL) is not answering");
    expect((await fetch(`${app.url}/api/shares/AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(503);
    expect((await fetch(`${app.url}/api/shares/AAAAAAAAAAAAAAAAAAAAAA/media/${"a".repeat(64)}`)).status).toBe(503);
    expect((await fetch(`${app.url}/s/AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(503);
    expect((await fetch(`${app.url}/`)).status).toBe(200);
    expect((await fetch(`${app.url}/api/providers`)).status).toBe(200);
    const events = app.logLines().map((line) => (JSON.parse(line) as { event?: string }).event);
    expect(events).toContain("share_store_unavailable_at_start");
  });
});
