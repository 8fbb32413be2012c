import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { RunningServer } from "@/lib/http/serve-web-handler";
import { startRouteServer } from "@/testing/route-server";
import { expectWordedAsEnglish } from "@/testing/catalog-wording";

// Every API route answers errors in one envelope: {"error":{"type","message"}}, plus the provider
// and its status on the gateway's provider routes. (The raw simulator is the exception by design:
// it answers exactly as the Moonshot API does.)
const envelope = z
  .object({
    error: z
      .object({ type: z.string().min(1), message: z.string().min(1), provider: z.string().optional(), upstream_status: z.number().optional(), code: z.string().optional(), request_id: z.string().optional(), message_code: z.string().optional(), message_values: z.record(z.string(), z.string()).optional() })
      .strict(),
  })
  .strict();

let app: RunningServer;
beforeAll(async () => {
  delete process.env.WORKBENCH_ACCESS_TOKEN;
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "kimi-envelope-"));
  app = await startRouteServer();
});
afterAll(() => app.close());

const cases: Array<{ what: string; path: string; init?: RequestInit; status: number; provider?: string; written?: boolean }> = [
  { what: "an unknown provider", path: "/api/providers/nope/v1/chat/completions", init: { method: "POST", body: "{}" }, status: 404, provider: "nope" },
  { what: "a chat body that is not JSON", path: "/api/providers/simulator/v1/chat/completions", init: { method: "POST", body: "{", headers: { "content-type": "application/json" } }, status: 400, provider: "simulator" },
  { what: "a files call to a provider without files", path: "/api/providers/dashscope/v1/files", init: { headers: { "x-provider-api-key": "sk-user-key" } }, status: 404, provider: "dashscope" },
  { what: "a provider without a key", path: "/api/providers/dashscope/v1/chat/completions", init: { method: "POST", body: "{}" }, status: 401, provider: "dashscope" },
  { what: "a method a route does not have", path: "/api/health", init: { method: "POST" }, status: 405, written: false },
  { what: "a path under a provider's /v1 the gateway does not serve", path: "/api/providers/moonshot/v1/embeddings", init: { method: "POST", body: "{}" }, status: 404, provider: "moonshot" },
  { what: "signing in without a configured token", path: "/api/session", init: { method: "POST", body: '{"token":"x"}', headers: { "content-type": "application/json" } }, status: 409 },
  { what: "a cross-site share", path: "/api/shares", init: { method: "POST", body: "{}", headers: { origin: "https://elsewhere.example", "content-type": "application/json" } }, status: 403 },
  { what: "a share that does not exist", path: "/api/shares/AAAAAAAAAAAAAAAAAAAAAA", status: 404 },
  { what: "deleting a share without its token", path: "/api/shares/AAAAAAAAAAAAAAAAAAAAAA", init: { method: "DELETE" }, status: 401 },
];

describe("one error envelope", () => {
  for (const { what, path, init, status, provider, written = true } of cases) {
    it(`for ${what}`, async () => {
      const response = await fetch(`${app.url}${path}`, init);
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const body = envelope.parse(await response.json());
      expect(body.error.provider).toBe(provider);
      // What the workbench wrote itself carries its catalog code, so a page words it in its language.
      if (written) expectWordedAsEnglish({ namespace: "serverErrors", items: [{ code: body.error.message_code, values: body.error.message_values, english: body.error.message }] });
      else expect(body.error.message_code).toBeUndefined();
    });
  }
});
