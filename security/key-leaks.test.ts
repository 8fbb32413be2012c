import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Conversation } from "@/lib/conversation/conversation-types";
import { buildShareSnapshot } from "@/lib/share/build-snapshot";
import { parseSsePayloads } from "@/testing/gateway-helpers";
import { echoVariants, findSecretForms, startHostileUpstream } from "./support/hostile-upstream";
import { startServerProcess, type ServerProcess } from "./support/server-process";

// Planted keys (sentinels) must never leave the server: not in responses (whatever a hostile
// upstream echoes, in whatever encoding), logs, the data directory, the PostgreSQL dump, served
// assets or shared pages.
const sentinels = {
  moonshotKey: "sk-sentinelMoonshot0a1b2c3d4e5f6789",
  compatibleKey: "sentinel-vllm-key-9f8e7d6c5b4a3210",
  accessToken: "sentinel-access-token-6c0ffee0ddba11",
  pastedKey: "sk-sentinelPasted77aa88bb99cc00dd11",
};
const postgresUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `kimi_security_${process.pid}_${Date.now()}`;
const dataDirectory = mkdtempSync(join(tmpdir(), "kimi-security-keys-"));
let upstream: Awaited<ReturnType<typeof startHostileUpstream>>;
let sqliteApp: ServerProcess;
let postgresApp: ServerProcess;
let admin: pg.Client;
const responses: string[] = [];

function leaks(text: string): string[] {
  return Object.entries(sentinels).flatMap(([name, secret]) => findSecretForms({ text, secret }).map((form) => `${name} (${form})`));
}

async function record(response: Response): Promise<{ status: number; text: string }> {
  const text = await response.text();
  responses.push(`${response.status} ${JSON.stringify([...response.headers])}\n${text}`);
  return { status: response.status, text };
}

beforeAll(async () => {
  upstream = await startHostileUpstream();
  admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const databaseUrl = new URL(postgresUrl);
  databaseUrl.searchParams.set("options", `-c search_path=${schema}`);
  const env = {
    MOONSHOT_API_KEY: sentinels.moonshotKey,
    MOONSHOT_BASE_URL: `${upstream.url}/v1`,
    OPENAI_COMPATIBLE_BASE_URL: `${upstream.url}/v1`,
    OPENAI_COMPATIBLE_API_KEY: sentinels.compatibleKey,
    WORKBENCH_ACCESS_TOKEN: sentinels.accessToken,
    GATEWAY_RETRY_BASE_DELAY_MS: "1",
    GATEWAY_RETRY_MAX_ATTEMPTS: "2",
  };
  sqliteApp = await startServerProcess({ env: { ...env, DATA_DIR: dataDirectory } });
  postgresApp = await startServerProcess({ env: { ...env, DATA_DIR: dataDirectory, DATABASE_URL: databaseUrl.href } });
});
afterAll(async () => {
  await sqliteApp?.stop();
  await postgresApp?.stop();
  await upstream?.close();
  await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin?.end();
});

describe("planted keys never leave the server", () => {
  it("an upstream echoing the key in 96 ways (fields × encodings × deliveries) gets none of them through, for the server's keys and a pasted one", async () => {
    const leaked: string[] = [];
    for (const [index, variant] of echoVariants.entries()) {
      for (const [provider, headers] of [["moonshot", {}], ["openai-compatible", {}], ["moonshot", { "x-provider-api-key": sentinels.pastedKey }]] as const) {
        const stream = variant.delivery === "stream-error-event";
        const response = await record(
          await fetch(`${sqliteApp.url}/api/providers/${provider}/v1/chat/completions`, {
            method: "POST",
            headers: { "content-type": "application/json", ...headers },
            body: JSON.stringify({ model: `echo-${index}`, messages: [{ role: "user", content: "hi" }], stream }),
          }),
        );
        // Every variant is an error the client sees, in the gateway's envelope.
        expect(response.text).toContain('"error"');
        for (const found of leaks(response.text)) leaked.push(`${provider} ${JSON.stringify(variant)}: ${found}`);
      }
    }
    expect(leaked).toEqual([]);
  });

  it("an upstream putting the key into the answer itself (split across chunks, or whole) gets it redacted, text around it intact", async () => {
    for (const [provider, headers] of [["moonshot", {}], ["openai-compatible", {}], ["moonshot", { "x-provider-api-key": sentinels.pastedKey }]] as const) {
      for (const model of ["answer-echo-stream", "answer-echo"]) {
        const stream = model.endsWith("stream");
        const response = await record(await fetch(`${sqliteApp.url}/api/providers/${provider}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }], stream }) }));
        expect(response.status).toBe(200);
        expect(leaks(response.text)).toEqual([]);
        const answer = stream
          ? parseSsePayloads(response.text)
              .filter((payload) => payload !== "[DONE]")
              .map((payload) => (JSON.parse(payload) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content ?? "")
              .join("")
          : (JSON.parse(response.text) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content;
        expect(answer).toBe("Your key: [redacted]");
      }
    }
  });

  it("a model name with a newline cannot forge a log line", async () => {
    await record(await fetch(`${sqliteApp.url}/api/providers/moonshot/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: 'echo-0\n{"level":30,"event":"forged"}', messages: [{ role: "user", content: "hi" }] }) }));
    for (const line of sqliteApp.logLines()) {
      const parsed = JSON.parse(line) as { event?: string };
      expect(parsed.event).not.toBe("forged");
    }
  });

  it("shares redact the server's keys, the token and pasted keys in text, documents and their extracted text; the store, page and media hold none (SQLite and PostgreSQL)", async () => {
    const envFile = Buffer.from(`MOONSHOT_API_KEY=${sentinels.moonshotKey}\nWORKBENCH_ACCESS_TOKEN=${sentinels.accessToken}\nVLLM=${sentinels.compatibleKey}\n`);
    const extracted = Buffer.from(JSON.stringify({ content: envFile.toString(), filename: "prod.env" }));
    const hash = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
    const conversation: Conversation = {
      id: "c1",
      providerId: "moonshot",
      model: "kimi-k2.6",
      systemPrompt: `Use ${sentinels.moonshotKey}`,
      parameters: { temperature: 0.6, api_key: sentinels.pastedKey },
      draft: "",
      draftAttachments: [],
      turns: [
        {
          id: "u1",
          role: "user",
          content: `my key ${sentinels.pastedKey} and the token ${sentinels.accessToken} and ${Buffer.from(sentinels.moonshotKey).toString("base64")}`,
          attachments: [{ id: "d1", kind: "document", name: "prod.env", mediaType: "text/plain", bytes: envFile.length, blobKey: `sha256-${hash(envFile)}`, textKey: `sha256-${hash(extracted)}`, textLength: extracted.length, upload: { providerId: "moonshot", fileId: "file-1", purpose: "file-extract" } }],
          createdAt: 1,
        },
        { id: "a1", role: "assistant", providerId: "moonshot", model: "kimi-k2.6", content: `Your key is ${sentinels.moonshotKey}.`, reasoning: `The token ${sentinels.accessToken}`, status: "done", createdAt: 2 },
      ],
      updatedAt: 3,
    };
    const { snapshot } = buildShareSnapshot({ conversation, included: { systemPrompt: true, tools: true, reasoning: true, media: true } });
    const media = [envFile, extracted].map((bytes) => ({ hash: hash(bytes), mediaType: "text/plain", base64: bytes.toString("base64") }));
    for (const app of [sqliteApp, postgresApp]) {
      const created = await record(await fetch(`${app.url}/api/shares`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ snapshot, expiresIn: "7d", media }) }));
      expect(created.status).toBe(201);
      const { id } = JSON.parse(created.text) as { id: string };
      const share = await record(await fetch(`${app.url}/api/shares/${id}`));
      const page = await record(await fetch(`${app.url}/s/${id}`));
      expect(page.status).toBe(200);
      const attachment = (JSON.parse(share.text) as { snapshot: { turns: Array<{ attachments?: Array<{ blobKey: string; textKey: string }> }> } }).snapshot.turns[0]!.attachments![0]!;
      for (const key of [attachment.blobKey, attachment.textKey]) {
        const served = await record(await fetch(`${app.url}/api/shares/${id}/media/${key.slice("sha256-".length)}`));
        expect(served.status).toBe(200);
        expect(served.text).toContain("[redacted]");
      }
    }
    // The PostgreSQL dump of the store's schema holds no key.
    const dump = execFileSync("pg_dump", ["--schema", schema, "--data-only", postgresUrl], { encoding: "latin1", maxBuffer: 64 * 1024 * 1024 });
    expect(dump).toContain("kimi-workbench-share");
    expect(leaks(dump)).toEqual([]);
  });

  it("the page, its scripts, the provider list and the session answer hold no key", async () => {
    const html = await record(await fetch(`${sqliteApp.url}/`));
    const scripts = [...html.text.matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(3);
    for (const script of scripts) await record(await fetch(`${sqliteApp.url}${script}`));
    await record(await fetch(`${sqliteApp.url}/api/providers`));
    await record(await fetch(`${sqliteApp.url}/api/session`));
    await record(await fetch(`${sqliteApp.url}/api/providers/moonshot/v1/models`));
  });

  it("after all of the above: no key in any response, log line or file in the data directory; every log line is one JSON object", () => {
    expect(responses.length).toBeGreaterThan(300);
    expect(responses.flatMap(leaks)).toEqual([]);
    const lines = [...sqliteApp.logLines(), ...postgresApp.logLines()];
    expect(lines.length).toBeGreaterThan(250);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(lines.flatMap(leaks)).toEqual([]);
    const files: string[] = [];
    const walk = (directory: string) => {
      for (const name of readdirSync(directory)) {
        const path = join(directory, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.push(path);
      }
    };
    walk(dataDirectory);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(leaks(readFileSync(file, "latin1")), file).toEqual([]);
  });
});
