import type { SeededRandom } from "./simulator-random";
import { messageText, type SimulatorRequest } from "./simulator-request";
import type { Topic } from "./simulator-topic";

// The simulator's JSON: values that satisfy a tool's parameter schema or a json_schema response
// format (bounds included, as the real model's output does), and json_object answers that follow
// the shape the prompt asks for.

type SchemaNode = Record<string, unknown>;

function asNode(schema: unknown): SchemaNode {
  return typeof schema === "object" && schema !== null && !Array.isArray(schema) ? (schema as SchemaNode) : {};
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** The range a number must fall in: `minimum`/`maximum` plus both forms of the exclusive bounds (draft 4 booleans, later numbers). */
function numericBounds(node: SchemaNode): { low: number; high: number; lowOpen: boolean; highOpen: boolean } {
  let low = numberOrUndefined(node.minimum);
  let high = numberOrUndefined(node.maximum);
  let lowOpen = node.exclusiveMinimum === true;
  let highOpen = node.exclusiveMaximum === true;
  const exclusiveLow = numberOrUndefined(node.exclusiveMinimum);
  const exclusiveHigh = numberOrUndefined(node.exclusiveMaximum);
  if (exclusiveLow !== undefined && (low === undefined || exclusiveLow >= low)) [low, lowOpen] = [exclusiveLow, true];
  if (exclusiveHigh !== undefined && (high === undefined || exclusiveHigh <= high)) [high, highOpen] = [exclusiveHigh, true];
  if (low === undefined && high === undefined) return { low: 1, high: 100, lowOpen: false, highOpen: false };
  if (low === undefined) low = high! >= 2 ? 1 : high! - 100;
  if (high === undefined) high = low + 100;
  return { low, high, lowOpen, highOpen };
}

function sampleInteger(node: SchemaNode, random: SeededRandom): number {
  const { low, high, lowOpen, highOpen } = numericBounds(node);
  let first = lowOpen ? Math.floor(low) + 1 : Math.ceil(low);
  let last = highOpen ? Math.ceil(high) - 1 : Math.floor(high);
  const step = numberOrUndefined(node.multipleOf);
  if (step !== undefined && step > 0 && Number.isInteger(step)) {
    first = Math.ceil(first / step) * step;
    last = Math.floor(last / step) * step;
    if (first > last) return first;
    return first + step * random.integer(0, (last - first) / step);
  }
  if (first > last) return first; // an unsatisfiable range: the nearest value, as a model would
  return random.integer(first, last);
}

function sampleNumber(node: SchemaNode, random: SeededRandom): number {
  const { low, high, lowOpen, highOpen } = numericBounds(node);
  const value = Math.round((low + random.next() * (high - low)) * 100) / 100;
  const tooLow = lowOpen ? value <= low : value < low;
  const tooHigh = highOpen ? value >= high : value > high;
  return tooLow || tooHigh ? (low + high) / 2 : value;
}

function firstNumberIn(text: string): number | undefined {
  const match = /-?\d+(?:\.\d+)?/.exec(text);
  return match ? Number(match[0]) : undefined;
}

function withinBounds(value: number, node: SchemaNode): boolean {
  const { low, high, lowOpen, highOpen } = numericBounds(node);
  const explicit = node.minimum !== undefined || node.maximum !== undefined || node.exclusiveMinimum !== undefined || node.exclusiveMaximum !== undefined;
  if (!explicit) return true;
  return (lowOpen ? value > low : value >= low) && (highOpen ? value < high : value <= high);
}

function fitLength(text: string, node: SchemaNode): string {
  const minimum = numberOrUndefined(node.minLength) ?? 0;
  const maximum = numberOrUndefined(node.maxLength);
  let result = text;
  while ([...result].length < minimum) result += result.length > 0 ? ` ${text}` : "x";
  if (maximum !== undefined && [...result].length > maximum) result = [...result].slice(0, maximum).join("");
  return result;
}

/** "10 km to mi", "100 C in F": a quantity and two units, as a model reads them from the prompt. */
function conversionIn(text: string): { value: number; from: string; to: string } | undefined {
  const match = /(-?\d+(?:\.\d+)?)\s*°?\s*([A-Za-z]+)\s+(?:to|in|into)\s+°?([A-Za-z]+)/.exec(text);
  return match ? { value: Number(match[1]), from: match[2]!, to: match[3]! } : undefined;
}

function sampleString({ node, topic, propertyName }: { node: SchemaNode; topic: Topic; propertyName: string }): string {
  const name = propertyName.toLowerCase();
  const conversion = conversionIn(topic.text);
  if (conversion && /^(from|source|from_unit)$/.test(name)) return fitLength(conversion.from, node);
  if (conversion && /^(to|target|to_unit)$/.test(name)) return fitLength(conversion.to, node);
  const format = typeof node.format === "string" ? node.format : "";
  if (format === "date" || /date|day/.test(name)) return fitLength("2026-11-22", node);
  if (format === "date-time") return fitLength("2026-11-22T09:30:00Z", node);
  if (format === "email" || /email/.test(name)) return fitLength("someone@example.com", node);
  if (format === "uri" || format === "url" || /url|link/.test(name)) return fitLength("https://example.com/", node);
  if (/city|location|place/.test(name)) {
    const capitalized = topic.text.match(/\b[A-Z][a-z]{2,}\b/g)?.find((word) => !["The", "What", "How", "Why", "Tell", "Please"].includes(word));
    return fitLength(capitalized ?? "Beijing", node);
  }
  if (/unit/.test(name)) return fitLength("celsius", node);
  if (/query|search|question|text|prompt|topic/.test(name)) return fitLength(topic.text, node);
  return fitLength(topic.keywords[0] ?? "value", node);
}

/** A JSON value that fits a JSON Schema (enum, const, anyOf, bounds, lengths, item counts), deterministic for the same inputs. */
export function sampleFromSchema({ schema, random, topic, propertyName = "", depth = 0, definitions }: {
  schema: unknown;
  random: SeededRandom;
  topic: Topic;
  propertyName?: string;
  depth?: number;
  definitions?: SchemaNode;
}): unknown {
  let node = asNode(schema);
  const defs = definitions ?? { ...asNode(node.definitions), ...asNode(node.$defs) };
  if (typeof node.$ref === "string") {
    const name = node.$ref.replace(/^#\/(\$defs|definitions)\//, "");
    node = depth > 6 ? {} : asNode(defs[name]);
  }
  const next = (child: unknown, childName = propertyName) => sampleFromSchema({ schema: child, random, topic, propertyName: childName, depth: depth + 1, definitions: defs });
  if (Array.isArray(node.enum) && node.enum.length > 0) return random.pick(node.enum);
  if ("const" in node) return node.const;
  const anyOf = (node.anyOf ?? node.oneOf) as unknown[] | undefined;
  if (Array.isArray(anyOf) && anyOf.length > 0) {
    const concrete = anyOf.find((option) => asNode(option).type !== "null") ?? anyOf[0];
    return next(concrete);
  }
  if (Array.isArray(node.allOf) && node.allOf.length > 0) return next(Object.assign({}, ...node.allOf.map(asNode)));
  const type = Array.isArray(node.type) ? node.type.find((value) => value !== "null") : (node.type ?? (node.properties ? "object" : undefined));
  switch (type) {
    case "integer":
    case "number": {
      // A number the prompt states (the quantity to convert, a count) is the argument a model would pass.
      const stated = /^(value|amount|quantity|number|count|n)$/.test(propertyName.toLowerCase()) ? (conversionIn(topic.text)?.value ?? firstNumberIn(topic.text)) : undefined;
      if (stated !== undefined && withinBounds(stated, node) && (type === "number" || Number.isInteger(stated))) return stated;
      return type === "integer" ? sampleInteger(node, random) : sampleNumber(node, random);
    }
    case "boolean":
      return random.next() < 0.7;
    case "null":
      return null;
    case "array": {
      if (Array.isArray(node.prefixItems)) return node.prefixItems.map((item) => next(item));
      const minimum = numberOrUndefined(node.minItems) ?? 1;
      const maximum = numberOrUndefined(node.maxItems) ?? Math.max(minimum, 1);
      const count = depth > 3 ? Math.min(minimum, maximum) : Math.min(Math.max(minimum, 1), maximum);
      return Array.from({ length: count }, () => next(node.items));
    }
    case "object": {
      const properties = asNode(node.properties);
      const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : Object.keys(properties));
      const result: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(properties)) {
        if (depth > 5 && !required.has(key)) continue;
        if (required.has(key) || random.next() < 0.5) result[key] = next(value, key);
      }
      return result;
    }
    default:
      return sampleString({ node, topic, propertyName });
  }
}

/** Balanced `{…}` or `[…]` spans of a text, outermost first. */
function jsonCandidates(text: string): string[] {
  const candidates: string[] = [];
  for (const fence of text.matchAll(/```(?:json)?\s*\n([\s\S]*?)```/g)) candidates.push(fence[1]!.trim());
  for (let start = 0; start < text.length; start += 1) {
    const open = text[start];
    if (open !== "{") continue;
    let depth = 0;
    let inString = false;
    for (let index = start; index < text.length; index += 1) {
      const character = text[index];
      if (inString) {
        if (character === "\\") index += 1;
        else if (character === '"') inString = false;
        continue;
      }
      if (character === '"') inString = true;
      else if (character === "{") depth += 1;
      else if (character === "}") {
        depth -= 1;
        if (depth === 0) {
          candidates.push(text.slice(start, index + 1));
          start = index;
          break;
        }
      }
    }
  }
  return candidates;
}

/**
 * The JSON example the prompt gives for the answer (the last user message first, then the system
 * prompt), e.g. `Reply as {"name": "...", "age": 0}`; undefined when it gives none.
 */
export function requestedJsonExample(request: SimulatorRequest): Record<string, unknown> | undefined {
  const texts: string[] = [];
  for (let index = request.messages.length - 1; index >= 0; index -= 1) {
    const message = request.messages[index]!;
    if (message.role === "user" && texts.length === 0) texts.push(messageText(message.content));
    if (message.role === "system") texts.push(messageText(message.content));
  }
  for (const text of texts) {
    for (const candidate of jsonCandidates(text)) {
      try {
        const value: unknown = JSON.parse(candidate);
        if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length > 0) return value as Record<string, unknown>;
      } catch {
        // Not JSON (a template with placeholders, prose in braces): try the next one.
      }
    }
  }
  return undefined;
}

/** A value with the example's keys and types: what a model asked for "this shape" produces. */
export function fillJsonExample({ example, random, topic, propertyName = "" }: { example: unknown; random: SeededRandom; topic: Topic; propertyName?: string }): unknown {
  if (Array.isArray(example)) return example.length === 0 ? [] : [fillJsonExample({ example: example[0], random, topic, propertyName })];
  if (typeof example === "object" && example !== null) {
    return Object.fromEntries(Object.entries(example).map(([key, value]) => [key, fillJsonExample({ example: value, random, topic, propertyName: key })]));
  }
  if (typeof example === "number") return Number.isInteger(example) ? random.integer(1, 100) : Math.round(random.next() * 10_000) / 100;
  if (typeof example === "boolean") return random.next() < 0.7;
  if (example === null) return null;
  return sampleString({ node: {}, topic, propertyName });
}
