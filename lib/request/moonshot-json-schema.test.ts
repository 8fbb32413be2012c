import { describe, expect, it } from "vitest";
import { dialectRefusal, findDialectProblem } from "./moonshot-json-schema";
import { checkRequest } from "./request-rules";
import { findModelSpec } from "@/lib/catalog/model-catalog";

describe("Moonshot's JSON Schema dialect", () => {
  it("accepts the object schemas the service accepts, nested ones included", () => {
    const schema = {
      type: "object",
      properties: {
        city: { type: "string", description: "City name", minLength: 1 },
        days: { type: "integer", minimum: 1, maximum: 7 },
        tags: { type: "array", items: { type: "string", enum: ["a", "b"] } },
        pair: { type: "array", prefixItems: [{ type: "number" }, { type: "number" }] },
        unit: { anyOf: [{ const: "c" }, { const: "f" }] },
      },
      required: ["city"],
      additionalProperties: false,
    };
    expect(findDialectProblem(schema, { use: "response-format" })).toBeUndefined();
    expect(findDialectProblem(schema, { use: "tool-parameters" })).toBeUndefined();
  });

  it("names the path and keyword that leave the dialect", () => {
    const tuple = { type: "object", properties: { pair: { type: "array", items: [{ type: "number" }, { type: "number" }] } } };
    expect(findDialectProblem(tuple, { use: "response-format" })).toEqual({ path: "properties.pair.items", problem: "items must be an object" });
    const typedUnion = { type: "object", properties: { a: { type: "string", anyOf: [{ minLength: 1 }, { const: "" }] } } };
    expect(findDialectProblem(typedUnion, { use: "tool-parameters" })).toEqual({ path: "properties.a.type", problem: "type must not be used together with anyOf" });
    const deep = { type: "object", properties: { a: { type: "object", not: { type: "array", items: [{ type: "string" }] } } } };
    expect(findDialectProblem(deep, { use: "tool-parameters" })?.path).toBe("properties.a.not.items");
    expect(findDialectProblem({ type: "array", items: { type: "string" } }, { use: "tool-parameters" })?.problem).toMatch(/root must be an object/);
  });

  it("tolerates a root $schema on tool parameters (SDK converters add it) but not on a structured-output schema", () => {
    const schema = { $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties: { city: { type: "string" } } };
    expect(findDialectProblem(schema, { use: "tool-parameters" })).toBeUndefined();
    expect(findDialectProblem(schema, { use: "response-format" })).toEqual({ path: "$schema", problem: 'keyword "$schema" is not supported' });
  });

  it("words the refusal as the service does", () => {
    expect(dialectRefusal({ where: "response_format.json_schema", problem: { path: "properties.pair.items", problem: "items must be an object" } })).toBe(
      "Invalid request: response_format.json_schema is not a valid moonshot flavored json schema, details: <At path 'properties.pair.items': items must be an object>",
    );
  });

  it("is a rule on Moonshot-family providers only, pointing at the offending keyword", () => {
    const request = {
      model: "kimi-k2.6",
      messages: [{ role: "user", content: "hi" }],
      response_format: { type: "json_schema", json_schema: { name: "answer", schema: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties: {} } } },
      tools: [{ type: "function", function: { name: "lookup", parameters: { type: "object", properties: { q: { type: "array", items: [{ type: "string" }] } } } } }],
    };
    const moonshot = checkRequest({ request, spec: findModelSpec({ providerId: "moonshot", modelId: "kimi-k2.6" })!, providerId: "moonshot" });
    expect(moonshot.map((issue) => [issue.rule, issue.path.join(".")])).toEqual(
      expect.arrayContaining([
        ["json-schema-dialect", "response_format.json_schema.schema.$schema"],
        ["tool-schema-dialect", "tools.0.function.parameters.properties.q.items"],
      ]),
    );
    const vllm = checkRequest({ request, spec: findModelSpec({ providerId: "moonshot", modelId: "kimi-k2.6" })!, providerId: "openai-compatible" });
    expect(vllm.some((issue) => issue.rule.endsWith("dialect"))).toBe(false);
  });
});
