// Writes the promptfoo config the Prompts page exports for a small run on the simulator, to check
// by hand that promptfoo runs it against a workbench (promptfoo needs Node 22, the test suite runs on
// Node 20, so this is not part of `npm test`). See docs/prompt-prototyping.md, "promptfoo config".
//
//   npx tsx --conditions=react-server scripts/promptfoo-check.ts http://127.0.0.1:3000 /tmp/promptfooconfig.json
import { writeFileSync } from "node:fs";
import { promptfooConfig } from "@/lib/prompt-workspace/run-exports";
import type { RunDefinition } from "@/lib/runs/run-types";

const [origin = "http://127.0.0.1:3000", output = "promptfooconfig.json"] = process.argv.slice(2);
const definition: RunDefinition = {
  versions: [{ number: 1, template: { model: "kimi-k2.6", messages: [{ role: "system", content: "Answer as JSON." }, { role: "user", content: "Tell me about {{country}}, its {{topic}}." }], parameters: { response_format: { type: "json_object" } } } }],
  rows: [
    { id: "fr", values: { country: { kind: "text", text: "France" }, topic: { kind: "text", text: "food" } } },
    { id: "no", values: { country: { kind: "text", text: "Norway" }, topic: { kind: "text", text: "history" } }, assert: [{ type: "contains", value: "{" }] },
  ],
  columns: [
    { id: "k26", label: "kimi-k2.6 · Simulator", providerId: "simulator", model: "kimi-k2.6", overrides: {} },
    { id: "k3", label: "kimi-k3 low · Simulator", providerId: "simulator", model: "kimi-k3", overrides: { reasoning_effort: "low" } },
  ],
  assertions: [
    { type: "is-json" },
    { type: "finish-reason", value: "stop" },
    { type: "max-latency", ms: 20_000 },
    { type: "not-contains", value: "zzz" },
    { type: "regex", pattern: "^\\s*\\{" },
    { type: "judge", rubric: "Mentions the country.", model: "kimi-k2.6", providerId: "simulator" },
  ],
  pastedKeyColumns: [],
};
const { config, notes } = promptfooConfig({ definition, version: 1, origin });
writeFileSync(output, `${JSON.stringify(config, null, 2)}\n`);
console.log(`Wrote ${output}${notes.length > 0 ? `; notes: ${notes.join(" ")}` : ""}`);
console.log(`Run it (Node 22): WORKBENCH_ACCESS_TOKEN=… PROMPTFOO_DISABLE_TELEMETRY=1 npx -y node@22 node_modules/promptfoo/dist/src/main.js eval -c ${output} --no-cache`);
