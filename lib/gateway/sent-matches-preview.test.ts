import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import { findModelSpec } from "@/lib/catalog/model-catalog";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import type { ProvidersResponse } from "@/lib/catalog/provider-summary";
import { writeThinkingFields } from "@/lib/catalog/thinking-fields";
import type { Conversation } from "@/lib/conversation/conversation-types";
import type { RunningServer } from "@/lib/http/serve-web-handler";
import { prepareProviderRequest } from "@/lib/providers/prepare-provider-request";
import { credentialHeader, type PreparedRequest } from "@/lib/providers/prepared-request";
import { createSimulatorAdapter } from "@/lib/providers/simulator/simulator-adapter";
import { createSimulatorHandler } from "@/lib/providers/simulator/simulator-handler";
import { buildRequestBody } from "@/lib/request/build-request";
import { readSseFixture, startFixtureUpstream, type FixtureUpstream, type RecordedRequest } from "@/testing/fixture-upstream";
import { makePng } from "@/testing/png-header";
import { startRouteServer } from "@/testing/route-server";
import { userKeyHeader } from "@/lib/wire/wire-headers";

// "What will be sent" and "View code" show what each provider's request builder prepares; the
// adapters send with the same builder. This sends the page's own request body through the real
// gateway routes to a local upstream and compares what arrived with what the preview shows.

const workspaceId = "ws-preview-7";
const userKey = "sk-user-key-for-the-preview-test";
let upstream: FixtureUpstream;
let app: RunningServer;
let providers: ProvidersResponse;

beforeAll(async () => {
  upstream = await startFixtureUpstream();
  upstream.reply((request) =>
    request.path.startsWith("/api/v1/")
      ? { kind: "sse", events: readSseFixture("dashscope-native", "multimodal-thinking-stream.sse") }
      : { kind: "sse", events: readSseFixture("moonshot", "thinking-stream.sse") },
  );
  Object.assign(process.env, {
    MOONSHOT_API_KEY: "sk-moonshot-server-key",
    MOONSHOT_BASE_URL: `${upstream.url}/moonshot/v1`,
    DASHSCOPE_API_KEY: "sk-dashscope-server-key",
    DASHSCOPE_REGION: "frankfurt",
    DASHSCOPE_WORKSPACE_ID: workspaceId,
    DASHSCOPE_BASE_URL: `${upstream.url}/compatible-mode/v1`,
    DASHSCOPE_NATIVE_BASE_URL: `${upstream.url}/api/v1`,
    OPENAI_COMPATIBLE_BASE_URL: `${upstream.url}/vllm/v1`,
    GATEWAY_RETRY_MAX_ATTEMPTS: "1",
  });
  app = await startRouteServer();
  providers = (await (await fetch(`${app.url}/api/providers`)).json()) as ProvidersResponse;
});
afterAll(async () => {
  await app.close();
  await upstream.close();
});

/** The body the page sends for a conversation with a system prompt, a picture and parameters in the provider's names. */
function pageBody(providerId: ProviderId) {
  const family = rulesFor(providerId).family;
  const spec = findModelSpec({ providerId, modelId: "kimi-k2.6" }) ?? findModelSpec({ providerId: "moonshot", modelId: "kimi-k2.6" })!;
  const parameters = { ...writeThinkingFields({ fields: {}, family, thinking: true, preserve: undefined }), max_tokens: 1024, stop: ["END"] };
  const conversation: Conversation = { id: "c", providerId, model: "kimi-k2.6", systemPrompt: "Answer briefly.", parameters, draft: "What is in the picture?", draftAttachments: [], turns: [], updatedAt: 1 };
  const picture = `data:image/png;base64,${makePng({ width: 64, height: 48 }).toString("base64")}`;
  const { body } = buildRequestBody({ conversation, spec, family });
  const last = body.messages[body.messages.length - 1]!;
  last.content = [{ type: "image_url", image_url: { url: picture } }, { type: "text", text: "What is in the picture?" }];
  return body;
}

/** What the preview shows for a provider, from the provider list the page loads. */
function preview(providerId: ProviderId, body: ReturnType<typeof pageBody>): PreparedRequest {
  const summary = providers.providers.find((provider) => provider.id === providerId)!;
  const result = prepareProviderRequest({ providerId, request: body, config: { baseUrl: summary.baseUrl ?? "", workspaceId: summary.workspaceId } });
  if (!result.ok) throw new Error(result.failure.message);
  return result.prepared;
}

// What the HTTP client adds on its own, whatever the request (not part of any preview).
const transportHeaders = new Set(["host", "connection", "content-length", "user-agent", "accept-encoding", "accept-language", "sec-fetch-mode"]);

/** The received headers the preview accounts for, and those it does not. */
function compareHeaders({ shown, received, key }: { shown: Record<string, string>; received: Record<string, string>; key: string }) {
  const expected = Object.fromEntries(Object.entries(shown).map(([name, value]) => [name.toLowerCase(), name === credentialHeader ? `Bearer ${key}` : value]));
  const actual = Object.fromEntries(Object.entries(received).filter(([name]) => !transportHeaders.has(name)));
  expect(actual).toEqual(expected);
  // The preview never holds the key itself, only the variable it is read from.
  if (key) expect(JSON.stringify(shown)).not.toContain(key);
}

describe("what the gateway sends equals what the preview shows", () => {
  for (const providerId of ["moonshot", "dashscope", "dashscope-native", "openai-compatible"] as const) {
    it(`${providerId}: URL, headers and body`, async () => {
      upstream.requests.length = 0;
      const body = pageBody(providerId);
      const shown = preview(providerId, body);
      const response = await fetch(`${app.url}/api/providers/${providerId}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", [userKeyHeader]: userKey },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      await response.text();
      const received: RecordedRequest = upstream.requests[0]!;
      expect(`${upstream.url}${received.path}`).toBe(shown.url);
      expect(received.json).toEqual(shown.body);
      compareHeaders({ shown: shown.headers, received: received.headers, key: userKey });
      if (providerId === "dashscope-native") expect(received.headers["x-dashscope-workspace"]).toBe(workspaceId);
    });
  }

  it("simulator: headers and body (it is reached in-process, so the URL is the gateway's own)", async () => {
    const seen: Request[] = [];
    const real = createSimulatorHandler({ pace: { tokensPerSecond: 100_000, firstTokenMs: 0 } });
    const adapter = createSimulatorAdapter({ pace: { tokensPerSecond: 100_000, firstTokenMs: 0 }, idleTimeoutMs: 5_000, handler: (request) => (seen.push(request.clone()), real(request)) });
    const body = pageBody("simulator");
    const shown = preview("simulator", body);
    const attempt = await adapter.streamChat({ request: body, apiKey: undefined, signal: new AbortController().signal });
    if (!attempt.ok) throw new Error(attempt.failure.message);
    for await (const part of attempt.parts) if (part.type === "end") break;
    const sent = seen[0]!;
    expect(new URL(sent.url).pathname).toBe("/v1/chat/completions");
    expect(shown.url).toMatch(/\/api\/providers\/simulator\/v1\/chat\/completions$/);
    expect(await sent.json()).toEqual(shown.body);
    const received: Record<string, string> = {};
    sent.headers.forEach((value, name) => (received[name] = value));
    compareHeaders({ shown: shown.headers, received, key: "" });
  });
});
