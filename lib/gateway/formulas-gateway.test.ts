import { describe, expect, it } from "vitest";
import { setUpClientGateway } from "@/testing/client-gateway";

// Official tools through the gateway: the simulator's own formulas, and the moonshot provider
// relaying to an upstream that answers as Moonshot's formula endpoints do.
const gateway = setUpClientGateway();

const get = (provider: "simulator" | "moonshot", path: string) => fetch(`${gateway.baseUrl(provider)}${path}`);
const post = (provider: "simulator" | "moonshot", path: string, body: unknown) =>
  fetch(`${gateway.baseUrl(provider)}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("official tools (formulas) through the gateway", () => {
  it("lists a formula's tools and runs them on the simulator: web search and unit conversion", async () => {
    const listed = (await (await get("simulator", "/formulas/moonshot/web-search:latest/tools")).json()) as { tools: Array<{ type: string; function: { name: string; parameters: unknown } }> };
    expect(listed.tools.map((tool) => [tool.type, tool.function.name])).toEqual([["function", "web_search"]]);
    const search = (await (await post("simulator", "/formulas/moonshot/web-search:latest/fibers", { name: "web_search", arguments: '{"query":"kimi k3 context window"}' })).json()) as { status: string; output: string; id: string };
    expect(search.status).toBe("succeeded");
    expect(JSON.parse(search.output)).toMatchObject({ query: "kimi k3 context window", results: expect.arrayContaining([expect.objectContaining({ url: expect.stringMatching(/^https:\/\//) })]) });
    const converted = (await (await post("simulator", "/formulas/moonshot/convert:latest/fibers", { name: "convert", arguments: '{"value": 10, "from": "km", "to": "mi"}' })).json()) as { output: string };
    expect(JSON.parse(converted.output).result).toBeCloseTo(6.213712, 5);
    const temperature = (await (await post("simulator", "/formulas/moonshot/convert:latest/fibers", { name: "convert", arguments: '{"value": 100, "from": "C", "to": "F"}' })).json()) as { output: string };
    expect(JSON.parse(temperature.output).result).toBe(212);
    const failed = (await (await post("simulator", "/formulas/moonshot/convert:latest/fibers", { name: "convert", arguments: '{"value": 1, "from": "kg", "to": "km"}' })).json()) as { status: string; error: string };
    expect(failed).toMatchObject({ status: "failed", error: "cannot convert mass (kg) to length (km)" });
  });

  it("relays Moonshot's formula endpoints, reading encrypted output and the key from the server", async () => {
    gateway.upstream.reply((request) =>
      request.path.endsWith("/tools")
        ? { kind: "json", status: 200, body: { tools: [{ type: "function", function: { name: "web_search", description: "Search", parameters: { type: "object", properties: { query: { type: "string" } } } } }] } }
        : { kind: "json", status: 200, body: { id: "fiber-1", object: "fiber", status: "succeeded", context: { encrypted_output: "----MOONSHOT ENCRYPTED BEGIN----abc----MOONSHOT ENCRYPTED END----" } } },
    );
    const listed = (await (await get("moonshot", "/formulas/moonshot/web-search:latest/tools")).json()) as { tools: unknown[] };
    expect(listed.tools).toHaveLength(1);
    const fiber = (await (await post("moonshot", "/formulas/moonshot/web-search:latest/fibers", { name: "web_search", arguments: '{"query":"x"}' })).json()) as Record<string, unknown>;
    expect(fiber).toEqual({ uri: "moonshot/web-search:latest", id: "fiber-1", status: "succeeded", output: "----MOONSHOT ENCRYPTED BEGIN----abc----MOONSHOT ENCRYPTED END----", encrypted: true });
    const [toolsCall, fiberCall] = gateway.upstream.requests;
    expect(toolsCall).toMatchObject({ method: "GET", path: "/v1/formulas/moonshot/web-search:latest/tools" });
    expect(fiberCall).toMatchObject({ method: "POST", path: "/v1/formulas/moonshot/web-search:latest/fibers", json: { name: "web_search", arguments: '{"query":"x"}' } });
    expect(fiberCall!.headers.authorization).toBe("Bearer sk-server-key-for-client-tests");
  });

  it("explains bad calls: unknown formula, bad URI, bad body, a provider without official tools", async () => {
    const unknown = await get("simulator", "/formulas/moonshot/nope:latest/tools");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/formula not found: moonshot\/nope:latest/);
    const badUri = await get("simulator", "/formulas/web-search/list");
    expect(((await badUri.json()) as { error: { message: string } }).error.message).toMatch(/formulas\/\{uri\}\/tools/);
    const badBody = await post("simulator", "/formulas/moonshot/convert:latest/fibers", { name: "convert", arguments: { value: 1 } });
    expect(badBody.status).toBe(400);
    expect(((await badBody.json()) as { error: { message: string } }).error.message).toMatch(/^arguments: arguments must be a JSON object serialized as a string/);
    const unsupported = await fetch(gateway.baseUrl("moonshot").replace("/moonshot/", "/dashscope/") + "/formulas/moonshot/convert:latest/tools");
    expect(unsupported.status).toBe(404);
    expect(await unsupported.json()).toMatchObject({ error: { type: "formulas_not_supported", provider: "dashscope", message: expect.stringContaining("work with the Moonshot API and the simulator") } });
  });
});
