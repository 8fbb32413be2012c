import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { apiRoutesFile, renderApiRoutes } from "../scripts/generate-api-routes.mjs";
import { dispatchApiRequest, isApiPath, resolveApiRoute } from "./api-dispatcher";
import { apiRoutes } from "./api-routes";

describe("the production server's route table", () => {
  it("is the one app/api/ describes (run `node scripts/generate-api-routes.mjs` after adding a route)", () => {
    expect(readFileSync(apiRoutesFile, "utf8")).toBe(renderApiRoutes());
  });

  it("resolves every route's own path, with its parameters decoded", () => {
    for (const route of apiRoutes) {
      const sample = route.path.replace(/\[\.\.\.(\w+)\]/g, "a/b%20c").replace(/\[(\w+)\]/g, "x%2Fy");
      const resolved = resolveApiRoute(sample);
      expect(resolved?.path, sample).toBe(route.path);
      for (const [name, value] of Object.entries(resolved!.params)) expect(value, `${route.path} ${name}`).toEqual(Array.isArray(value) ? ["a", "b c"] : "x/y");
    }
  });

  it("prefers fixed segments to parameters, and leaves other paths to Next", () => {
    expect(resolveApiRoute("/api/providers/moonshot/v1/files/file-1/content")).toEqual({ path: "/api/providers/[provider]/v1/files/[fileId]/content", params: { provider: "moonshot", fileId: "file-1" } });
    expect(resolveApiRoute("/api/providers/moonshot/v1/files")?.path).toBe("/api/providers/[provider]/v1/files");
    expect(resolveApiRoute("/api/simulator/v1/chat/completions")).toEqual({ path: "/api/simulator/v1/[...path]", params: { path: ["chat", "completions"] } });
    expect(resolveApiRoute("/api/providers/moonshot/v1/embeddings")).toEqual({ path: "/api/providers/[provider]/v1/[...path]", params: { provider: "moonshot", path: ["embeddings"] } });
    expect(isApiPath("/api/simulator/v1")).toBe(false);
    expect(isApiPath("/s/abc")).toBe(false);
    expect(isApiPath("/")).toBe(false);
  });

  it("answers a method a route does not have in the one error envelope, with Allow", async () => {
    const response = await dispatchApiRequest(new Request("http://127.0.0.1/api/health", { method: "DELETE" }));
    expect(response?.status).toBe(405);
    expect(response?.headers.get("allow")).toBe("GET");
    expect(await response?.json()).toEqual({ error: { type: "method_not_allowed", message: "DELETE is not supported on /api/health; use GET." } });
  });
});
