// @ts-check
// The layers of the workbench, enforced in `npm test` (`npm run lint:deps`). docs/architecture.md
// explains them. Every area of lib/, components/ and app/ has a rank; production code imports only
// its own area or areas ranked below it, so no two areas can depend on each other both ways. Tests
// (`*.test.ts`) and the test support in testing/ sit on top: they may import anything, and nothing
// else may import them.

/** Areas from the bottom up: the wire contract first, the production server's entry last. */
const layers = [
  ["wire", "^lib/wire/"],
  // The catalogs: the server words its own errors from the English one (lib/i18n/server-message.ts).
  ["i18n", "^lib/i18n/"],
  ["async", "^lib/async/"],
  ["catalog", "^lib/catalog/"],
  ["http", "^lib/http/"],
  ["env", "^lib/env\\.ts$"],
  ["log", "^lib/log/"],
  ["guard", "^lib/guard/"],
  ["conversation", "^lib/conversation/"],
  ["media", "^lib/media/"],
  ["markdown", "^lib/markdown/"],
  ["request", "^lib/request/"],
  ["tools", "^lib/tools/"],
  ["prompts", "^lib/prompts/"],
  ["evals", "^lib/evals/"],
  ["tokens", "^lib/tokens/"],
  ["providers", "^lib/providers/"],
  ["store", "^lib/store/"],
  ["history", "^lib/history/"],
  ["code", "^lib/code/"],
  ["gateway", "^lib/gateway/"],
  ["share", "^lib/share/"],
  ["runs", "^lib/runs/"],
  ["startup", "^lib/startup/"],
  ["chat (client state)", "^lib/chat/"],
  ["prompt workspace (client state)", "^lib/prompt-workspace/"],
  ["components/i18n", "^components/i18n/"],
  ["components/ui", "^components/ui/"],
  ["components/markdown", "^components/markdown/"],
  ["components/media", "^components/media/"],
  ["components/tokens", "^components/tokens/"],
  ["components/chat", "^components/chat/"],
  ["components/files", "^components/files/"],
  ["components/header", "^components/header/"],
  ["components/history", "^components/history/"],
  ["components/parameters", "^components/parameters/"],
  ["components/providers", "^components/providers/"],
  ["components/request", "^components/request/"],
  ["components/share", "^components/share/"],
  ["components/prompts", "^components/prompts/"],
  ["components/workbench", "^components/workbench/"],
  ["app (routes and pages)", "^app/"],
  ["server (the production entry)", "^(server/|server\\.mjs$|instrumentation\\.ts$)"],
];

const tests = "\\.test\\.tsx?$";
const testSupport = "^(testing|security/support|processes/support)/";

/** @type {import("dependency-cruiser").IConfiguration["forbidden"]} */
const layerRules = layers.slice(0, -1).map(([name, path], index) => ({
  name: `layer: ${name}`,
  comment: `${name} may import only itself and the areas below it (${layers
    .slice(0, index)
    .map(([below]) => below)
    .join(", ") || "none"}).`,
  severity: "error",
  from: { path, pathNot: tests },
  to: { path: layers.slice(index + 1).map(([, above]) => above).join("|") },
}));

/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No module depends on itself through others (tests included).",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: "test-support-only-in-tests",
      comment: "testing/ (fixture upstreams, route servers) is for tests; production code never imports it.",
      severity: "error",
      from: { pathNot: `${tests}|${testSupport}|^e2e/|^bench/` },
      to: { path: testSupport },
    },
    {
      name: "no-importing-tests",
      comment: "Nothing imports a test file.",
      severity: "error",
      from: {},
      to: { path: tests },
    },
    {
      name: "not-to-unresolvable",
      comment: "Every import resolves (a typo or a missing package fails here, not at run time).",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "no-undeclared-packages",
      comment: "Every package imported is declared in package.json.",
      severity: "error",
      from: {},
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown"] },
    },
    {
      name: "no-dev-packages-in-production",
      comment: "Code that ships (lib/, components/, app/, server/) uses dependencies, not devDependencies.",
      severity: "error",
      from: { path: "^(lib|components|app|server)/", pathNot: `${tests}` },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(\\.next|node_modules|public)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mjs", ".js", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
