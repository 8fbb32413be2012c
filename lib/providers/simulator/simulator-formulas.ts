import { createHash } from "node:crypto";
import type { ToolDefinition } from "@/lib/wire/chat-request";
import { invalidRequest, simulatorErrorResponse } from "./simulator-request";

// Offline stand-ins for two of Moonshot's official tools, with the same endpoints and shapes
// (`GET /formulas/{uri}/tools` → {"tools"}, `POST /formulas/{uri}/fibers` → a fiber). Their
// definitions are the simulator's own; the service's real ones may differ in wording and fields.

interface SimulatedFormula {
  tools: ToolDefinition[];
  run(name: string, args: Record<string, unknown>): { output: unknown } | { error: string };
}

const searchCorpus = [
  { site: "docs.example.org", title: "Reference", snippet: "The reference pages describe every option with an example." },
  { site: "news.example.com", title: "What changed this year", snippet: "A summary of the releases and the changes developers noticed most." },
  { site: "forum.example.net", title: "Answered: common pitfalls", snippet: "Three answers walk through the mistakes people make first and how to avoid them." },
  { site: "blog.example.io", title: "A practical guide", snippet: "A step-by-step walkthrough with measurements and the trade-offs found along the way." },
];

function webSearch(query: string) {
  const seed = createHash("sha256").update(query).digest();
  const results = [0, 1, 2].map((index) => {
    const source = searchCorpus[(seed[index]! + index) % searchCorpus.length]!;
    const slug = query.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").slice(0, 40) || "result";
    return { title: `${source.title}: ${query}`, url: `https://${source.site}/${slug}`, snippet: source.snippet };
  });
  return { query, results, simulated: true };
}

// Conversions by factor to a base unit per dimension; temperatures are converted by formula.
const units: Record<string, { dimension: string; factor: number }> = {
  mm: { dimension: "length", factor: 0.001 },
  cm: { dimension: "length", factor: 0.01 },
  m: { dimension: "length", factor: 1 },
  km: { dimension: "length", factor: 1000 },
  in: { dimension: "length", factor: 0.0254 },
  ft: { dimension: "length", factor: 0.3048 },
  mi: { dimension: "length", factor: 1609.344 },
  g: { dimension: "mass", factor: 0.001 },
  kg: { dimension: "mass", factor: 1 },
  lb: { dimension: "mass", factor: 0.45359237 },
  oz: { dimension: "mass", factor: 0.028349523125 },
};
const toKelvin: Record<string, (value: number) => number> = { c: (value) => value + 273.15, f: (value) => ((value - 32) * 5) / 9 + 273.15, k: (value) => value };
const fromKelvin: Record<string, (value: number) => number> = { c: (value) => value - 273.15, f: (value) => ((value - 273.15) * 9) / 5 + 32, k: (value) => value };

function convert({ value, from, to }: { value: number; from: string; to: string }): { output: unknown } | { error: string } {
  const [source, target] = [from.trim().toLowerCase().replace(/^°/, ""), to.trim().toLowerCase().replace(/^°/, "")];
  if (toKelvin[source] && fromKelvin[target]) return { output: { value, from, to, result: Math.round(fromKelvin[target](toKelvin[source](value)) * 1e6) / 1e6 } };
  const [a, b] = [units[source], units[target]];
  if (!a || !b) return { error: `unknown unit: ${!a ? from : to} (known: ${[...Object.keys(units), "c", "f", "k"].join(", ")})` };
  if (a.dimension !== b.dimension) return { error: `cannot convert ${a.dimension} (${from}) to ${b.dimension} (${to})` };
  return { output: { value, from, to, result: Math.round(((value * a.factor) / b.factor) * 1e6) / 1e6 } };
}

const formulas: Record<string, SimulatedFormula> = {
  "moonshot/web-search:latest": {
    tools: [
      {
        type: "function",
        function: {
          name: "web_search",
          description: "Search the web for up-to-date information. Returns titles, links and snippets.",
          parameters: { type: "object", properties: { query: { type: "string", description: "What to search for" } }, required: ["query"] },
        },
      },
    ],
    run: (_name, args) => (typeof args.query === "string" && args.query.trim() ? { output: webSearch(args.query) } : { error: "query is required" }),
  },
  "moonshot/convert:latest": {
    tools: [
      {
        type: "function",
        function: {
          name: "convert",
          description: "Convert a value between units of length, mass or temperature (e.g. km to mi, kg to lb, C to F).",
          parameters: {
            type: "object",
            properties: { value: { type: "number" }, from: { type: "string", description: "Unit to convert from" }, to: { type: "string", description: "Unit to convert to" } },
            required: ["value", "from", "to"],
          },
        },
      },
    ],
    run: (_name, args) =>
      typeof args.value === "number" && typeof args.from === "string" && typeof args.to === "string" ? convert({ value: args.value, from: args.from, to: args.to }) : { error: "value (number), from and to (units) are required" },
  },
};

/** The URIs the simulator serves (named in its errors). */
const simulatedFormulaUris = Object.keys(formulas);

const notFound = (uri: string) => simulatorErrorResponse({ status: 404, type: "resource_not_found_error", message: `formula not found: ${uri} (the simulator has ${simulatedFormulaUris.join(", ")})` });

/** Answers `/formulas/{uri}/tools` and `/formulas/{uri}/fibers`. */
export async function handleFormulas({ request, uri, action }: { request: Request; uri: string; action: "tools" | "fibers" }): Promise<Response> {
  const formula = formulas[uri];
  if (!formula) return notFound(uri);
  if (action === "tools" && request.method === "GET") return Response.json({ tools: formula.tools });
  if (action === "fibers" && request.method === "POST") {
    const body = (await request.json().catch(() => undefined)) as { name?: unknown; arguments?: unknown } | undefined;
    const name = typeof body?.name === "string" ? body.name : "";
    if (!formula.tools.some((tool) => tool.function.name === name)) return simulatorErrorResponse(invalidRequest(`Invalid request: function "${name}" is not part of formula ${uri}`));
    let args: unknown;
    try {
      args = typeof body?.arguments === "string" ? JSON.parse(body.arguments) : undefined;
    } catch {
      args = undefined;
    }
    if (typeof args !== "object" || args === null || Array.isArray(args)) return simulatorErrorResponse(invalidRequest("Invalid request: arguments must be a JSON object, serialized as a string"));
    const id = `fiber-${createHash("sha256").update(`${uri}\u0000${name}\u0000${body!.arguments as string}`).digest("hex").slice(0, 20)}`;
    const result = formula.run(name, args as Record<string, unknown>);
    if ("error" in result) return Response.json({ id, object: "fiber", status: "failed", error: result.error, context: {} });
    return Response.json({ id, object: "fiber", status: "succeeded", context: { output: JSON.stringify(result.output) } });
  }
  return simulatorErrorResponse({ status: 405, type: "invalid_request_error", message: `Method ${request.method} is not allowed here` });
}
