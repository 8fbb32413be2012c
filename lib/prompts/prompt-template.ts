import type { ChatMessage, ContentPart } from "@/lib/wire/chat-request";

// A prompt for prototyping: a chat request whose strings may hold {{variable}} placeholders
// (system prompt, messages, tool definitions, parameters). Rendering a row of a test set fills
// them; a media variable becomes a content part where its placeholder stands.

/** The value a variable holds for one row. */
export type VariableValue =
  | { kind: "text"; text: string }
  | { kind: "json"; value: unknown }
  /** An image or video: a data URL, an `ms://` file id, or (DashScope) an http(s) URL. */
  | { kind: "media"; media: "image" | "video"; url: string; name?: string };

/** A prompt as saved in a version: the model it was written for, its messages and parameters. */
export interface PromptTemplate {
  model: string;
  messages: ChatMessage[];
  /** Every other request field (temperature, tools, response_format, thinking, …), placeholders allowed in strings. */
  parameters: Record<string, unknown>;
}

/** `{{ name }}`; a backslash before the braces (`\{{name}}`) keeps them literal. */
const placeholder = /(\\)?\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

/** Variable names in `text`, in order of first appearance. */
export function findVariables(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(placeholder)) if (!match[1] && !names.includes(match[2]!)) names.push(match[2]!);
  return names;
}

/** Every string in a value, depth first, object keys excluded. */
function* stringsOf(value: unknown): Generator<string> {
  if (typeof value === "string") yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsOf(item);
  else if (value && typeof value === "object") for (const item of Object.values(value)) yield* stringsOf(item);
}

/** The template's variables in order of first appearance: messages first, then parameters. */
export function listVariables(template: PromptTemplate): string[] {
  const names: string[] = [];
  for (const text of [...stringsOf(template.messages), ...stringsOf(template.parameters)]) for (const name of findVariables(text)) if (!names.includes(name)) names.push(name);
  return names;
}

/** Why a row could not be rendered: a variable it lacks, or a media variable where only text fits. */
export interface RenderProblem {
  variable: string;
  /** In English; the page words it from `renderProblems.<code>` with `values`. */
  message: string;
  code: "missing-value" | "media-misplaced";
  values: Record<string, string>;
}

function textOf(value: VariableValue): string {
  if (value.kind === "text") return value.text;
  if (value.kind === "json") return typeof value.value === "string" ? value.value : JSON.stringify(value.value);
  return value.url;
}

function fillText({ text, values, problems, allowMedia }: { text: string; values: Readonly<Record<string, VariableValue>>; problems: RenderProblem[]; allowMedia: boolean }): string {
  return text.replace(placeholder, (whole, escaped: string | undefined, name: string) => {
    if (escaped) return whole.slice(1);
    const value = values[name];
    if (!value) {
      if (!problems.some((problem) => problem.variable === name)) problems.push({ variable: name, message: `{{${name}}} has no value in this row: add a "${name}" column, or remove the placeholder.`, code: "missing-value", values: { name } });
      return whole;
    }
    if (value.kind === "media" && !allowMedia) {
      problems.push({ variable: name, message: `{{${name}}} holds ${value.media === "image" ? "an image" : "a video"}, which can only stand in a user message's text, not in a system prompt, tool definition or parameter.`, code: "media-misplaced", values: { name, media: value.media } });
      return whole;
    }
    return textOf(value);
  });
}

/** A user message's text with media placeholders turned into content parts where they stand. */
function fillParts({ text, values, problems }: { text: string; values: Readonly<Record<string, VariableValue>>; problems: RenderProblem[] }): ContentPart[] {
  const parts: ContentPart[] = [];
  let rest = "";
  let position = 0;
  for (const match of text.matchAll(placeholder)) {
    const value = values[match[2]!];
    if (match[1] || value?.kind !== "media") continue;
    rest += text.slice(position, match.index);
    if (rest.trim() !== "") parts.push({ type: "text", text: fillText({ text: rest, values, problems, allowMedia: false }) });
    rest = "";
    parts.push(value.media === "image" ? { type: "image_url", image_url: { url: value.url } } : { type: "video_url", video_url: { url: value.url } });
    position = match.index + match[0].length;
  }
  rest += text.slice(position);
  if (rest.trim() !== "" || parts.length === 0) parts.push({ type: "text", text: fillText({ text: rest, values, problems, allowMedia: false }) });
  return parts;
}

function fillValue(value: unknown, fill: (text: string) => string): unknown {
  if (typeof value === "string") return fill(value);
  if (Array.isArray(value)) return value.map((item) => fillValue(item, fill));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillValue(item, fill)]));
  return value;
}

function hasMedia({ text, values }: { text: string; values: Readonly<Record<string, VariableValue>> }): boolean {
  return [...text.matchAll(placeholder)].some((match) => !match[1] && values[match[2]!]?.kind === "media");
}

/**
 * The request a template makes for one row: every placeholder filled, media variables in user
 * messages as image or video parts. Fails with every problem at once (each missing variable once).
 */
export function renderTemplate({ template, values }: { template: PromptTemplate; values: Readonly<Record<string, VariableValue>> }): { ok: true; request: { model: string; messages: ChatMessage[] } & Record<string, unknown> } | { ok: false; problems: RenderProblem[] } {
  const problems: RenderProblem[] = [];
  const fill = (text: string) => fillText({ text, values, problems, allowMedia: false });
  const messages = template.messages.map((message): ChatMessage => {
    if (message.role !== "user") return fillValue(message, fill) as ChatMessage;
    const content = message.content;
    if (typeof content === "string") return { ...message, content: hasMedia({ text: content, values }) ? fillParts({ text: content, values, problems }) : fill(content) };
    const parts = content.flatMap((part): ContentPart[] => (part.type === "text" ? (hasMedia({ text: part.text, values }) ? fillParts({ text: part.text, values, problems }) : [{ ...part, text: fill(part.text) }]) : [fillValue(part, fill) as ContentPart]));
    // An empty text beside pictures or videos is not sent (as in the chat, where a picture may go alone).
    const sent = parts.filter((part) => part.type !== "text" || part.text !== "");
    return { ...message, content: sent.length > 0 ? sent : parts };
  });
  const parameters = fillValue(template.parameters, fill) as Record<string, unknown>;
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, request: { ...parameters, model: fill(template.model), messages } };
}
