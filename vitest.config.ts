import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Import aliases of every test run (the security suite's configuration uses them too). */
export const testAliases = {
  "@": fileURLToPath(new URL(".", import.meta.url)),
  // `server-only` throws outside Next's server bundles; in unit tests every module is server-side.
  "server-only": fileURLToPath(new URL("./lib/http/server-only-noop.ts", import.meta.url)),
};

export default defineConfig({
  resolve: { alias: testAliases },
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", "security/**", "processes/**"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
