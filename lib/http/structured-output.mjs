// @ts-check
// Every line the server writes is one JSON object. The workbench's own logs are (pino, and the
// lines server.mjs writes); Next.js prints plain lines ("✓ Ready", warnings), which are wrapped here
// as {"event":"output","message":…} so no line a reader parses can be forged or left unparsed.

/** @param {string} line */
function isJsonObjectLine(line) {
  if (!line.startsWith("{")) return false;
  try {
    return typeof JSON.parse(line) === "object";
  } catch {
    return false;
  }
}

/**
 * Wraps `stream.write` so that plain lines become JSON log lines at `level`.
 * @param {NodeJS.WriteStream} stream
 * @param {number} level pino's numbers: 30 info, 40 warn
 */
export function structureOutput(stream, level) {
  const write = stream.write.bind(stream);
  let pending = "";
  /** @type {(chunk: unknown, encoding?: unknown, callback?: unknown) => boolean} */
  const structured = (chunk, encoding, callback) => {
    const done = typeof encoding === "function" ? encoding : typeof callback === "function" ? callback : undefined;
    const text = pending + (typeof chunk === "string" ? chunk : Buffer.from(/** @type {Uint8Array} */ (chunk)).toString("utf8"));
    const lines = text.split("\n");
    pending = lines.pop() ?? "";
    const out = lines
      .map((line) => line.replace(/\u001b\[[0-9;]*m/g, "").trim())
      .filter((line) => line !== "")
      .map((line) => (isJsonObjectLine(line) ? line : JSON.stringify({ level, time: new Date().toISOString(), event: "output", message: line })))
      .map((line) => `${line}\n`)
      .join("");
    if (out === "") {
      done?.();
      return true;
    }
    return write(out, /** @type {(error?: Error | null) => void} */ (done));
  };
  stream.write = /** @type {typeof stream.write} */ (structured);
}
