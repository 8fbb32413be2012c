import { gzipSync } from "node:zlib";
import OpenAI from "openai";
import { appPort, plantedServerKey, upstreamPort } from "../playwright.config";
import { expect, test } from "./fixtures";

// The gateway on the production Next.js server (server.mjs), from Node.
const base = `http://127.0.0.1:${appPort}`;
const sdk = (provider: string) => new OpenAI({ baseURL: `${base}/api/providers/${provider}/v1`, apiKey: "local", maxRetries: 0 });
type ReasoningDelta = { content?: string | null; reasoning_content?: string | null };

test("the openai SDK streams reasoning and answer through the production server", async () => {
  const stream = await sdk("simulator").chat.completions.create({
    model: "kimi-k2.6",
    messages: [{ role: "user", content: "Hi [[sim reasoning_tokens=12 answer_tokens=20 tokens_per_second=2000]]" }],
    stream: true,
  });
  let reasoning = 0;
  let content = 0;
  let usage: OpenAI.CompletionUsage | undefined;
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta as ReasoningDelta | undefined;
    if (delta?.reasoning_content) reasoning += 1;
    if (delta?.content) content += 1;
    usage = chunk.usage ?? usage;
  }
  expect([reasoning, content, usage?.completion_tokens]).toEqual([12, 20, 32]);
});

test("the openai SDK gets complete answers and errors from the production server", async () => {
  const completion = await sdk("moonshot").chat.completions.create({ model: "kimi-k2.5", messages: [{ role: "user", content: "Hi [[sim reasoning_tokens=3 answer_tokens=4]]" }] });
  expect(completion.choices[0]!.message.content?.length).toBeGreaterThan(0);
  expect(completion.usage?.completion_tokens).toBe(7);
  await expect(sdk("moonshot").chat.completions.create({ model: "kimi-k2.5", temperature: 0.2, messages: [{ role: "user", content: "Hi" }] })).rejects.toMatchObject({
    status: 400,
    message: expect.stringContaining("invalid temperature: only 1 is allowed for this model"),
  });
});

test("streams are not buffered or coalesced by the server", async () => {
  const response = await fetch(`${base}/api/providers/openai-compatible/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", "accept-encoding": "gzip, br" },
    body: JSON.stringify({ model: "slow-model", messages: [{ role: "user", content: "go" }], stream: true }),
  });
  expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
  expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
  expect(response.headers.get("x-accel-buffering")).toBe("no");
  expect(response.headers.get("content-encoding")).toBeNull();
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const arrivals: number[] = [];
  let text = "";
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    const piece = decoder.decode(value, { stream: true });
    arrivals.push(performance.now());
    text += piece;
  }
  // The upstream sends 40 chunks 100 ms apart; they must arrive spread out, not in one burst.
  expect(text).toContain("part 39");
  expect(arrivals.length).toBeGreaterThanOrEqual(30);
  expect(arrivals[arrivals.length - 1]! - arrivals[0]!).toBeGreaterThan(3000);
});

test("a client that disconnects cancels the upstream request", async ({ request }) => {
  const stats = async () => ((await (await request.get(`http://127.0.0.1:${upstreamPort}/stats`)).json()) as { abortedByClient: number }).abortedByClient;
  const before = await stats();
  const controller = new AbortController();
  const response = await fetch(`${base}/api/providers/openai-compatible/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "slow-model", messages: [{ role: "user", content: "go" }], stream: true }),
    signal: controller.signal,
  });
  await response.body!.getReader().read();
  controller.abort();
  await expect.poll(stats, { timeout: 5_000 }).toBe(before + 1);
});

test("no server key appears in the page, its scripts, or the provider list", async ({ request }) => {
  const html = await (await request.get("/")).text();
  expect(html).not.toContain(plantedServerKey);
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) expect(await (await request.get(src)).text()).not.toContain(plantedServerKey);
  expect(await (await request.get("/api/providers")).text()).not.toContain(plantedServerKey);
});

test("the workbench page's first-load JavaScript is within the 250 KB gzip budget", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]!))];
  let total = 0;
  for (const src of scripts) total += gzipSync(await (await request.get(src)).body()).length;
  test.info().annotations.push({ type: "first-load JS (gzip)", description: `${(total / 1024).toFixed(1)} KB in ${scripts.length} files` });
  console.log(`first-load JS: ${(total / 1024).toFixed(1)} KB gzip in ${scripts.length} files`);
  expect(total).toBeLessThanOrEqual(250 * 1024);
});
