import { defineConfig } from "vitest/config";
import { testAliases } from "./vitest.config";

// The security suite (`npm run test:security`): real server processes from the production build,
// attacked over HTTP. Its files run one after another (several start servers, proxies and two
// instances on one Redis and PostgreSQL).
export default defineConfig({
  resolve: { alias: testAliases },
  test: {
    include: ["security/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
