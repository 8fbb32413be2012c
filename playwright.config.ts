import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

// Production build served by server.mjs, with every provider pointed at this machine: the simulator
// (also reached over real HTTP as a "Moonshot" upstream) and a local test upstream.
export const appPort = 3100;
export const upstreamPort = 3199;
/** A key planted in the server's environment; tests assert it never reaches the browser. */
export const plantedServerKey = "sk-planted-e2e-key-0d4c1f9a7b";

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${appPort}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // Anything not on loopback fails to resolve, on top of the per-test request blocking.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
      ],
    },
  },
  webServer: [
    {
      command: `npx tsx e2e/support/upstream-server.ts ${upstreamPort}`,
      url: `http://127.0.0.1:${upstreamPort}/health`,
      reuseExistingServer: false,
      stdout: "ignore",
    },
    {
      command: "node server.mjs",
      url: `http://127.0.0.1:${appPort}/api/health`,
      reuseExistingServer: false,
      stdout: "ignore",
      env: {
        NODE_ENV: "production",
        PORT: String(appPort),
        HOSTNAME: "127.0.0.1",
        MOONSHOT_API_KEY: plantedServerKey,
        // The Moonshot adapter talks to the workbench's own simulator route, over real HTTP.
        MOONSHOT_BASE_URL: `http://127.0.0.1:${appPort}/api/simulator/v1`,
        OPENAI_COMPATIBLE_BASE_URL: `http://127.0.0.1:${upstreamPort}/v1`,
        SIMULATOR_TOKENS_PER_SECOND: "150",
        SIMULATOR_FIRST_TOKEN_MS: "150",
        GATEWAY_RETRY_BASE_DELAY_MS: "50",
        // Shares go to a fresh SQLite file per run, not the repository's .data/.
        DATA_DIR: mkdtempSync(join(tmpdir(), "kimi-e2e-data-")),
      },
    },
  ],
});
