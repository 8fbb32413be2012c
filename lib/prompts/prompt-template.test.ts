import { describe, expect, it } from "vitest";
import { expectWordedAsEnglish } from "@/testing/catalog-wording";
import { findVariables, listVariables, renderTemplate, type PromptTemplate } from "./prompt-template";

const template: PromptTemplate = {
  model: "kimi-k2.6",
  messages: [
    { role: "system", content: "You answer about {{ city }} in {{language}}." },
    { role: "user", content: "Describe this picture of {{city}}: {{photo}} Answer in \\{{braces}} style." },
  ],
  parameters: { temperature: 0.6, tools: [{ type: "function", function: { name: "lookup", description: "Facts about {{city}} for {{audience}}", parameters: { type: "object" } } }] },
};

describe("prompt templates", () => {
  it("lists variables as they first appear, messages then parameters, ignoring escaped braces", () => {
    expect(findVariables("{{a}} {{ b }} {{a}} \\{{c}} {{bad name}}")).toEqual(["a", "b"]);
    expect(listVariables(template)).toEqual(["city", "language", "photo", "audience"]);
  });

  it("renders a row: text and JSON filled everywhere, a media variable becomes a content part where it stands", () => {
    const rendered = renderTemplate({
      template,
      values: { city: { kind: "text", text: "Paris" }, language: { kind: "text", text: "French" }, photo: { kind: "media", media: "image", url: "data:image/png;base64,AAAA" }, audience: { kind: "json", value: { age: 9 } } },
    });
    expect(rendered.ok).toBe(true);
    if (!rendered.ok) return;
    expect(rendered.request.messages[0]).toEqual({ role: "system", content: "You answer about Paris in French." });
    expect(rendered.request.messages[1]).toEqual({
      role: "user",
      content: [
        { type: "text", text: "Describe this picture of Paris: " },
        { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } },
        { type: "text", text: " Answer in {{braces}} style." },
      ],
    });
    expect(rendered.request.tools).toEqual([{ type: "function", function: { name: "lookup", description: 'Facts about Paris for {"age":9}', parameters: { type: "object" } } }]);
    expect(rendered.request.temperature).toBe(0.6);
  });

  it("names every missing variable once, and refuses media outside a user message", () => {
    const missing = renderTemplate({ template, values: { city: { kind: "text", text: "Oslo" } } });
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.problems.map((problem) => problem.variable)).toEqual(["language", "photo", "audience"]);
    expect(missing.problems[0]!.message).toBe('{{language}} has no value in this row: add a "language" column, or remove the placeholder.');
    const misplaced = renderTemplate({ template: { ...template, messages: [{ role: "system", content: "{{photo}}" }] }, values: { photo: { kind: "media", media: "video", url: "ms://file-1" }, city: { kind: "text", text: "x" }, audience: { kind: "text", text: "y" } } });
    expect(misplaced.ok).toBe(false);
    if (!misplaced.ok) expect(misplaced.problems[0]!.message).toMatch(/holds a video, which can only stand in a user message/);
    // The page words each problem from the catalog; in English it says exactly this.
    const problems = [...missing.problems, ...(misplaced.ok ? [] : misplaced.problems)];
    expectWordedAsEnglish({ namespace: "renderProblems", items: problems.map((problem) => ({ code: problem.code, values: problem.values, english: problem.message })) });
  });
});
