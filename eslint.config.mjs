import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": ["error", { allow: ["info", "warn", "error"] }],
    },
  },
  {
    files: ["server.mjs", "scripts/**", "bench/**", "e2e/**"],
    rules: { "no-console": "off" },
  },
  globalIgnores([".next/**", "node_modules/**", "public/monaco/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "bench/results/**", ".scratch/**"]),
]);
