import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { expect, test } from "./fixtures";
import { startAppProcess } from "./support/app-process";

// The share store's promises, checked against real server processes: an acknowledged share survives
// SIGKILL (SQLite, the default), and app instances sharing one PostgreSQL serve each other's shares.
// PostgreSQL runs at 127.0.0.1:5432 on every machine, CI included; without it this fails, never skips.
const postgresUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const snapshot = (title: string) => ({
  format: "kimi-workbench-share",
  version: 1,
  title,
  providerId: "simulator",
  model: "kimi-k2.6",
  parameters: { temperature: 1 },
  included: { systemPrompt: false, tools: false, reasoning: true, media: false },
  turns: [
    { id: "u1", role: "user", content: `Question for ${title}`, createdAt: 1 },
    { id: "a1", role: "assistant", providerId: "simulator", model: "kimi-k2.6", content: "Answer.", reasoning: "Thinking.", status: "done", createdAt: 2 },
  ],
});

async function publish(url: string, title: string): Promise<{ status: number; id: string; deleteToken: string }> {
  const response = await fetch(`${url}/api/shares`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ snapshot: snapshot(title), expiresIn: "7d" }) });
  const body = (await response.json()) as { id: string; deleteToken: string };
  return { status: response.status, ...body };
}

test("a share acknowledged with 201 is readable after the server is killed with SIGKILL and restarted", async () => {
  const dataDirectory = mkdtempSync(join(tmpdir(), "kimi-durability-"));
  const first = await startAppProcess({ env: { DATA_DIR: dataDirectory } });
  const created = await publish(first.url, "Survives SIGKILL");
  expect(created.status).toBe(201);
  // No graceful shutdown: the process dies right after acknowledging.
  await first.kill("SIGKILL");
  const second = await startAppProcess({ env: { DATA_DIR: dataDirectory } });
  try {
    const read = await fetch(`${second.url}/api/shares/${created.id}`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { snapshot: { title: string } }).snapshot.title).toBe("Survives SIGKILL");
    const page = await fetch(`${second.url}/s/${created.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Question for Survives SIGKILL");
  } finally {
    await second.kill("SIGTERM");
  }
});

test("two app instances on one PostgreSQL serve, and delete, each other's shares", async () => {
  const schema = `kimi_e2e_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const databaseUrl = new URL(postgresUrl);
  databaseUrl.searchParams.set("options", `-c search_path=${schema}`);
  // Both start at once: the schema is created by one while the other waits on the migration lock.
  const [first, second] = await Promise.all([startAppProcess({ env: { DATABASE_URL: databaseUrl.toString() } }), startAppProcess({ env: { DATABASE_URL: databaseUrl.toString() } })]);
  try {
    const created = await publish(first.url, "Seen by both");
    expect(created.status).toBe(201);
    const onSecond = await fetch(`${second.url}/api/shares/${created.id}`);
    expect(onSecond.status).toBe(200);
    expect((await (await fetch(`${second.url}/s/${created.id}`)).text())).toContain("Question for Seen by both");
    const fromSecond = await publish(second.url, "Made on the second");
    expect((await fetch(`${first.url}/api/shares/${fromSecond.id}`)).status).toBe(200);
    expect((await fetch(`${second.url}/api/shares/${created.id}`, { method: "DELETE", headers: { authorization: `Bearer ${created.deleteToken}` } })).status).toBe(204);
    expect((await fetch(`${first.url}/api/shares/${created.id}`)).status).toBe(404);
    const { rows } = await admin.query<{ count: string }>(`SELECT COUNT(*) AS count FROM ${schema}.shares`);
    expect(Number(rows[0]!.count)).toBe(1);
  } finally {
    await Promise.all([first.kill("SIGTERM"), second.kill("SIGTERM")]);
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
});
