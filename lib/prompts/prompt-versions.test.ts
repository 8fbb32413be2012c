import { describe, expect, it } from "vitest";
import type { PromptTemplate } from "./prompt-template";
import { diffVersions, saveVersion } from "./prompt-versions";

const first: PromptTemplate = { model: "kimi-k2.6", messages: [{ role: "system", content: "Be brief.\nAnswer in {{language}}." }, { role: "user", content: "What is {{city}}?" }], parameters: { temperature: 0.6, tools: [{ type: "function", function: { name: "lookup" } }] } };

describe("prompt versions", () => {
  it("numbers each save, keeps notes, refuses a save without changes, and never shares state with the editor", () => {
    const one = saveVersion({ versions: [], template: first, note: "  first try ", now: 1 });
    expect(one.ok && one.saved).toMatchObject({ number: 1, note: "first try", createdAt: 1 });
    if (!one.ok) return;
    const same = saveVersion({ versions: one.versions, template: { ...first, parameters: { tools: first.parameters.tools, temperature: 0.6 } }, now: 2 });
    expect(same).toEqual({ ok: false, message: "Nothing changed since version 1: edit the prompt or its parameters, then save.", unchangedSince: 1 });
    const edited = structuredClone(first);
    edited.parameters.temperature = 1;
    const two = saveVersion({ versions: one.versions, template: edited, now: 3 });
    expect(two.ok && two.saved.number).toBe(2);
    edited.parameters.temperature = 0.2;
    expect(two.ok && two.saved.template.parameters.temperature).toBe(1);
  });

  it("diffs two versions: model, messages line by line (added, removed, changed) and parameters field by field", () => {
    const second: PromptTemplate = {
      model: "kimi-k3",
      messages: [{ role: "system", content: "Be brief.\nAnswer in {{language}}, with a source." }, { role: "user", content: "What is {{city}}?" }, { role: "assistant", content: "Let me check.", tool_calls: [{ id: "c1", type: "function", function: { name: "lookup", arguments: '{"q":"x"}' } }] }],
      parameters: { temperature: 1, reasoning_effort: "high", tools: [{ type: "function", function: { name: "lookup" } }] },
    };
    const diff = diffVersions({ before: first, after: second });
    expect(diff.model).toEqual({ before: "kimi-k2.6", after: "kimi-k3" });
    expect(diff.messages.map((message) => message.change)).toEqual(["changed", "same", "added"]);
    expect(diff.messages[0]!.parts).toEqual([
      { kind: "same", text: "Be brief.\n" },
      { kind: "removed", text: "Answer in {{language}}." },
      { kind: "added", text: "Answer in {{language}}, with a source." },
    ]);
    expect(diff.messages[2]!.parts[0]!.text).toBe('Let me check.\n[tool call lookup({"q":"x"})]');
    expect(diff.parameters).toEqual([
      { field: "reasoning_effort", before: undefined, after: "high" },
      { field: "temperature", before: 0.6, after: 1 },
    ]);
  });

  it("shows a replaced picture as a changed line with its real size, small files included", () => {
    const picture = (bytes: number, last: string) => `data:image/png;base64,${"A".repeat(Math.ceil((bytes * 4) / 3) - 4)}${last}`;
    const withPicture = (url: string): PromptTemplate => ({ model: "kimi-k2.6", messages: [{ role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url } }] }], parameters: {} });
    const diff = diffVersions({ before: withPicture(picture(600, "AAAA")), after: withPicture(picture(6_000, "BBBB")) });
    const text = diff.messages.flatMap((message) => message.parts.map((part) => `${part.kind}:${part.text}`)).join("");
    expect(text).toMatch(/removed:\[image, 600 B, …A+\]/);
    expect(text).toMatch(/added:\[image, 5\.9 KB, …A*B{4}\]/);
  });
});
