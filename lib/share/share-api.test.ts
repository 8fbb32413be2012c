import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Conversation } from "@/lib/conversation/conversation-types";
import type { RunningServer } from "@/lib/http/serve-web-handler";
import { makePng } from "@/testing/png-header";
import { startRouteServer } from "@/testing/route-server";
import { buildShareSnapshot } from "./build-snapshot";
import type { CreatedShare, PublishedShare } from "./share-snapshot";

const plantedServerKey = "sk-planted-share-test-9f8e7d6c5b4a";
const plantedUserKey = "sk-user-pasted-0123456789abcdef";
const dataDirectory = mkdtempSync(join(tmpdir(), "kimi-share-api-"));
let server: RunningServer;

beforeAll(async () => {
  Object.assign(process.env, { DATA_DIR: dataDirectory, MOONSHOT_API_KEY: plantedServerKey, SHARE_MAX_SNAPSHOT_MB: "1", SHARE_MAX_MEDIA_MB: "2", SHARE_CREATE_LIMIT: "14" });
  delete process.env.DATABASE_URL;
  server = await startRouteServer();
});
afterAll(() => server.close());

const png = makePng({ width: 64, height: 48 });
const pngHash = createHash("sha256").update(png).digest("hex");

function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: "c1",
    providerId: "simulator",
    model: "kimi-k2.6",
    systemPrompt: `You are terse. Internal key: ${plantedServerKey}`,
    parameters: { temperature: 1, api_key: plantedUserKey, tools: [{ type: "function", function: { name: "lookup", parameters: { type: "object" } } }] },
    draft: "",
    draftAttachments: [],
    turns: [
      { id: "u1", role: "user", content: `What is in the picture? my key is ${plantedUserKey}`, attachments: [{ id: "i1", kind: "image", name: "dot.png", mediaType: "image/png", bytes: png.length, blobKey: `sha256-${pngHash}`, width: 64, height: 48 }], createdAt: 1 },
      { id: "a1", role: "assistant", providerId: "simulator", model: "kimi-k2.6", content: "A dot.", reasoning: "Looking at pixels.", status: "done", usage: { prompt_tokens: 50, completion_tokens: 5, total_tokens: 55 }, timings: { firstTokenMs: 300 }, createdAt: 2 },
    ],
    updatedAt: 3,
    ...overrides,
  };
}

const included = { systemPrompt: true, tools: true, reasoning: true, media: true };

async function create(body: unknown): Promise<{ status: number; json: Record<string, unknown> & Partial<CreatedShare> & { error?: { type: string; message: string } }; headers: Headers }> {
  const response = await fetch(`${server.url}/api/shares`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as never, headers: response.headers };
}

function shareBody(source = conversation(), expiresIn = "7d") {
  const { snapshot } = buildShareSnapshot({ conversation: source, included });
  return { snapshot, expiresIn, media: [{ hash: pngHash, mediaType: "image/png", base64: png.toString("base64") }] };
}

describe("share API", () => {
  it("publishes a snapshot (201), serves it and its media, and expires it when chosen", async () => {
    const before = Date.now();
    const created = await create(shareBody());
    expect(created.status).toBe(201);
    expect(created.json.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(created.json.url).toBe(`/s/${created.json.id}`);
    expect(created.json.deleteToken!.length).toBeGreaterThanOrEqual(43);
    expect(created.json.expiresAt).toBeGreaterThanOrEqual(before + 7 * 86_400_000);
    const read = await fetch(`${server.url}/api/shares/${created.json.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get("cache-control")).toBe("no-store");
    const share = (await read.json()) as PublishedShare;
    expect(share.snapshot.turns[1]).toMatchObject({ role: "assistant", content: "A dot.", reasoning: "Looking at pixels.", usage: { prompt_tokens: 50 } });
    expect(share.snapshot.parameters.tools).toBeDefined();
    const media = await fetch(`${server.url}/api/shares/${created.json.id}/media/${pngHash}`);
    expect(media.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await media.arrayBuffer()).equals(png)).toBe(true);
    const never = await create(shareBody(conversation(), "never"));
    expect(never.json.expiresAt).toBeNull();
  });

  it("never stores a key: the server's own, a pasted one, or a credential field — not in the answer, not on disk", async () => {
    const created = await create(shareBody());
    expect(created.status).toBe(201);
    expect(created.json.redactions!.map((redaction) => redaction.path)).toEqual(expect.arrayContaining(["systemPrompt", "parameters.api_key", "turns[0].content"]));
    const text = await (await fetch(`${server.url}/api/shares/${created.json.id}`)).text();
    for (const key of [plantedServerKey, plantedUserKey]) expect(text).not.toContain(key);
    expect(text).toContain("Internal key: [redacted]");
    for (const file of ["shares.sqlite", "shares.sqlite-wal"]) {
      const path = join(dataDirectory, file);
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path).toString("latin1");
      expect(bytes).not.toContain(plantedServerKey);
      expect(bytes).not.toContain(plantedUserKey);
    }
  });

  it("redacts documents: the file's bytes and its extracted text, published under the hash of the redacted bytes", async () => {
    const accessToken = process.env.WORKBENCH_ACCESS_TOKEN ?? "";
    const envFile = Buffer.from(`# deploy settings\nMOONSHOT_API_KEY=${plantedServerKey}\nOTHER_SERVICE_TOKEN=zyxwvutsrqponmlkjihg\nREGION=beijing\n${accessToken}`);
    const extracted = Buffer.from(`Extracted: MOONSHOT_API_KEY=${plantedServerKey} base64 ${Buffer.from(plantedServerKey).toString("base64")}`);
    const hash = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
    const document = { id: "d1", kind: "document" as const, name: "deploy.env", mediaType: "text/plain", bytes: envFile.length, blobKey: `sha256-${hash(envFile)}`, textKey: `sha256-${hash(extracted)}`, textLength: extracted.length, upload: { providerId: "simulator" as const, fileId: "file-1", purpose: "file-extract" as const } };
    const source = conversation({ turns: [{ id: "u1", role: "user", content: "Summarize the settings.", attachments: [document], createdAt: 1 }] });
    const { snapshot } = buildShareSnapshot({ conversation: source, included });
    const created = await create({ snapshot, expiresIn: "1d", media: [envFile, extracted].map((bytes) => ({ hash: hash(bytes), mediaType: "text/plain", base64: bytes.toString("base64") })) });
    expect(created.status).toBe(201);
    expect(created.json.redactions!.filter((redaction) => redaction.path.startsWith("media"))).toHaveLength(2);
    const share = (await (await fetch(`${server.url}/api/shares/${created.json.id}`)).json()) as PublishedShare;
    const attachment = share.snapshot.turns[0]!.role === "user" ? share.snapshot.turns[0]!.attachments![0]! : undefined;
    expect(attachment?.kind).toBe("document");
    for (const key of [attachment!.blobKey, (attachment as typeof document).textKey]) {
      expect(key).not.toBe(document.blobKey);
      const served = await fetch(`${server.url}/api/shares/${created.json.id}/media/${key.slice("sha256-".length)}`);
      expect(served.status).toBe(200);
      const text = Buffer.from(await served.arrayBuffer()).toString("latin1");
      expect(text).not.toContain(plantedServerKey);
      expect(text).not.toContain(Buffer.from(plantedServerKey).toString("base64").slice(0, 24));
      expect(text).not.toContain("zyxwvutsrqponmlkjihg");
      expect(text).toContain("[redacted]");
    }
    const servedEnv = await fetch(`${server.url}/api/shares/${created.json.id}/media/${attachment!.blobKey.slice("sha256-".length)}`);
    expect((await servedEnv.text()).startsWith("# deploy settings\nMOONSHOT_API_KEY=")).toBe(true);
  });

  it("leaves out what the publisher left out", async () => {
    const { snapshot } = buildShareSnapshot({ conversation: conversation(), included: { systemPrompt: false, tools: false, reasoning: false, media: false } });
    const created = await create({ snapshot, expiresIn: "1d" });
    expect(created.status).toBe(201);
    const share = (await (await fetch(`${server.url}/api/shares/${created.json.id}`)).json()) as PublishedShare;
    expect(share.snapshot.systemPrompt).toBeUndefined();
    expect(share.snapshot.parameters.tools).toBeUndefined();
    expect(share.snapshot.turns[1]).toMatchObject({ reasoning: "" });
    expect(share.snapshot.turns[0]).not.toHaveProperty("attachments");
    expect((await fetch(`${server.url}/api/shares/${created.json.id}/media/${pngHash}`)).status).toBe(404);
  });

  it("refuses malformed shares with a message that names the problem", async () => {
    const unknownField = await create({ ...shareBody(), headers: { authorization: "x" } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.json.error!.message).toMatch(/Invalid share/);
    const wrongHash = await create({ ...shareBody(), media: [{ hash: pngHash, mediaType: "image/png", base64: Buffer.from("other").toString("base64") }] });
    expect(wrongHash.status).toBe(400);
    expect(wrongHash.json.error!.message).toMatch(/does not match its hash/);
    const missingMedia = await create({ ...shareBody(), media: [] });
    expect(missingMedia.status).toBe(400);
    expect(missingMedia.json.error!.message).toMatch(/dot\.png refers to media .* not in the request/);
  });

  it("answers 413 over the stated caps (1 MB of text, 2 MB of media here)", async () => {
    const long = conversation({ turns: [{ id: "u", role: "user", content: "x".repeat(1_200_000), createdAt: 1 }] });
    const tooMuchText = await create({ snapshot: buildShareSnapshot({ conversation: long, included }).snapshot, expiresIn: "1d" });
    expect(tooMuchText.status).toBe(413);
    expect(tooMuchText.json.error!.message).toMatch(/at most 1\.0 MB \(SHARE_MAX_SNAPSHOT_MB\)/);
    const big = Buffer.alloc(2_200_000, 7);
    const bigHash = createHash("sha256").update(big).digest("hex");
    const withBig = conversation({ turns: [{ id: "u", role: "user", content: "clip", attachments: [{ id: "v", kind: "image", name: "big.png", mediaType: "image/png", bytes: big.length, blobKey: `sha256-${bigHash}` }], createdAt: 1 }] });
    const tooMuchMedia = await create({ snapshot: buildShareSnapshot({ conversation: withBig, included }).snapshot, expiresIn: "1d", media: [{ hash: bigHash, mediaType: "image/png", base64: big.toString("base64") }] });
    expect(tooMuchMedia.status).toBe(413);
    expect(tooMuchMedia.json.error!.message).toMatch(/SHARE_MAX_MEDIA_MB/);
  });

  it("deletes only with the delete token; afterwards the share and its media are 404", async () => {
    const created = await create(shareBody());
    const url = `${server.url}/api/shares/${created.json.id}`;
    expect((await fetch(url, { method: "DELETE" })).status).toBe(401);
    expect((await fetch(url, { method: "DELETE", headers: { authorization: "Bearer not-the-token" } })).status).toBe(403);
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url, { method: "DELETE", headers: { authorization: `Bearer ${created.json.deleteToken}` } })).status).toBe(204);
    const gone = await fetch(url);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: { message: string } }).error.message).toMatch(/expired, or its owner deleted it/);
    expect((await fetch(`${url}/media/${pngHash}`)).status).toBe(404);
  });

  it("answers 404 to deleting an expired share, with or without its token, as to reading it", async () => {
    const { openSqliteShareStore } = await import("@/lib/store/sqlite-share-store");
    const { sha256Hex } = await import("./publish-share");
    const store = openSqliteShareStore({ path: join(dataDirectory, "shares.sqlite") });
    const id = "expiredShareId00000000";
    await store.createShare({ share: { id, snapshot: JSON.stringify(buildShareSnapshot({ conversation: conversation(), included }).snapshot), createdAt: 1, expiresAt: 2 }, deleteTokenHash: sha256Hex("the-delete-token"), media: [] });
    expect((await fetch(`${server.url}/api/shares/${id}`)).status).toBe(404);
    for (const token of ["the-delete-token", "wrong-token"]) {
      const response = await fetch(`${server.url}/api/shares/${id}`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { type: string } }).error.type).toBe("share_not_found");
    }
    await store.close();
  });

  it("limits how many shares one client creates (429 with Retry-After)", async () => {
    let last: Awaited<ReturnType<typeof create>> | undefined;
    for (let attempt = 0; attempt < 15; attempt += 1) {
      last = await create({ snapshot: buildShareSnapshot({ conversation: conversation(), included: { ...included, media: false } }).snapshot, expiresIn: "1d" });
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(last!.json.error!.message).toMatch(/at most 14 per 10 minutes \(SHARE_CREATE_LIMIT\)/);
  });
});
