import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../../bench/support/start-app";

/** A production server (server.mjs) in its own process, with everything it logs kept. */
export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  /** Every line written to stdout and stderr so far. */
  logLines(): string[];
  /** Resident memory of the process in bytes (from /proc). */
  rssBytes(): number;
  /** Sends a signal and waits until the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts server.mjs (production build) on a free port (or `port`) with `env`, and waits for /api/health. */
export async function startServerProcess({ env, port, hostname = "127.0.0.1" }: { env: Record<string, string>; port?: number; hostname?: string }): Promise<ServerProcess> {
  const chosen = port ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, [join(process.cwd(), "server.mjs")], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(chosen), HOSTNAME: hostname, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${chosen}`;
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`server.mjs exited during start:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 300) throw new Error(`server.mjs did not start within 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    port: chosen,
    pid: child.pid!,
    logLines: () => output.split("\n").filter((line) => line.trim() !== ""),
    rssBytes: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0) * 1024,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}
