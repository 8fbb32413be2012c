import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerProcess, type ServerProcess } from "./support/server-process";
import { rawRequest, sendRaw } from "./support/raw-http";

// Two instances on one Redis and one PostgreSQL: limits, sessions and sign-outs hold across them,
// and no source address gets a fresh allowance (the audit: 127.0.0.2, 127.0.0.3 … each did).
const postgresUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const schema = `kimi_instances_${process.pid}_${Date.now()}`;
const accessToken = "instances-access-token-0123456789ab";
let admin: pg.Client;
let env: Record<string, string>;
let first: ServerProcess;
let second: ServerProcess;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const databaseUrl = new URL(postgresUrl);
  databaseUrl.searchParams.set("options", `-c search_path=${schema}`);
  env = {
    DATABASE_URL: databaseUrl.href,
    REDIS_URL: redisUrl,
    // A fresh prefix per run: counts from earlier runs must not leak into this one.
    REDIS_PREFIX: `kimi-test-${randomBytes(6).toString("hex")}`,
    WORKBENCH_ACCESS_TOKEN: accessToken,
    SHARE_CREATE_LIMIT: "5",
    SIGN_IN_LIMIT: "4",
    DATA_DIR: `/tmp/kimi-security-instances-${process.pid}`,
  };
  [first, second] = await Promise.all([startServerProcess({ env }), startServerProcess({ env })]);
});
afterAll(async () => {
  await first?.stop();
  await second?.stop();
  await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin?.end();
});

const share = { snapshot: { format: "kimi-workbench-share", version: 1, title: "t", providerId: "simulator", model: "kimi-k2.6", parameters: {}, included: { systemPrompt: false, tools: false, reasoning: false, media: false }, turns: [{ id: "u1", role: "user", content: "hi", createdAt: 1 }] }, expiresIn: "1d", media: [] };

describe("two instances on one Redis and PostgreSQL", () => {
  it("share creation is limited once for all instances and all loopback addresses", async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 8; index += 1) {
      const app = index % 2 === 0 ? first : second;
      const body = JSON.stringify(share);
      // Alternate instances and source addresses: 127.0.0.1, 127.0.0.2, 127.0.0.3 …
      const response = await sendRaw({ port: app.port, localAddress: `127.0.0.${1 + (index % 4)}`, request: rawRequest({ method: "POST", target: "/api/shares", headers: { host: `127.0.0.1:${app.port}`, "content-type": "application/json" }, body }) });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
  });

  it("a session opened on one instance works on the other, and signing out on either ends it everywhere", async () => {
    // A different client (by address) from the one the previous test locked out.
    const signIn = await sendRaw({ port: first.port, localAddress: "127.0.0.9", request: rawRequest({ method: "POST", target: "/api/session", headers: { host: `127.0.0.1:${first.port}`, "content-type": "application/json", "x-forwarded-for": "198.51.100.3" }, body: JSON.stringify({ token: accessToken }) }) });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers["set-cookie"]!.split(";")[0]!;
    expect(cookie).toMatch(/^workbench_session=[A-Za-z0-9_-]{43}$/);
    expect(cookie).not.toContain(accessToken);
    const remote = { cookie, "x-forwarded-for": "198.51.100.3" };
    const session = async (app: ServerProcess) => ((await (await fetch(`${app.url}/api/session`, { headers: remote })).json()) as { authenticated: boolean }).authenticated;
    expect(await session(first)).toBe(true);
    expect(await session(second)).toBe(true);
    expect((await fetch(`${second.url}/api/session`, { method: "DELETE", headers: remote })).status).toBe(200);
    expect(await session(first)).toBe(false);
    expect(await session(second)).toBe(false);
  });

  it("sessions survive a restart of an instance (kill -9): they are kept in Redis, not in the process", async () => {
    const signIn = await fetch(`${first.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: accessToken }) });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    const port = first.port;
    await first.stop("SIGKILL");
    first = await startServerProcess({ port, env });
    const session = (await (await fetch(`${first.url}/api/session`, { headers: { cookie, "x-forwarded-for": "198.51.100.4" } })).json()) as { authenticated: boolean };
    expect(session.authenticated).toBe(true);
  });

  it("sign-in attempts are limited across instances", async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1) {
      const app = index % 2 === 0 ? first : second;
      const response = await fetch(`${app.url}/api/session`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.77" }, body: JSON.stringify({ token: `wrong-token-${index}-000000` }) });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

});
