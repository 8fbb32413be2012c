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
    // Words the workbench shows come from the message catalogs (lib/i18n/messages), never from JSX text.
    // Marks, units and the API's own names are the same in every language.
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    rules: {
      "react/jsx-no-literals": [
        "error",
        { allowedStrings: ["·", "—", "–", "/", ":", "(", ")", "…", "×", "✕", "✎", "↑", "↓", "‹", "›", "→", "←", "%", ",", ".", "≈", "✓", "✗", "?", "B", "POST", "CNY", "USD", "text", "json_object", "json_schema", "json_schema.strict", "⋯", "☰", "$web_search"] },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXAttribute[name.name=/^(aria-label|aria-description|title|placeholder|alt|label|buttonLabel|hint)$/] > Literal[value=/^[A-Z][a-z]|[a-z] [a-z]/]",
          message: "Words people read come from the message catalog: use t(\"…\") (lib/i18n/messages).",
        },
      ],
    },
  },
  {
    files: ["server.mjs", "scripts/**", "bench/**", "e2e/**"],
    rules: { "no-console": "off" },
  },
  globalIgnores([".next/**", "node_modules/**", "public/monaco/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "bench/results/**", ".scratch/**"]),
]);
