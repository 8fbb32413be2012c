import { createHash, randomBytes } from "node:crypto";
import { providerMediaLimits } from "@/lib/catalog/media-limits";
import { invalidRequest, type SimulatorError } from "./simulator-request";

// The simulator's stand-in for Moonshot's files API: files live in this process's memory (a
// restart forgets them), with Moonshot's per-file limit and error messages.

/** Moonshot's documented purposes. */
export const filePurposes = ["file-extract", "image", "video"] as const;

/** A purpose a file is uploaded for. */
export type FilePurpose = (typeof filePurposes)[number];

/** An uploaded file as the simulator keeps it. */
export interface SimulatorFile {
  id: string;
  filename: string;
  purpose: FilePurpose;
  mediaType: string;
  bytes: Uint8Array;
  createdAt: number;
  /** Whose file it is: a hash of the credential it was uploaded with (files are per key, as on Moonshot). */
  owner: string;
}

/** Moonshot's per-file limit. */
export const maxFileBytes = providerMediaLimits.moonshot.maxUploadBytes ?? 0;
const maxFiles = 1000;

/** Moonshot's answer to a file over its limit, in its own words. */
export function fileTooLarge(): SimulatorError {
  return invalidRequest(`File size is too large, max file size is ${maxFileBytes / 1024 / 1024}MB, please confirm and re-upload the file`);
}
// Moonshot allows 10 GB per account; an in-memory stand-in keeps less.
const maxTotalBytes = 1024 * 1024 * 1024;

const stateKey = Symbol.for("kimi-workbench.simulator-files");

function files(): Map<string, SimulatorFile> {
  const holder = globalThis as typeof globalThis & { [stateKey]?: Map<string, SimulatorFile> };
  holder[stateKey] ??= new Map();
  return holder[stateKey];
}

/** The file object the files API returns. */
export function toFileObject(file: SimulatorFile) {
  return {
    id: file.id,
    object: "file",
    bytes: file.bytes.byteLength,
    created_at: Math.floor(file.createdAt / 1000),
    filename: file.filename,
    purpose: file.purpose,
    status: "ok",
    status_details: "",
  };
}

/** Stores an upload, refusing what Moonshot refuses. */
export function storeFile({ filename, purpose, mediaType, bytes, owner }: { filename: string; purpose: string; mediaType: string; bytes: Uint8Array; owner: string }): { ok: true; file: SimulatorFile } | { ok: false; error: SimulatorError } {
  if (!(filePurposes as readonly string[]).includes(purpose)) {
    return { ok: false, error: invalidRequest(`Invalid purpose: ${purpose || "(none)"}; use one of ${filePurposes.join(", ")}`) };
  }
  if (bytes.byteLength === 0) return { ok: false, error: invalidRequest("File size is zero, please confirm and re-upload the file") };
  if (bytes.byteLength > maxFileBytes) return { ok: false, error: fileTooLarge() };
  const store = files();
  if ([...store.values()].filter((file) => file.owner === owner).length >= maxFiles) {
    return { ok: false, error: invalidRequest(`The number of files you have uploaded exceeded the max file count ${maxFiles}, please delete previous uploaded files`) };
  }
  const used = [...store.values()].reduce((sum, file) => sum + file.bytes.byteLength, 0);
  if (used + bytes.byteLength > maxTotalBytes) {
    return { ok: false, error: invalidRequest("The simulator keeps at most 1 GB of files in memory, please delete previous uploaded files") };
  }
  const file: SimulatorFile = { id: `file-sim-${randomBytes(12).toString("hex")}`, filename, purpose: purpose as FilePurpose, mediaType, bytes, createdAt: Date.now(), owner };
  store.set(file.id, file);
  return { ok: true, file };
}

/** A stored file of `owner`, if it exists (another owner's file does not, for this caller). */
export function findFile({ id, owner }: { id: string; owner: string }): SimulatorFile | undefined {
  const file = files().get(id);
  return file?.owner === owner ? file : undefined;
}

/** The owner's stored files, newest first. */
export function listFiles({ owner }: { owner: string }): SimulatorFile[] {
  return [...files().values()].filter((file) => file.owner === owner).sort((a, b) => b.createdAt - a.createdAt);
}

/** Deletes a file of `owner`; false when there was none. */
export function deleteFile({ id, owner }: { id: string; owner: string }): boolean {
  return findFile({ id, owner }) !== undefined && files().delete(id);
}

/** The owner a request acts for: a hash of its Authorization header (requests without one share a bucket). */
export function fileOwnerOf(request: Request): string {
  return createHash("sha256").update(`simulator-files:${request.headers.get("authorization") ?? ""}`).digest("hex");
}

/** Moonshot's answer for a file id it does not have. */
export function fileNotFound(id: string): SimulatorError {
  return { status: 404, type: "resource_not_found_error", message: `Not found the file ${id} or Permission denied` };
}

const textTypes = /^(text\/|application\/(json|xml|javascript|x-yaml|yaml|csv|x-sh|sql|toml))/;
const textExtensions = /\.(txt|md|markdown|csv|tsv|json|jsonl|xml|html?|ya?ml|toml|ini|log|py|js|ts|tsx|jsx|java|c|cc|cpp|h|hpp|go|rs|rb|php|sh|sql|css)$/i;

/**
 * What `file-extract` returns for a file, as Moonshot shapes it: a JSON string with the text under
 * `content`. The simulator reads text formats itself; for PDF, Word and the like it returns a
 * stand-in sentence (the real service extracts their text).
 */
export function extractFileContent(file: SimulatorFile): string {
  const isText = textTypes.test(file.mediaType) || textExtensions.test(file.filename);
  const content = isText
    ? new TextDecoder("utf-8", { fatal: false }).decode(file.bytes)
    : `[Simulator: ${file.filename} is ${file.bytes.byteLength} bytes of ${file.mediaType || "binary data"}. The Moonshot API would return the document's text here; the offline simulator only reads plain-text formats.]`;
  return JSON.stringify({ content, file_type: file.mediaType || "application/octet-stream", filename: file.filename, title: "", type: "file" });
}
