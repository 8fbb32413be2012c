import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI, { toFile } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "@/lib/http/serve-web-handler";
import { startRouteServer } from "@/testing/route-server";

// Moonshot's files API through the gateway, against a local upstream that records each upload as
// it arrives (when each chunk came in), so the test can tell streaming from buffering.
const serverKey = "sk-files-server-key-5e1d0c";

interface ReceivedUpload {
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  chunkTimes: number[];
}

let upstream: Server;
let upstreamUrl: string;
let app: RunningServer;
const uploads: ReceivedUpload[] = [];
/** Every request the upstream received, as "METHOD path". */
const upstreamRequests: string[] = [];
let nextError: { status: number; body: unknown } | undefined;

beforeAll(async () => {
  upstream = createServer((request, response) => {
    upstreamRequests.push(`${request.method} ${request.url}`);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (nextError) {
      const error = nextError;
      nextError = undefined;
      request.resume();
      request.on("end", () => json(error.status, error.body));
      return;
    }
    if (request.method === "POST" && request.url === "/v1/files") {
      const upload: ReceivedUpload = { headers: request.headers, body: Buffer.alloc(0), chunkTimes: [] };
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        upload.chunkTimes.push(Date.now());
      });
      request.on("end", () => {
        upload.body = Buffer.concat(chunks);
        uploads.push(upload);
        // A Moonshot-shaped file object, with `status` as the OpenAPI example spells it.
        json(200, { id: "file-up-1", object: "file", bytes: upload.body.length, created_at: 1_700_000_000, filename: "clip.mp4", purpose: "video", status: "ready" });
      });
      return;
    }
    request.resume();
    if (request.method === "GET" && request.url === "/v1/files") return json(200, { object: "list", data: [{ id: "file-a", filename: "a.pdf", purpose: "file-extract", bytes: 10 }] });
    if (request.method === "GET" && request.url === "/v1/files/file-a") return json(200, { id: "file-a", filename: "a.pdf", purpose: "file-extract", bytes: 10, status: "ok" });
    if (request.method === "DELETE" && request.url === "/v1/files/file-a") return json(200, { id: "file-a", object: "file", deleted: true });
    if (request.method === "GET" && request.url === "/v1/files/file-a/content") {
      response.writeHead(200, { "content-type": "application/json" });
      return void response.end(JSON.stringify({ content: "Extracted text", file_type: "application/pdf", filename: "a.pdf", title: "", type: "file" }));
    }
    if (request.method === "GET" && request.url === "/v1/files/file-html/content") {
      // A hostile or broken upstream answering HTML with a script in it.
      response.writeHead(200, { "content-type": "text/html" });
      return void response.end("<html><body><script>fetch('/api/providers')</script>owned</body></html>");
    }
    json(404, { error: { message: `Not found the file ${request.url?.split("/")[3]} or Permission denied`, type: "resource_not_found_error" } });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  Object.assign(process.env, { MOONSHOT_API_KEY: serverKey, MOONSHOT_BASE_URL: `${upstreamUrl}/v1`, DASHSCOPE_API_KEY: "sk-dashscope" });
  app = await startRouteServer();
});
afterAll(async () => {
  await app.close();
  await new Promise((resolve) => upstream.close(resolve));
});
beforeEach(() => {
  uploads.length = 0;
  nextError = undefined;
});

const filesUrl = (provider = "moonshot") => `${app.url}/api/providers/${provider}/v1/files`;

/** A multipart body sent in pieces with pauses, as a slow client would send it. */
function slowMultipart({ fileBytes, pieces, pauseMs }: { fileBytes: Buffer; pieces: number; pauseMs: number }): { body: ReadableStream<Uint8Array>; contentType: string; length: number } {
  const boundary = "----workbench-test-boundary";
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nvideo\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="clip.mp4"\r\nContent-Type: video/mp4\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = Math.ceil(fileBytes.length / pieces);
  const parts = [head, ...Array.from({ length: pieces }, (_, index) => fileBytes.subarray(index * size, (index + 1) * size)), tail];
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (index > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      const part = parts[index++];
      if (part) controller.enqueue(new Uint8Array(part));
      else controller.close();
    },
  });
  return { body, contentType: `multipart/form-data; boundary=${boundary}`, length: parts.reduce((sum, part) => sum + part.length, 0) };
}

describe("files through the gateway", () => {
  it("streams an upload to the provider as it arrives, byte for byte, with the server's key", async () => {
    const fileBytes = Buffer.alloc(256 * 1024, 7);
    const { body, contentType, length } = slowMultipart({ fileBytes, pieces: 8, pauseMs: 60 });
    const sentAt = Date.now();
    const response = await fetch(filesUrl(), { method: "POST", headers: { "content-type": contentType, "content-length": String(length) }, body, duplex: "half" } as RequestInit);
    const finishedAt = Date.now();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: "file-up-1", object: "file", bytes: length, created_at: 1_700_000_000, filename: "clip.mp4", purpose: "video", status: "ready", status_details: "" });
    const [received] = uploads;
    expect(received?.body.length).toBe(length);
    expect(received?.body.includes(fileBytes)).toBe(true);
    expect(received?.headers.authorization).toBe(`Bearer ${serverKey}`);
    expect(received?.headers["content-type"]).toBe(contentType);
    // The first bytes reached the provider long before the client finished sending (8 pauses of 60 ms).
    expect(received!.chunkTimes[0]! - sentAt).toBeLessThan(finishedAt - sentAt - 250);
  });

  it("works with the official openai SDK's files.create", async () => {
    const client = new OpenAI({ baseURL: `${app.url}/api/providers/moonshot/v1`, apiKey: "unused", maxRetries: 0 });
    const file = await client.files.create({ file: await toFile(Buffer.from("hello document"), "notes.txt"), purpose: "file-extract" as "assistants" });
    expect(file.id).toBe("file-up-1");
    expect(uploads[0]?.body.toString()).toContain("hello document");
    expect(uploads[0]?.body.toString()).toMatch(/name="purpose"\r\n\r\nfile-extract/);
  });

  it("refuses a declared upload over 100 MB before contacting the provider", async () => {
    // Only the headers and a few bytes are sent: the answer must not wait for the rest.
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = httpRequest(filesUrl(), {
        method: "POST",
        headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(101 * 1024 * 1024) },
      });
      outgoing.on("response", (incoming) => {
        let body = "";
        incoming.on("data", (chunk: Buffer) => (body += chunk.toString()));
        incoming.on("end", () => {
          resolve({ status: incoming.statusCode ?? 0, body });
          outgoing.destroy();
        });
      });
      outgoing.on("error", reject);
      outgoing.write("--x\r\n");
    });
    expect(response.status).toBe(413);
    expect((JSON.parse(response.body) as { error: { message: string } }).error.message).toBe(
      "The upload is 101.0 MB; files may be at most 100 MB (Moonshot's limit). Compress or shorten the file, or send a video as frames.",
    );
    expect(uploads).toHaveLength(0);
  });

  it("stops an upload that turns out larger than 100 MB while streaming", async () => {
    const megabyte = new Uint8Array(1024 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('--x\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n\r\n'));
        if (sent++ < 102) controller.enqueue(megabyte);
        else controller.close();
      },
    });
    const response = await fetch(filesUrl(), { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x" }, body, duplex: "half" } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^The upload is over 100\.1 MB; files may be at most 100 MB/);
  });

  it("asks for multipart with an example when the body is something else", async () => {
    const response = await fetch(filesUrl(), { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/multipart\/form-data .* curl -F purpose=file-extract -F file=@paper\.pdf/);
  });

  it("says which providers have files when one has none", async () => {
    const response = await fetch(filesUrl("dashscope"));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: { type: "files_not_supported", message: expect.stringContaining("Files (ms:// ids, file-extract) work with the Moonshot API and the simulator.") },
    });
  });

  it("lists, reads, extracts and deletes files; upstream errors keep their status and message, without the key", async () => {
    expect(await (await fetch(filesUrl())).json()).toEqual({
      object: "list",
      data: [{ id: "file-a", object: "file", bytes: 10, created_at: 0, filename: "a.pdf", purpose: "file-extract", status: "ok", status_details: "" }],
    });
    expect(await (await fetch(`${filesUrl()}/file-a`)).json()).toMatchObject({ id: "file-a", filename: "a.pdf" });
    expect(JSON.parse(await (await fetch(`${filesUrl()}/file-a/content`)).text())).toMatchObject({ content: "Extracted text" });
    expect(await (await fetch(`${filesUrl()}/file-a`, { method: "DELETE" })).json()).toEqual({ id: "file-a", object: "file", deleted: true });
    const missing = await fetch(`${filesUrl()}/file-zzz`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { type: "resource_not_found_error", message: "Not found the file file-zzz or Permission denied", provider: "moonshot" } });
    nextError = { status: 401, body: { error: { message: `Invalid Authentication: ${serverKey}`, type: "invalid_authentication_error" } } };
    const denied = await fetch(filesUrl());
    expect(denied.status).toBe(401);
    expect(JSON.stringify(await denied.json())).not.toContain(serverKey);
  });

  it("never serves an upstream's file content as HTML: plain text in a sandbox, whatever the upstream says", async () => {
    const response = await fetch(`${filesUrl()}/file-html/content`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
    expect(await response.text()).toContain("<script>");
    const json = await fetch(`${filesUrl()}/file-a/content`);
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
  });

  it("refuses same-site and cross-site browser requests that would spend the server's key (an <img> on another localhost port)", async () => {
    upstreamRequests.length = 0;
    for (const site of ["same-site", "cross-site"]) {
      for (const path of ["", "/file-a", "/file-a/content"]) {
        const response = await fetch(`${filesUrl()}${path}`, { headers: { "sec-fetch-site": site, "sec-fetch-dest": "image", "sec-fetch-mode": "no-cors" } });
        expect(response.status).toBe(403);
      }
      expect((await fetch(`${app.url}/api/providers/moonshot/v1/models`, { headers: { "sec-fetch-site": site, "sec-fetch-dest": "script" } })).status).toBe(403);
    }
    expect(upstreamRequests).toHaveLength(0);
    expect((await fetch(`${filesUrl()}/file-a`, { headers: { "sec-fetch-site": "same-origin" } })).status).toBe(200);
  });

  it("uploads to the simulator's own files API too", async () => {
    const form = new FormData();
    form.set("purpose", "file-extract");
    form.set("file", new File(["Quarterly numbers: up 4%."], "report.txt", { type: "text/plain" }));
    const uploaded = (await (await fetch(filesUrl("simulator"), { method: "POST", body: form })).json()) as { id: string; filename: string };
    expect(uploaded.filename).toBe("report.txt");
    const content = JSON.parse(await (await fetch(`${filesUrl("simulator")}/${uploaded.id}/content`)).text()) as { content: string };
    expect(content.content).toBe("Quarterly numbers: up 4%.");
    await fetch(`${filesUrl("simulator")}/${uploaded.id}`, { method: "DELETE" });
  });

  it("keeps the simulator's files per credential: another caller can neither list, read, use nor delete them", async () => {
    const raw = `${app.url}/api/simulator/v1/files`;
    const form = new FormData();
    form.set("purpose", "file-extract");
    form.set("file", new File(["private notes"], "notes.txt", { type: "text/plain" }));
    const owner = { authorization: "Bearer sk-owner-0000000000000000" };
    const stranger = { authorization: "Bearer sk-stranger-00000000000000" };
    const uploaded = (await (await fetch(raw, { method: "POST", body: form, headers: owner })).json()) as { id: string };
    const list = async (headers: Record<string, string>) => ((await (await fetch(raw, { headers })).json()) as { data: Array<{ id: string }> }).data.map((file) => file.id);
    expect(await list(owner)).toContain(uploaded.id);
    expect(await list(stranger)).not.toContain(uploaded.id);
    expect((await fetch(`${raw}/${uploaded.id}/content`, { headers: stranger })).status).toBe(404);
    expect((await fetch(`${raw}/${uploaded.id}`, { method: "DELETE", headers: stranger })).status).toBe(404);
    const chat = await fetch(`${app.url}/api/simulator/v1/chat/completions`, { method: "POST", headers: { ...stranger, "content-type": "application/json" }, body: JSON.stringify({ model: "kimi-k2.6", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: `ms://${uploaded.id}` } }, { type: "text", text: "hi" }] }] }) });
    expect(chat.status).toBe(404);
    expect((await fetch(`${raw}/${uploaded.id}`, { method: "DELETE", headers: owner })).status).toBe(200);
    // Cross-site browsers get nothing at all, whatever they send.
    expect((await fetch(raw, { method: "POST", body: form, headers: { ...owner, "sec-fetch-site": "cross-site" } })).status).toBe(403);
  });
});
