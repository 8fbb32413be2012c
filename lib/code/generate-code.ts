import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { Attachment } from "@/lib/conversation/attachment-types";
import { credentialHeader, type PreparedRequest } from "@/lib/providers/prepared-request";
import { extractCodeMedia, nodeMediaPrelude, pythonMediaPrelude, shellMediaSubstitutions, variableName, type CodeMedia } from "./code-media";

/** Code for one request, per language. */
export interface CodeSnippets {
  curl: string;
  python?: string;
  node?: string;
  /** DashScope native: the request body in the native format. */
  nativeJson?: string;
  /** Files the code reads from the current directory (attachments), by name. */
  mediaFiles: string[];
  /** Placeholders that name no attachment of this conversation (the code would send them as they are). */
  unresolvedMedia: string[];
}

/** Puts each media token's variable where the body literal has the quoted token. */
function insertMediaVariables(source: string, media: readonly CodeMedia[]): string {
  let result = source;
  for (const item of media) result = result.replaceAll(JSON.stringify(item.token), variableName(item));
  return result;
}

/** Environment variables a snippet reads: the base URL (with its default) and the key. */
export interface SnippetEnvironment {
  baseUrlEnv: string;
  defaultBaseUrl: string;
  keyEnv: string;
  /** Whether the endpoint needs a key (the simulator and many self-hosted servers do not). */
  keyRequired: boolean;
}

// The same names the workbench's own configuration uses, so one shell setup serves both.
const environmentNames: Record<ProviderId, { baseUrlEnv: string; keyEnv: string; keyRequired: boolean }> = {
  simulator: { baseUrlEnv: "WORKBENCH_BASE_URL", keyEnv: "WORKBENCH_ACCESS_TOKEN", keyRequired: false },
  moonshot: { baseUrlEnv: "MOONSHOT_BASE_URL", keyEnv: "MOONSHOT_API_KEY", keyRequired: true },
  dashscope: { baseUrlEnv: "DASHSCOPE_BASE_URL", keyEnv: "DASHSCOPE_API_KEY", keyRequired: true },
  "dashscope-native": { baseUrlEnv: "DASHSCOPE_NATIVE_BASE_URL", keyEnv: "DASHSCOPE_API_KEY", keyRequired: true },
  "openai-compatible": { baseUrlEnv: "OPENAI_COMPATIBLE_BASE_URL", keyEnv: "OPENAI_COMPATIBLE_API_KEY", keyRequired: false },
};

/** The variables a provider's snippets read, with the base URL this server uses as default. */
export function snippetEnvironment({ providerId, baseUrl }: { providerId: ProviderId; baseUrl: string }): SnippetEnvironment {
  return { ...environmentNames[providerId], defaultBaseUrl: baseUrl.replace(/\/+$/, "") };
}

// Fields the openai Python SDK takes as keyword arguments; the rest go in extra_body.
const pythonKeywords = new Set([
  "model",
  "messages",
  "stream",
  "stream_options",
  "max_tokens",
  "max_completion_tokens",
  "temperature",
  "top_p",
  "n",
  "presence_penalty",
  "frequency_penalty",
  "stop",
  "response_format",
  "tools",
  "tool_choice",
  "seed",
  "parallel_tool_calls",
  "logprobs",
  "top_logprobs",
  "user",
]);

/** A JSON value as a Python literal (True / False / None, double-quoted strings). */
export function toPythonLiteral(value: unknown, indent = 0): string {
  const pad = "    ".repeat(indent + 1);
  const close = "    ".repeat(indent);
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "None";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => `${pad}${toPythonLiteral(item, indent + 1)}`).join(",\n")},\n${close}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([key, item]) => `${pad}${JSON.stringify(key)}: ${toPythonLiteral(item, indent + 1)}`).join(",\n")},\n${close}}`;
}

function indentLines(text: string, spaces: number): string {
  return text
    .split("\n")
    .map((line, index) => (index === 0 ? line : `${" ".repeat(spaces)}${line}`))
    .join("\n");
}

// A heredoc delimiter no JSON line can be, so the body is passed to curl byte for byte.
const heredoc = "KIMI_REQUEST_BODY";

// Headers the openai SDKs set themselves; any other header the provider receives must be passed on.
const sdkHeaders = new Set(["authorization", "content-type", "accept"]);

/** Headers the provider receives beyond the SDK's own (e.g. DashScope's workspace), for the SDK snippets. */
function extraHeaders(prepared: PreparedRequest): Record<string, string> {
  return Object.fromEntries(Object.entries(prepared.headers).filter(([name]) => !sdkHeaders.has(name.toLowerCase())));
}

function curlSnippet({ prepared, body, media, environment, path }: { prepared: PreparedRequest; body: unknown; media: CodeMedia[]; environment: SnippetEnvironment; path: string }): string {
  // Every header the adapter sends, in its order; the key from the snippet's variable.
  const headers = [
    ...(environment.keyRequired ? [`-H "${credentialHeader}: Bearer $${environment.keyEnv}"`] : []),
    ...Object.entries(prepared.headers)
      .filter(([name]) => name !== credentialHeader)
      .map(([name, value]) => `-H "${name}: ${value}"`),
  ];
  const comment = [
    `# Streams server-sent events: reasoning arrives in choices[0].delta.reasoning_content, the answer in`,
    `# choices[0].delta.content, usage in the last chunk.`,
  ];
  const url = `"\${${environment.baseUrlEnv}:-${environment.defaultBaseUrl}}${path}"`;
  if (media.length === 0) {
    return [...comment, `curl -sN ${url} \\`, ...headers.map((header) => `  ${header} \\`), `  -d @- <<'${heredoc}'`, JSON.stringify(body, null, 2), heredoc].join("\n");
  }
  // With media the body is assembled in bash (base64 of files, frames cut by ffmpeg), then piped to curl.
  return [
    "#!/usr/bin/env bash",
    "set -euo pipefail",
    ...comment,
    `body=$(cat <<'${heredoc}'`,
    JSON.stringify(body, null, 2),
    heredoc,
    ")",
    shellMediaSubstitutions(media),
    `printf '%s' "$body" | curl -sN ${url} \\`,
    ...headers.map((header) => `  ${header} \\`),
    "  --data-binary @-",
  ].join("\n");
}

function nodeSnippet({ body, media, environment, headers }: { body: unknown; media: CodeMedia[]; environment: SnippetEnvironment; headers: Record<string, string> }): string {
  const key = environment.keyRequired ? `process.env.${environment.keyEnv}` : `process.env.${environment.keyEnv} ?? "not-needed"`;
  const defaultHeaders = Object.keys(headers).length > 0 ? `\n  defaultHeaders: ${JSON.stringify(headers)},` : "";
  return `// Run with: node request.mjs (npm install openai)
import OpenAI from "openai";
${media.length > 0 ? `${nodeMediaPrelude(media)}\n` : ""}
const client = new OpenAI({
  apiKey: ${key},
  baseURL: process.env.${environment.baseUrlEnv} ?? ${JSON.stringify(environment.defaultBaseUrl)},${defaultHeaders}
});

const stream = await client.chat.completions.create(${indentLines(insertMediaVariables(JSON.stringify(body, null, 2), media), 0)});

let reasoning = "";
let answer = "";
for await (const chunk of stream) {
  const delta = chunk.choices[0]?.delta;
  // Kimi streams its reasoning in reasoning_content, before the answer (not in the SDK's types).
  if (delta?.reasoning_content) {
    if (!reasoning) process.stdout.write("[reasoning]\\n");
    reasoning += delta.reasoning_content;
    process.stdout.write(delta.reasoning_content);
  }
  if (delta?.content) {
    if (!answer) process.stdout.write("\\n[answer]\\n");
    answer += delta.content;
    process.stdout.write(delta.content);
  }
  for (const call of delta?.tool_calls ?? []) process.stdout.write(\`\\n[tool call \${call.index}] \${call.function?.name ?? ""}\${call.function?.arguments ?? ""}\`);
  // Usage arrives once, in a final chunk without choices.
  if (chunk.usage) console.log("\\n[usage]", JSON.stringify(chunk.usage));
}
`;
}

function pythonSnippet({ body, media, environment, headers }: { body: Record<string, unknown>; media: CodeMedia[]; environment: SnippetEnvironment; headers: Record<string, string> }): string {
  const defaultHeaders = Object.keys(headers).length > 0 ? `\n    default_headers=${toPythonLiteral(headers, 1)},` : "";
  const keywords: string[] = [];
  const extra: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(body)) {
    if (pythonKeywords.has(field)) keywords.push(`    ${field}=${insertMediaVariables(toPythonLiteral(value, 1), media)},`);
    else extra[field] = value;
  }
  // Kimi-only fields (thinking, enable_thinking, prompt_cache_key, …) are not SDK arguments.
  if (Object.keys(extra).length > 0) keywords.push(`    extra_body=${insertMediaVariables(toPythonLiteral(extra, 1), media)},`);
  const key = environment.keyRequired ? `os.environ["${environment.keyEnv}"]` : `os.environ.get("${environment.keyEnv}", "not-needed")`;
  return `# Run with: python request.py (pip install openai)
import os

from openai import OpenAI
${media.length > 0 ? `${pythonMediaPrelude(media)}\n` : ""}
client = OpenAI(
    api_key=${key},
    base_url=os.environ.get("${environment.baseUrlEnv}", ${JSON.stringify(environment.defaultBaseUrl)}),${defaultHeaders}
)

stream = client.chat.completions.create(
${keywords.join("\n")}
)

for chunk in stream:
    if chunk.choices:
        delta = chunk.choices[0].delta
        # Kimi streams its reasoning in reasoning_content, before the answer (not in the SDK's types).
        reasoning = getattr(delta, "reasoning_content", None)
        if reasoning:
            print(reasoning, end="", flush=True)
        if delta.content:
            print(delta.content, end="", flush=True)
        for call in delta.tool_calls or []:
            print(f"\\n[tool call {call.index}] {call.function.name or ''}{call.function.arguments or ''}", end="")
    # Usage arrives once, in a final chunk without choices.
    if chunk.usage:
        print("\\n[usage]", chunk.usage)
`;
}

/**
 * The exact request as code: curl, and the openai SDK for Python (Kimi-only fields via extra_body)
 * and Node; for DashScope's native API, the native JSON and curl. Keys are read from the
 * environment, never written into the code.
 */
export function generateCode({
  providerId,
  prepared,
  environment,
  attachments = [],
}: {
  providerId: ProviderId;
  /** The request as the provider's request builder prepared it (the one the adapter sends). */
  prepared: PreparedRequest;
  environment: SnippetEnvironment;
  /** The conversation's attachments, so placeholders in the body become files read from disk. */
  attachments?: readonly Attachment[];
}): CodeSnippets {
  const path = prepared.url.startsWith(environment.defaultBaseUrl) ? prepared.url.slice(environment.defaultBaseUrl.length) : new URL(prepared.url).pathname;
  const extracted = extractCodeMedia({ body: prepared.body, attachments });
  const body = extracted.body as Record<string, unknown>;
  const media = extracted.media;
  const common = { mediaFiles: [...new Set(media.map((item) => item.path))], unresolvedMedia: extracted.unknown };
  const curl = curlSnippet({ prepared, body, media, environment, path });
  if (providerId === "dashscope-native") return { curl, nativeJson: JSON.stringify(prepared.body, null, 2), ...common };
  const headers = extraHeaders(prepared);
  return { curl, python: pythonSnippet({ body, media, environment, headers }), node: nodeSnippet({ body, media, environment, headers }), ...common };
}
