import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { freePort } from "../../bench/support/start-app";

/** A production server process (server.mjs) of its own, for tests that kill and restart it. */
export interface AppProcess {
  url: string;
  /** Kills the process with a signal and waits until it has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts server.mjs on a free port with extra environment and waits until it answers. */
export async function startAppProcess({ env, port }: { env: Record<string, string>; port?: number }): Promise<AppProcess> {
  const chosen = port ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, [join(process.cwd(), "server.mjs")], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(chosen), HOSTNAME: "127.0.0.1", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${chosen}`;
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`server.mjs exited during start: ${errors}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 300) throw new Error(`server.mjs did not start within 30 s: ${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    kill: async (signal) => {
      child.kill(signal);
      await exited;
    },
  };
}
