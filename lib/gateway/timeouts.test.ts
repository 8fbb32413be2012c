import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "@/lib/http/serve-web-handler";
import { readSseFixture, startFixtureUpstream, type FixtureUpstream } from "@/testing/fixture-upstream";
import { parseSsePayloads } from "@/testing/gateway-helpers";
import { startRouteServer } from "@/testing/route-server";

// Upstreams that never answer, or answer too slowly, against short timeouts: the gateway stops
// them and says what timed out and after how many attempts (audit: ~20 minutes per request before).
let upstream: FixtureUpstream;
let app: RunningServer;

beforeAll(async () => {
  upstream = await startFixtureUpstream();
  Object.assign(process.env, {
    MOONSHOT_API_KEY: "sk-timeouts-test-key-0123456789",
    MOONSHOT_BASE_URL: `${upstream.url}/v1`,
    GATEWAY_RETRY_BASE_DELAY_MS: "1",
    GATEWAY_RETRY_MAX_ATTEMPTS: "2",
    GATEWAY_FIRST_BYTE_TIMEOUT_MS: "1000",
    GATEWAY_REQUEST_DEADLINE_MS: "5000",
  });
  app = await startRouteServer();
});
afterAll(async () => {
  await app.close();
  await upstream.close();
});

const post = (body: unknown) =>
  fetch(`${app.url}/api/providers/moonshot/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const hello = { model: "kimi-k2.6", messages: [{ role: "user", content: "Say OK" }] };

describe("upstream timeouts", () => {
  it("stops an upstream that never sends its first byte, retries, and says what timed out and how often", async () => {
    upstream.reply(() => ({ kind: "silence" }));
    upstream.requests.length = 0;
    const startedAt = Date.now();
    const response = await post({ ...hello, stream: true });
    const elapsed = Date.now() - startedAt;
    expect(response.status).toBe(504);
    expect(upstream.requests).toHaveLength(2);
    // undici checks its timers about once a second, so each attempt takes 1-2 s here.
    expect(elapsed).toBeGreaterThanOrEqual(1_900);
    expect(elapsed).toBeLessThan(4_500);
    const { error } = (await response.json()) as { error: { type: string; message: string } };
    expect(error.type).toBe("upstream_timeout");
    expect(error.message).toMatch(/did not start answering within 1 s \(GATEWAY_FIRST_BYTE_TIMEOUT_MS\); the gateway gave up after 2 attempts over \d\.\d s \(GATEWAY_RETRY_MAX_ATTEMPTS\)\.$/);
  });

  it("ends a stream that runs past the request's deadline with an error event naming the deadline", async () => {
    const events = readSseFixture("moonshot", "thinking-stream.sse");
    upstream.reply(() => ({ kind: "sse", events: [...events.slice(0, 3), ...new Array<string>(60).fill(events[2]!)], delayMs: 100 }));
    const response = await post({ ...hello, stream: true });
    expect(response.status).toBe(200);
    const payloads = parseSsePayloads(await response.text());
    const last = JSON.parse(payloads.at(-1)!) as { error?: { type: string; message: string } };
    expect(last.error?.type).toBe("request_deadline_exceeded");
    expect(last.error?.message).toMatch(/ran past its deadline of 5 s \(GATEWAY_REQUEST_DEADLINE_MS\)/);
  });
});
