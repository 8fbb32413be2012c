import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFixtureUpstream, type FixtureUpstream } from "@/testing/fixture-upstream";
import { rawRequest, sendRaw } from "./support/raw-http";
import { startForwardingProxy, startNginxDefaultProxy, type ReverseProxy } from "./support/reverse-proxies";
import { startServerProcess, type ServerProcess } from "./support/server-process";

// Who may spend the server's keys, with real processes: the workbench alone, behind nginx's default
// proxy_pass, behind a proxy it is told to trust, and listening beyond loopback.
const serverKey = "sk-deploy-sentinel-4b1d9e7c2a";
const accessToken = "deploy-access-token-0123456789abcdef";
let upstream: FixtureUpstream;
const running: Array<{ stop(): Promise<void> } | ReverseProxy> = [];

const completion = { id: "chatcmpl-1", object: "chat.completion", created: 1, model: "kimi-k2.6", choices: [{ index: 0, message: { role: "assistant", content: "OK" }, finish_reason: "stop" }], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } };
const chatBody = JSON.stringify({ model: "kimi-k2.6", messages: [{ role: "user", content: "Say OK" }] });

beforeAll(async () => {
  upstream = await startFixtureUpstream();
  upstream.reply(() => ({ kind: "json", status: 200, body: completion }));
});
afterEach(async () => {
  for (const item of running.splice(0)) await ("stop" in item ? item.stop() : item.close());
  upstream.requests.length = 0;
});
afterAll(() => upstream.close());

async function server(env: Record<string, string> = {}, hostname?: string): Promise<ServerProcess> {
  const started = await startServerProcess({ env: { MOONSHOT_API_KEY: serverKey, MOONSHOT_BASE_URL: `${upstream.url}/v1`, WORKBENCH_ACCESS_TOKEN: accessToken, DATA_DIR: `/tmp/kimi-security-${process.pid}`, ...env }, ...(hostname ? { hostname } : {}) });
  running.push(started);
  return started;
}

const chat = (base: string, headers: Record<string, string> = {}) => fetch(`${base}/api/providers/moonshot/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: chatBody });

describe("deployment modes", () => {
  it("local use stays zero-config: a client on this machine spends the server's key", async () => {
    const app = await server();
    expect((await chat(app.url)).status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]!.headers.authorization).toBe(`Bearer ${serverKey}`);
  });

  it("behind nginx's default proxy_pass (HTTP/1.0, Host rewritten to 127.0.0.1, no X-Forwarded-For), visitors are not local", async () => {
    const app = await server();
    const proxy = await startNginxDefaultProxy({ targetPort: app.port });
    running.push(proxy);
    const response = await chat(proxy.url);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe("access_denied");
    expect(upstream.requests).toHaveLength(0);
    // With the token, the same visitor gets through.
    expect((await chat(proxy.url, { authorization: `Bearer ${accessToken}` })).status).toBe(200);
  });

  it("an IP-literal Host other than 127.0.0.1 on a loopback socket is not local", async () => {
    const app = await server();
    for (const host of ["198.51.100.20:8080", "127.0.0.2", "10.0.0.1", "[2001:db8::1]:80"]) {
      const response = await sendRaw({ port: app.port, request: rawRequest({ method: "POST", target: "/api/providers/moonshot/v1/chat/completions", headers: { host, "content-type": "application/json" }, body: chatBody }) });
      expect(response.status, host).toBe(401);
    }
    expect(upstream.requests).toHaveLength(0);
  });

  it("with WORKBENCH_TRUST_PROXY, loopback never counts: the token or a session is needed, and clients are told apart by the proxy's X-Forwarded-For", async () => {
    const app = await server({ WORKBENCH_TRUST_PROXY: "1", SIGN_IN_LIMIT: "3" });
    const proxy = await startForwardingProxy({ targetPort: app.port });
    running.push(proxy);
    expect((await chat(proxy.url)).status).toBe(401);
    expect((await chat(app.url)).status).toBe(401);
    expect((await chat(proxy.url, { authorization: `Bearer ${accessToken}` })).status).toBe(200);
    // A client cannot get a fresh sign-in allowance by inventing X-Forwarded-For entries: the proxy
    // appends the address it saw, and that is the one counted.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await fetch(`${proxy.url}/api/session`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": `203.0.113.${attempt}` }, body: JSON.stringify({ token: "not-the-token-000000" }) });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it("listening beyond loopback, a loopback client needs the token too", async () => {
    const app = await server({}, "0.0.0.0");
    expect((await chat(app.url)).status).toBe(401);
    expect((await chat(app.url, { authorization: `Bearer ${accessToken}` })).status).toBe(200);
    expect(app.logLines().some((line) => line.includes('"event":"listening"') && line.includes("only with the access token"))).toBe(true);
  });
});
