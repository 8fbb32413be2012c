import { describe, expect, it } from "vitest";
import { MarkdownSplitter, splitFinishedMarkdown } from "./markdown-splitter";

const answer = [
  "# Title",
  "",
  "A paragraph with `code`.",
  "",
  "```python",
  "def f():",
  "",
  "    return 1",
  "```",
  "",
  "- one",
  "- two",
  "",
  "| a | b |",
  "| --- | --- |",
  "| 1 | 2 |",
  "",
  "Closing line.",
].join("\n");

describe("markdown blocks", () => {
  it("splits a finished text into its top-level blocks", () => {
    expect(splitFinishedMarkdown(answer)).toEqual([
      "# Title",
      "A paragraph with `code`.",
      "```python\ndef f():\n\n    return 1\n```",
      "- one\n- two",
      "| a | b |\n| --- | --- |\n| 1 | 2 |",
      "Closing line.",
    ]);
  });

  it("streamed token by token, ends with the same blocks and never changes a stable block", () => {
    const splitter = new MarkdownSplitter();
    const seen: string[] = [];
    for (let length = 1; length <= answer.length; length += 1) {
      const blocks = splitter.split(answer.slice(0, length));
      // Blocks already stable stay exactly as they were.
      expect(blocks.stable.slice(0, seen.length)).toEqual(seen);
      seen.splice(0, seen.length, ...blocks.stable);
    }
    const final = splitter.split(answer);
    expect([...final.stable, final.tail]).toEqual(splitFinishedMarkdown(answer));
  });

  it("keeps an unclosed code fence (with blank lines) in the tail", () => {
    const splitter = new MarkdownSplitter();
    const blocks = splitter.split("Intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n");
    expect(blocks.stable).toEqual(["Intro"]);
    expect(blocks.tail).toBe("```js\nconst a = 1;\n\nconst b = 2;\n");
  });

  it("re-parses only the tail: a long finished prefix is not parsed again", () => {
    const splitter = new MarkdownSplitter();
    const prefix = Array.from({ length: 2000 }, (_, index) => `Paragraph ${index}.`).join("\n\n");
    splitter.split(`${prefix}\n\nTail`);
    const first = splitter.split(`${prefix}\n\nTail`);
    expect(first.stable).toHaveLength(2000);
    const next = splitter.split(`${prefix}\n\nTail grows`);
    expect(next.stable).toBe(first.stable);
    expect(next.tail).toBe("Tail grows");
  });

  it("starts over when the text is replaced rather than extended", () => {
    const splitter = new MarkdownSplitter();
    splitter.split("First\n\nSecond\n\nThird");
    expect(splitter.split("Other\n\nText")).toEqual({ stable: ["Other"], tail: "Text" });
  });
});
