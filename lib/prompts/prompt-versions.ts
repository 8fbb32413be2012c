import { formatBytes } from "@/lib/media/media-rules";
import { diffLines } from "diff";
import { canonicalJson } from "@/lib/wire/canonical-arguments";
import type { ChatMessage } from "@/lib/wire/chat-request";
import type { PromptTemplate } from "./prompt-template";

// A prompt's history: every save is an immutable, numbered version with an optional note; any two
// versions compare as text (message by message, line by line) and as parameters (field by field).

/** One saved version of a prompt. */
export interface PromptVersion {
  number: number;
  template: PromptTemplate;
  note?: string;
  createdAt: number;
}

/**
 * The versions with `template` saved as the next one, or a refusal when nothing changed since the
 * latest (a version is a change; saving the same prompt twice would only add noise to the history).
 */
export function saveVersion({ versions, template, note, now }: { versions: readonly PromptVersion[]; template: PromptTemplate; note?: string; now: number }): { ok: true; versions: PromptVersion[]; saved: PromptVersion } | { ok: false; message: string; unchangedSince: number } {
  const latest = versions.at(-1);
  if (latest && canonicalJson(latest.template) === canonicalJson(template)) {
    return { ok: false, message: `Nothing changed since version ${latest.number}: edit the prompt or its parameters, then save.`, unchangedSince: latest.number };
  }
  const trimmed = note?.trim();
  const saved: PromptVersion = { number: (latest?.number ?? 0) + 1, template: structuredClone(template), createdAt: now, ...(trimmed ? { note: trimmed } : {}) };
  return { ok: true, versions: [...versions, saved], saved };
}

/** A run of lines in a text diff. */
export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

/** How one message differs between two versions. */
export interface MessageDiff {
  /** Position in the later version (or the earlier one for a removed message). */
  index: number;
  role: string;
  change: "same" | "changed" | "added" | "removed";
  parts: DiffPart[];
}

/** How one request field differs between two versions (`undefined`: absent on that side). */
export interface ParameterDiff {
  field: string;
  before: unknown;
  after: unknown;
}

/** A picture or video as one diff line: its size and the tail of its bytes (so a replaced file shows as changed), or its id or URL. */
function mediaLine(kind: string, url: string): string {
  if (!url.startsWith("data:")) return `[${kind} ${url}]`;
  const comma = url.indexOf(",");
  // Sized as the media is sized everywhere else ("812 B", "5.9 KB"), never a misleading "0 KB".
  return `[${kind}, ${formatBytes(Math.floor(((url.length - comma - 1) * 3) / 4))}, …${url.slice(-10)}]`;
}

function messageText(message: ChatMessage): string {
  const content = message.content;
  const body = typeof content === "string" ? content : (content ?? []).map((part) => (part.type === "text" ? part.text : part.type === "image_url" ? mediaLine("image", part.image_url.url) : part.type === "video_url" ? mediaLine("video", part.video_url.url) : `[video as ${part.video.length} frames: ${part.video.map((url) => mediaLine("frame", url)).join(" ")}]`)).join("\n");
  const calls = message.role === "assistant" ? (message.tool_calls ?? []).map((call) => `[tool call ${call.function.name}(${call.function.arguments})]`) : [];
  return [body, ...calls].filter(Boolean).join("\n");
}

function lineDiff(before: string, after: string): DiffPart[] {
  return diffLines(before, after).map((change) => ({ kind: change.added ? "added" : change.removed ? "removed" : "same", text: change.value }));
}

/** Two versions compared: the model, each message's text, and each parameter that differs. */
export function diffVersions({ before, after }: { before: PromptTemplate; after: PromptTemplate }): { model?: { before: string; after: string }; messages: MessageDiff[]; parameters: ParameterDiff[] } {
  const messages: MessageDiff[] = [];
  const count = Math.max(before.messages.length, after.messages.length);
  for (let index = 0; index < count; index += 1) {
    const old = before.messages[index];
    const current = after.messages[index];
    if (!old) messages.push({ index, role: current!.role, change: "added", parts: [{ kind: "added", text: messageText(current!) }] });
    else if (!current) messages.push({ index, role: old.role, change: "removed", parts: [{ kind: "removed", text: messageText(old) }] });
    else {
      const parts = lineDiff(messageText(old), messageText(current));
      const roleChanged = old.role !== current.role;
      messages.push({ index, role: roleChanged ? `${old.role} → ${current.role}` : current.role, change: roleChanged || parts.some((part) => part.kind !== "same") ? "changed" : "same", parts });
    }
  }
  const fields = [...new Set([...Object.keys(before.parameters), ...Object.keys(after.parameters)])].sort();
  const parameters = fields.filter((field) => canonicalJson(before.parameters[field]) !== canonicalJson(after.parameters[field])).map((field) => ({ field, before: before.parameters[field], after: after.parameters[field] }));
  return { ...(before.model !== after.model ? { model: { before: before.model, after: after.model } } : {}), messages, parameters };
}
