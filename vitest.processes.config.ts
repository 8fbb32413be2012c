import { defineConfig } from "vitest/config";
import { testAliases } from "./vitest.config";

// Runs across real server processes (`npm run test:processes`): instances of the production build
// sharing Redis and PostgreSQL, killed and restarted mid-run. One file at a time.
export default defineConfig({
  resolve: { alias: testAliases },
  test: {
    include: ["processes/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
